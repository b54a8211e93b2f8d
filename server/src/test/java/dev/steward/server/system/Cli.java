package dev.steward.server.system;

import dev.steward.cli.Context;
import dev.steward.cli.StewardCommand;
import dev.steward.drift.cli.CompareCommand;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/**
 * Runs the {@code steward} command line in this JVM, as {@code bin/steward} would in its own, with a given
 * environment and config file; answers the exit status and what it printed. {@code server} is refused here:
 * the tests start their Steward themselves.
 */
record Cli(Map<String, String> env) {

  /** A command line for {@code steward} at {@code url} as the holder of {@code token} (null: none). */
  static Cli of(String url, String token, Path configFile) {
    Map<String, String> env = new HashMap<>();
    env.put("STEWARD_CONFIG", configFile.toString());
    if (url != null) {
      env.put("STEWARD_URL", url);
    }
    if (token != null) {
      env.put("STEWARD_TOKEN", token);
    }
    return new Cli(Map.copyOf(env));
  }

  Cli with(String name, String value) {
    Map<String, String> env = new HashMap<>(this.env);
    if (value == null) {
      env.remove(name);
    } else {
      env.put(name, value);
    }
    return new Cli(Map.copyOf(env));
  }

  record Run(int exit, String out, String err) {
    JsonNode json() {
      return Api.JSON.readTree(out);
    }

    @Override
    public String toString() {
      return "exit " + exit + "\nout: " + out + "\nerr: " + err;
    }
  }

  Run run(String... args) {
    return runWithInput("", args);
  }

  Run runWithInput(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = StewardCommand.commandLine(
        Context.of(env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))),
        properties -> {
          throw new AssertionError("a client command started the server");
        }, new CompareCommand());
    cli.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

}
