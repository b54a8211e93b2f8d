package dev.steward.retrain;

import dev.steward.registry.EntityNotFound;
import dev.steward.registry.InvalidRequest;
import dev.steward.registry.Names;
import dev.steward.registry.Page;
import dev.steward.registry.RegistryConflict;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Retrains models: registers retrain plans (one commit each, their cron triggers scheduled in Quartz), starts
 * runs by hand, on drift and on new dataset versions, and answers for runs and their status reports.
 *
 * <pre>{@code
 * RetrainPlan plan = retrain.registerPlan("alice", new PlanRequest("churn", null,
 *     List.of(new Trigger.Cron("0 0 3 * * ?", "Europe/Zurich"), new Trigger.Manual()),
 *     new Launcher.Process(List.of("python3", "train.py"), null, null), "forbid", "2h", 2, "5m", null));
 * RetrainRun run = retrain.trigger("alice", "churn", "new features");   // recorded and launched
 * retrain.runs("churn", null, RunState.SUCCEEDED, 0, 50);
 * }</pre>
 */
public class RetrainScheduler {
  private static final int MAX_PAGE = 500;

  private final Plans plans;
  private final RetrainIndex index;
  private final RunLedger ledger;
  private final RunEngine engine;
  private final Schedules schedules;
  private final Clock clock;

  RetrainScheduler(Plans plans, RetrainIndex index, RunLedger ledger, RunEngine engine, Schedules schedules, Clock clock) {
    this.plans = plans;
    this.index = index;
    this.ledger = ledger;
    this.engine = engine;
    this.schedules = schedules;
    this.clock = clock;
  }

  /** Registers a plan or its next revision (one commit) and schedules its cron triggers. */
  public RetrainPlan registerPlan(String actor, PlanRequest request) {
    String model = Names.requireName("model", request.model());
    RetrainPlan plan = ledger.locked("plan", model, () -> plans.register(actor, request));
    schedules.sync(plan);
    return plan;
  }

  /** Removes a plan (one commit): its triggers stop; its active runs are cancelled. */
  public void removePlan(String actor, String model) {
    ledger.locked("plan", model, () -> {
      plans.remove(actor, model);
      return null;
    });
    schedules.removePlan(model);
    index.activeRuns(model).forEach(r -> engine.cancel(r.id(), "the retrain plan of " + model + " was removed"));
  }

  public RetrainPlan plan(String model) {
    return index.plan(Names.requireName("model", model))
        .orElseThrow(() -> new EntityNotFound("retrain plan " + model + " does not exist"));
  }

  public List<RetrainPlan> plans() {
    return index.plans();
  }

  /** When each cron trigger of a plan fires next, by its position among the plan's triggers. */
  public Map<Integer, Instant> nextFires(String model) {
    RetrainPlan plan = plan(model);
    Map<Integer, Instant> next = new java.util.TreeMap<>();
    for (int i = 0; i < plan.triggers().size(); i++) {
      int position = i;
      schedules.nextFire(model, i).ifPresent(at -> next.put(position, at));
    }
    return next;
  }

  /** Starts a run by hand: recorded, then launched, before this returns. The plan must have a manual trigger. */
  public RetrainRun trigger(String actor, String model, @Nullable String reason) {
    RetrainPlan plan = plan(model);
    if (plan.trigger(Trigger.Manual.class).isEmpty()) {
      throw new RegistryConflict("retrain plan " + model + " has no manual trigger; add {\"type\": \"manual\"} to its "
          + "triggers to start runs by hand");
    }
    return engine.manual(plan, actor, Names.optionalText("reason", reason)).forApi();
  }

  public RetrainRun run(String id) {
    return index.run(Names.requireKey("id", id)).map(RetrainRun::forApi)
        .orElseThrow(() -> new EntityNotFound("retrain run " + id + " does not exist"));
  }

