package dev.steward.cli;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Promotions through the approval gates: request, list, show, approve, reject. */
final class PromotionCommands {
  static final String[] COLUMNS = {"id", "model", "version", "environment", "state", "requestedBy", "requestedAt"};

  private PromotionCommands() {}

  @Command(name = "promote", description = {"Requests the promotion of a model version to an environment; the policy "
      + "of the environment decides at once or waits for reviewers.",
      "Example: steward promote churn 1 --to staging --reason 'soaked in dev'"})
  static final class Promote extends ApiCommand {
    @Parameters(index = "0", paramLabel = "MODEL")
    String model;

    @Parameters(index = "1", paramLabel = "VERSION")
    int version;

    @Option(names = "--to", required = true, paramLabel = "ENVIRONMENT", description = "dev, staging, production, ...")
    String environment;

    @Option(names = "--reason", paramLabel = "TEXT")
    @Nullable String reason;

    @Override
    int run(StewardClient steward) {
      return print(steward.post("/api/v1/promotions", StewardClient.map("model", model, "version", version,
          "environment", environment, "reason", reason)), COLUMNS);
    }
  }

  @Command(name = "promotions", description = "List and show promotions.",
      subcommands = {Promotions.ListPromotions.class, Promotions.ShowPromotion.class})
  static final class Promotions {
    @Command(name = "list", description = "Lists promotions, newest first.")
    static final class ListPromotions extends ApiCommand {
      @Option(names = "--state", description = "pending, approved, rejected, cancelled, expired")
      @Nullable String state;

      @Option(names = "--model", paramLabel = "MODEL")
      @Nullable String model;

      @Option(names = "--environment", paramLabel = "ENVIRONMENT")
      @Nullable String environment;

      @Mixin
      Paging paging;

      @Override
      int run(StewardClient steward) {
        return print(steward.get("/api/v1/promotions", "state", state, "model", model, "environment", environment,
            "page", paging.page, "size", paging.size), COLUMNS);
      }
    }

    @Command(name = "show", description = "Shows a promotion with its evaluation and decisions.")
    static final class ShowPromotion extends ApiCommand {
      @Parameters(index = "0", paramLabel = "ID")
      String id;

      @Override
      int run(StewardClient steward) {
        return print(steward.get("/api/v1/promotions/" + StewardClient.segment(id)));
      }
    }
  }

  /** A reviewer's decision on a pending promotion. */
  abstract static class Decide extends ApiCommand {
    @Parameters(index = "0", paramLabel = "PROMOTION-ID")
    String id;

    @Option(names = "--comment", paramLabel = "TEXT")
    @Nullable String comment;

    abstract String decision();

    @Override
    int run(StewardClient steward) {
      return print(steward.post("/api/v1/promotions/" + StewardClient.segment(id) + "/decisions",
          StewardClient.map("decision", decision(), "comment", comment)), COLUMNS);
    }
  }

  @Command(name = "approve", description = "Approves a pending promotion (role reviewer).")
  static final class Approve extends Decide {
    @Override
    String decision() {
      return "approve";
    }
  }

  @Command(name = "reject", description = "Rejects a pending promotion (role reviewer).")
  static final class Reject extends Decide {
    @Override
    String decision() {
      return "reject";
    }
  }
}
