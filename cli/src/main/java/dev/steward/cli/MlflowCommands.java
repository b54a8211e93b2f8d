package dev.steward.cli;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** Import from an MLflow tracking server, through Steward (which connects to MLflow). */
final class MlflowCommands {
  private MlflowCommands() {}

  @Command(name = "mlflow", description = "Import from MLflow.", subcommands = MlflowCommands.Import.class)
  static final class Mlflow {}

  @Command(name = "import", description = {
      "Imports an MLflow run, or a registered model version (by version or alias), as a Steward model version: "
          + "metrics, params, input datasets, artifact and flavor. MLflow 2.x and 3.x (logged models).",
      "Examples:",
      "  steward mlflow import --registered-model churn --alias champion",
      "  steward mlflow import --run-id 0a1b2c... --model churn"})
  static final class Import extends ApiCommand {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
      @Option(names = "--run-id", paramLabel = "ID", required = true, description = "an MLflow run (give --model too)")
      @Nullable String runId;

      @ArgGroup(exclusive = false)
      @Nullable Registered registered;
    }

    static final class Registered {
      @Option(names = "--registered-model", paramLabel = "NAME", required = true, description = "a registered model in MLflow")
      String name;

      @ArgGroup(exclusive = true, multiplicity = "1")
      Pick pick;
    }

    static final class Pick {
      @Option(names = "--version", paramLabel = "N", required = true, description = "its version")
      @Nullable String version;

      @Option(names = "--alias", paramLabel = "ALIAS", required = true, description = "or its alias")
      @Nullable String alias;
    }

    @Option(names = "--model", paramLabel = "NAME", description = "the Steward model (default for a registered model: its name, lowercased)")
    @Nullable String model;

    @Option(names = "--artifact-path", paramLabel = "PATH", description = "the model's artifact path in the run, when it logged several")
    @Nullable String artifactPath;

    @Option(names = "--tracking-uri", paramLabel = "URI", description = "the MLflow tracking server (default: $MLFLOW_TRACKING_URI, else Steward's steward.mlflow.tracking-uri)")
    @Nullable String trackingUri;

    @Override
    int run(StewardClient steward) {
      if (source.runId != null && model == null) {
        throw usage("Importing a run needs --model NAME: the Steward model to register the version under.");
      }
      String tracking = trackingUri != null ? trackingUri : context().env("MLFLOW_TRACKING_URI");
      Registered r = source.registered;
      JsonNode answer = steward.post("/api/v1/imports/mlflow", StewardClient.map(
          "runId", source.runId,
          "registeredModel", r == null ? null : r.name,
          "version", r == null ? null : r.pick.version,
          "alias", r == null ? null : r.pick.alias,
          "model", model, "artifactPath", artifactPath, "trackingUri", tracking));
      if (connection.output != Format.table) {
        return print(answer);
      }
      JsonNode v = answer.path("modelVersion");
      out().printf("%s MLflow run %s as %s version %s.%n", answer.path("created").asBoolean() ? "Imported"
          : "Already imported", answer.path("source").path("runId").asString(), v.path("name").asString(),
          v.path("version").asString());
      answer.path("warnings").forEach(w -> out().println("warning: " + w.asString()));
      return print(v);
    }
  }
}
