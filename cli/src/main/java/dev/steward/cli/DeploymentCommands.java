package dev.steward.cli;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** Desired and observed deployments, and rollback. */
final class DeploymentCommands {
  private DeploymentCommands() {}

  @Command(name = "deployments", description = "What is desired and observed where.",
      subcommands = {Deployments.ListDeployments.class, Deployments.ShowDeployment.class, Deployments.Manifest.class,
          Deployments.History.class})
  static final class Deployments {
    @Command(name = "list", description = "Lists the desired deployments.")
    static final class ListDeployments extends ApiCommand {
      @Option(names = "--environment", paramLabel = "ENVIRONMENT")
      @Nullable String environment;

      @Override
      int run(StewardClient steward) {
        return print(steward.get("/api/v1/deployments", "environment", environment),
            "environment", "model", "version", "action", "previousVersion", "writtenBy", "writtenAt");
      }
    }

    @Command(name = "show", description = "Shows a deployment: desired and observed side by side.")
    static final class ShowDeployment extends ApiCommand {
      @Parameters(index = "0", paramLabel = "ENVIRONMENT")
      String environment;

      @Parameters(index = "1", paramLabel = "MODEL")
      String model;

      @Override
      int run(StewardClient steward) {
        return print(steward.get(path(environment, model)));
      }
    }

    @Command(name = "manifest", description = "Prints the rendered KServe InferenceService (default output yaml).")
    static final class Manifest extends ApiCommand {
      @Parameters(index = "0", paramLabel = "ENVIRONMENT")
      String environment;

      @Parameters(index = "1", paramLabel = "MODEL")
      String model;

      @Override
      int run(StewardClient steward) {
        JsonNode manifest = steward.get(path(environment, model) + "/manifest");
        Printer.print(out(), connection.output == Format.table ? Format.yaml : connection.output, manifest);
        return ExitCode.OK.code();
      }
    }

    @Command(name = "history", description = "The desired states of a deployment over time.")
    static final class History extends ApiCommand {
      @Parameters(index = "0", paramLabel = "ENVIRONMENT")
      String environment;

      @Parameters(index = "1", paramLabel = "MODEL")
      String model;

      @Override
      int run(StewardClient steward) {
        return print(steward.get(path(environment, model) + "/history"));
      }
    }
  }

  @Command(name = "rollback", description = {"Rolls a deployment back to the version rolled out before (role oncall). "
      + "Rolling back twice is one rollback.", "Example: steward rollback production churn --reason 'error rate up'"})
  static final class Rollback extends ApiCommand {
    @Parameters(index = "0", paramLabel = "ENVIRONMENT")
    String environment;

    @Parameters(index = "1", paramLabel = "MODEL")
    String model;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "why, for the audit trail")
    String reason;

    @Override
    int run(StewardClient steward) {
      JsonNode answer = steward.post(path(environment, model) + "/rollback", StewardClient.map("reason", reason));
      if (connection.output != Format.table) {
        return print(answer);
      }
      JsonNode d = answer.path("deployment");
      out().printf("%s %s in %s: desired version %s (was %s).%n", answer.path("changed").asBoolean() ? "Rolled back"
          : "Already rolled back", d.path("model").asString(), d.path("environment").asString(),
          d.path("version").asString(), Printer.cell(d.path("previousVersion")));
      out().flush();
      return ExitCode.OK.code();
    }
  }

  static String path(String environment, String model) {
    return "/api/v1/deployments/" + StewardClient.segment(environment) + "/" + StewardClient.segment(model);
  }
}
