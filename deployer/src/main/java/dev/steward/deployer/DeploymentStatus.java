package dev.steward.deployer;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A deployment as people read it: the desired state's record (unwrapped, as {@code GET .../{model}} always
 * answered), then {@code desired}, {@code observed} and {@code rollout} side by side: version, revisions,
 * traffic split, KServe's conditions, the strategy, the current step, analysis results so far, and the last
 * transition and why. {@code observed} and {@code rollout} are null unless the environment has the
 * {@code cluster} target.
 */
public record DeploymentStatus(
    @JsonUnwrapped Deployment deployment,
    Desired desired,
    @Nullable Observed observed,
    @Nullable RolloutView rollout) {

  /** What Git says should run. */
  public record Desired(int version, String action, @Nullable String commit, Instant since, String target,
      String strategy, List<Integer> steps, String traffic) {}

  /** What the cluster shows. */
  public record Observed(@Nullable Integer version, long generation, long observedGeneration,
      @Nullable String latestCreatedRevision, @Nullable String latestReadyRevision,
      @Nullable String latestRolledoutRevision, @Nullable String previousRolledoutRevision,
      @Nullable Integer canaryTrafficPercent, List<Traffic> traffic, Map<String, Condition> conditions,
      @Nullable String transitionStatus, @Nullable String lastFailure, @Nullable String manualChanges) {}

  public record Traffic(String revision, @Nullable Integer version, long percent, boolean latestRevision,
      @Nullable String tag) {}

  public record Condition(String status, @Nullable String reason, @Nullable String message) {}

  /** How the rollout of the desired state stands. */
  public record RolloutView(String plan, String state, String stateDescription, @Nullable Integer step,
      @Nullable Integer steps, @Nullable Integer percent, boolean paused, int failedAnalyses, int failureLimit,
      @Nullable String stableRevision, @Nullable String canaryRevision, @Nullable Instant appliedAt,
      @Nullable Instant nextAnalysisAt, List<Check> analysis, Transition lastTransition, @Nullable String lastError,
      @Nullable String outcomeCommit) {}

  public record Check(int step, int iteration, String check, String result, @Nullable Double value, String detail,
      Instant at) {}

  public record Transition(Instant at, String reason, String message) {}

  static DeploymentStatus of(Deployment d, @Nullable String commit, DeploymentEnvironment env,
      @Nullable ObservedService o, @Nullable Rollout r, List<RolloutStore.Check> checks,
      @Nullable Map<String, Integer> versions) {
    RolloutPolicy policy = env.rollout();
    boolean canary = policy.strategy() == RolloutPolicy.Strategy.CANARY;
    String traffic = switch (d.action()) {
      case ROLLBACK -> "all traffic on version " + d.version() + " (rollback)";
      case PROMOTE -> canary ? "version " + d.version() + " through canary steps " + policy.steps()
          + ", then all traffic" : "all traffic on version " + d.version();
    };
    Desired desired = new Desired(d.version(), d.action().id(), commit, d.writtenAt(), d.target().id(),
        policy.strategy().id(), policy.steps(), traffic);
    Observed observed = null;
    if (o != null) {
      Map<String, Integer> known = versions == null ? Map.of() : versions;
      List<Traffic> targets = new ArrayList<>();
      for (ObservedService.TrafficTarget t : o.traffic()) {
        targets.add(new Traffic(t.revision(), known.get(t.revision()), t.percent(), t.latestRevision(), t.tag()));
      }
      Map<String, Condition> conditions = new LinkedHashMap<>();
      o.conditions().forEach((type, c) -> conditions.put(type, new Condition(c.status(), c.reason(), c.message())));
      String version = o.annotations().get("steward.dev/model-version");
      observed = new Observed(version == null ? null : Integer.valueOf(version), o.generation(),
          o.observedGeneration(), o.latestCreatedRevision(), o.latestReadyRevision(), o.latestRolledoutRevision(),
          o.previousRolledoutRevision(), o.canaryTrafficPercent(), targets, conditions, o.transitionStatus(),
          o.lastFailure() == null ? null : o.lastFailure().message(), r == null ? null : r.drift);
    }
    RolloutView rollout = null;
    if (r != null) {
      List<Check> analysis = checks.stream().map(c -> new Check(c.step() + 1, c.iteration(), c.name(),
          c.passed() ? "pass" : "fail", c.value(), c.detail(), c.at())).toList();
      boolean steps = r.plan == Rollout.Plan.CANARY;
      rollout = new RolloutView(r.plan.id(), r.state.id(), r.state.description(), steps ? r.step + 1 : null,
          steps ? policy.splitSteps().size() : null, r.percent, r.paused, r.failures, policy.failureLimit(),
          r.stableRevision, r.canaryRevision, r.appliedAt, r.nextAnalysisAt, analysis,
          new Transition(r.transitionAt, r.transitionReason, r.transitionMessage), r.lastError, r.outcomeCommit);
    }
    return new DeploymentStatus(d, desired, observed, rollout);
  }
}