  /**
   * Runs, newest first, filtered by model, plan ({@code <model>} or {@code <model>@<revision>}) and state.
   */
  public Page<RetrainRun> runs(@Nullable String model, @Nullable String plan, @Nullable String state, int page,
      int size) {
    if (page < 0) {
      throw new InvalidRequest("page", "must be >= 0");
    }
    if (size < 1 || size > MAX_PAGE) {
      throw new InvalidRequest("size", "must be between 1 and " + MAX_PAGE);
    }
    String m = model == null ? null : Names.requireName("model", model);
    Integer revision = null;
    if (plan != null) {
      String[] parts = plan.split("@", 2);
      String planModel = Names.requireName("plan", parts[0]);
      if (m != null && !m.equals(planModel)) {
        throw new InvalidRequest("plan", "names model " + planModel + " but model is " + m);
      }
      m = planModel;
      if (parts.length == 2) {
        try {
          revision = Integer.valueOf(parts[1]);
        } catch (NumberFormatException e) {
          throw new InvalidRequest("plan", "'" + Names.abbreviate(plan) + "' is not <model> or <model>@<revision>");
        }
      }
    }
    RunState s = state == null ? null : RunState.fromId(state);
    Page<RetrainRun> found = index.runs(m, revision, s, page, size);
    return new Page<>(found.items().stream().map(RetrainRun::forApi).toList(), found.page(), found.size(), found.total());
  }

  /**
   * What a run reports about itself. {@code caller} is the run token's identity, or null for an admin; a run
   * token speaks only for its own run.
   */
  public RetrainRun report(@Nullable RunIdentity caller, String runId, RunStatusReport report) {
    if (caller != null && !caller.runId().equals(runId)) {
      throw new RunTokenRefused("this run token belongs to retrain run " + caller.runId() + ", not " + runId);
    }
    if (report == null || report.state() == null) {
      throw new InvalidRequest("state", "is required: running, succeeded or failed");
    }
    return engine.report(Names.requireKey("id", runId), report).forApi();
  }

  /** A new dataset version: starts a run of each plan waiting for that dataset (and tag, where it names one). */
  public List<String> datasetRegistered(String dataset, int version, String digest, Map<String, String> tags) {
    Instant now = clock.instant();
    List<String> started = new java.util.ArrayList<>();
    for (RetrainPlan plan : index.plansTriggeredBy("dataset", dataset)) {
      boolean matches = plan.triggers().stream().filter(Trigger.NewDataset.class::isInstance)
          .map(Trigger.NewDataset.class::cast)
          .anyMatch(t -> t.dataset().equals(dataset) && tagMatches(t.tag(), tags));
      if (matches) {
        schedules.once("dataset/" + plan.model() + "/" + dataset + "/" + version, now, Map.of("step", "dataset",
            "model", plan.model(), "dataset", dataset, "datasetVersion", String.valueOf(version), "datasetDigest",
            digest, "at", String.valueOf(now.toEpochMilli())));
        started.add(plan.model());
      }
    }
    return started;
  }

  /**
   * Starts a run of {@code model}'s plan on {@code dataset} as a new version of it would (the run's cause names
   * it), whatever the plan's triggers: a dataset version that replaces one whose consent was revoked. The run is
   * keyed by {@code at}, so asking again with the same instant finds the same run. False when there is no plan.
   */
  public boolean retrainOn(String model, dev.steward.registry.Reference dataset, Instant at) {
    if (index.plan(Names.requireName("model", model)).isEmpty()) {
      return false;
    }
    schedules.once("dataset/" + model + "/" + dataset.name() + "/" + dataset.version() + "/" + at.toEpochMilli(),
        clock.instant(), Map.of("step", "dataset", "model", model, "dataset", dataset.name(), "datasetVersion",
            String.valueOf(dataset.version()), "datasetDigest", dataset.digest(), "at", String.valueOf(at.toEpochMilli())));
    return true;
  }

  static boolean tagMatches(@Nullable String filter, Map<String, String> tags) {
    if (filter == null) {
      return true;
    }
    int eq = filter.indexOf('=');
    return eq < 0 ? tags.containsKey(filter) : filter.substring(eq + 1).equals(tags.get(filter.substring(0, eq)));
  }
}
