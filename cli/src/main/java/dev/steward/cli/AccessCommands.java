package dev.steward.cli;

import java.io.BufferedReader;
import java.io.Console;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** Logging in, and API tokens. */
final class AccessCommands {
  private AccessCommands() {}

  @Command(name = "login", description = {
      "Stores Steward's URL and an API token in the user's config file (mode 600) after checking them with the server. "
          + "STEWARD_URL and STEWARD_TOKEN override what is stored.",
      "Example: steward login --url https://steward.example.com --token-stdin < token.txt"})
  static final class Login extends ApiCommand {
    @Option(names = "--token", paramLabel = "TOKEN", description = "the API token (stw_...); visible in the shell's "
        + "history, so prefer --token-stdin or the prompt")
    @Nullable String token;

    @Option(names = "--token-stdin", description = "read the token from standard input")
    boolean tokenStdin;

    @Option(names = "--no-verify", negatable = false, description = "store without checking with the server")
    boolean noVerify;

    @Override
    public Integer call() throws Exception {
      Context context = context();
      UserConfig stored = UserConfig.read(context.configFile());
      String url = connection.url != null ? connection.url
          : context.env("STEWARD_URL") != null ? context.env("STEWARD_URL")
          : stored.url() != null ? stored.url() : DEFAULT_URL;
      String secret = token;
      if (tokenStdin) {
        if (token != null) {
          throw usage("Give --token or --token-stdin, not both.");
        }
        secret = new BufferedReader(new InputStreamReader(context.stdin(), StandardCharsets.UTF_8)).readLine();
      } else if (secret == null) {
        Console console = System.console();
        if (console == null) {
          throw usage("No token: give --token-stdin (and the token on standard input) or --token TOKEN.");
        }
        char[] typed = console.readPassword("API token for %s: ", url);
        secret = typed == null ? null : new String(typed);
      }
      if (secret == null || secret.isBlank()) {
        throw usage("The token is empty.");
      }
      secret = secret.strip();
      if (!noVerify) {
        new StewardClient(url, secret, "--url").get("/api/v1/environments");
      }
      new UserConfig(url, secret).write(context.configFile());
      err().println("Logged in to " + url + (noVerify ? " (not verified)" : "") + "; stored in " + context.configFile() + ".");
      err().flush();
      return ExitCode.OK.code();
    }

    @Override
    int run(StewardClient steward) {
      throw new UnsupportedOperationException("login runs call()");
    }
  }

  @Command(name = "tokens", description = "Issue, list and revoke API tokens (role admin).",
      subcommands = {Tokens.Issue.class, Tokens.ListTokens.class, Tokens.Revoke.class})
  static final class Tokens {
    @Command(name = "issue", description = {"Issues a token; it is shown once.",
        "Example: steward tokens issue alice --role ml-engineer"})
    static final class Issue extends ApiCommand {
      @Parameters(index = "0", paramLabel = "PRINCIPAL", description = "who the token is for")
      String principal;

      @Option(names = "--role", required = true, paramLabel = "ROLE", split = ",",
          description = "ml-engineer, reviewer, oncall, policy-admin, privacy-officer, ingest, admin (repeatable)")
      List<String> roles;

      @Option(names = "--quiet", description = "print the token alone (for scripts)")
      boolean quiet;

      @Override
      int run(StewardClient steward) {
        JsonNode issued = steward.post("/api/v1/admin/tokens", StewardClient.map("principal", principal, "roles", roles));
        if (quiet) {
          out().println(issued.path("token").asString());
          out().flush();
          return ExitCode.OK.code();
        }
        return print(issued);
      }
    }

    @Command(name = "list", description = "Lists the tokens (never the token itself).")
    static final class ListTokens extends ApiCommand {
      @Override
      int run(StewardClient steward) {
        return print(steward.get("/api/v1/admin/tokens"), "id", "principal", "roles", "issuedBy", "issuedAt");
      }
    }

    @Command(name = "revoke", description = "Revokes a token by its id.")
    static final class Revoke extends ApiCommand {
      @Parameters(index = "0", paramLabel = "ID")
      String id;

      @Override
      int run(StewardClient steward) {
        steward.delete("/api/v1/admin/tokens/" + StewardClient.segment(id));
        out().println("Revoked token " + id + ".");
        out().flush();
        return ExitCode.OK.code();
      }
    }
  }

}
