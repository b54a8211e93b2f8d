package dev.steward.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** Lineage, history and verification of the registry repository. */
final class LineageCommands {
  private LineageCommands() {}

  enum Direction { upstream, downstream }

  @Command(name = "lineage", description = {"What a version was built from (upstream) or what was built on it (downstream).",
      "KIND: models, datasets, feature-sets, threshold-sets, explanation-templates.",
      "Example: steward lineage datasets churn-events 1 --direction downstream"})
  static final class Lineage extends ApiCommand {
    @Parameters(index = "0", paramLabel = "KIND")
    String kind;

    @Parameters(index = "1", paramLabel = "NAME")
    String name;

    @Parameters(index = "2", paramLabel = "VERSION")
    int version;

    @Option(names = "--direction", defaultValue = "upstream", description = "upstream or downstream (default: ${DEFAULT-VALUE})")
    Direction direction;

    @Override
    int run(StewardClient steward) {
      JsonNode answer = steward.get("/api/v1/lineage/" + StewardClient.segment(kind) + "/" + StewardClient.segment(name)
          + "/versions/" + version, "direction", direction.name());
      if (connection.output != Format.table) {
        return print(answer);
      }
      Printer.print(out(), Format.table, answer.path("nodes"), "kind", "name", "version", "digest");
      return ExitCode.OK.code();
    }
  }

  @Command(name = "history", description = {"The commits that changed an entity, newest first.",
      "Example: steward history models churn"})
  static final class History extends ApiCommand {
    @Parameters(index = "0", paramLabel = "KIND")
    String kind;

    @Parameters(index = "1", paramLabel = "NAME")
    String name;

    @Mixin
    Paging paging;

    @Override
    int run(StewardClient steward) {
      return print(steward.get("/api/v1/history/" + StewardClient.segment(kind) + "/" + StewardClient.segment(name),
          "page", paging.page, "size", paging.size), "time", "actor", "action", "summary", "commitId");
    }
  }

  @Command(name = "verify", description = "Verifies the registry repository: signatures, and that every changed file is "
      + "named in its commit's trailers with its digest. Exits 1 when verification fails.")
  static final class Verify extends ApiCommand {
    @Override
    int run(StewardClient steward) {
      JsonNode report = steward.get("/api/v1/lineage/verify");
      print(report);
      return report.path("ok").asBoolean(false) ? ExitCode.OK.code() : ExitCode.FOUND.code();
    }
  }
}
