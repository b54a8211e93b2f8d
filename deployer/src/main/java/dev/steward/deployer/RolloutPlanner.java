package dev.steward.deployer;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/** Plans how a newly committed desired state reaches the cluster, from what the cluster shows. */
final class RolloutPlanner {
  private final RolloutStore store;
  private final Clock clock;

  RolloutPlanner(RolloutStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * Plans the rollout of a newly committed desired state from what is observed: a rollback pins a revision
   * KServe still holds, or applies the earlier spec again; a first deployment or a version already in place
   * goes direct; otherwise the environment's strategy, resuming at the step the cluster shows (after a lost
   * database, say).
   */
  Rollout plan(DeploymentEnvironment env, Deployment desired, String commit, @Nullable ObservedService o,
      @Nullable Rollout previous) {
    Instant now = clock.instant();
    ObjectNode manifest = Json.tree(desired.manifest());
    String base = Json.write(manifest);
    boolean knative = "Knative".equals(env.defaults().deploymentMode());
    if (desired.action() == Deployment.Action.ROLLBACK && o != null && knative) {
      Optional<RolloutStore.Revision> newest = store.revision(env.name(), desired.model(), o.latestCreatedRevision());
      Optional<RolloutStore.Revision> held = java.util.stream.Stream.of(o.latestRolledoutRevision(),
              o.previousRolledoutRevision())
          .map(rev -> store.revision(env.name(), desired.model(), rev)).flatMap(Optional::stream)
          .filter(rev -> rev.version() == desired.version()).findFirst();
      if (held.isPresent() && newest.isPresent() && newest.get().version() != desired.version()) {
        Rollout r = new Rollout(env.name(), desired.model(), commit, desired.version(), desired.service(),
            Rollout.Plan.PIN, RolloutState.PENDING, 0, 0, newest.get().manifest(), desired.writtenAt(), now,
            "Planned", "Rollback to version " + desired.version() + ": KServe still holds its revision "
            + held.get().revision() + ", so canaryTrafficPercent 0 on the current spec sends all traffic back to it"
            + " without a new revision.");
        r.stableRevision = held.get().revision();
        r.stableVersion = desired.version();
        return r;
      }
    }
    if (desired.action() == Deployment.Action.ROLLBACK) {
      return new Rollout(env.name(), desired.model(), commit, desired.version(), desired.service(),
          Rollout.Plan.REAPPLY, RolloutState.PENDING, 0, null, base,
          desired.writtenAt(), now, "Planned", "Rollback to version " + desired.version() + ": its revision is no longer"
          + " held (or its version unknown), so its spec from Git is applied again as a new revision.");
    }
    boolean firstDeployment = o == null || o.latestRolledoutRevision() == null;
    boolean alreadyThere = o != null && o.canaryTrafficPercent() == null
        && ManualChanges.of(manifest, o).isEmpty() && o.inPlace(100);
    List<Integer> steps = env.rollout().splitSteps();
    if (env.rollout().strategy() == RolloutPolicy.Strategy.DIRECT || firstDeployment || alreadyThere
        || steps.isEmpty()) {
      String why = env.rollout().strategy() == RolloutPolicy.Strategy.DIRECT ? "environment " + env.name()
          + " rolls out directly" : firstDeployment ? "a first deployment takes all traffic (KServe ignores"
          + " canaryTrafficPercent without a rolled-out revision)" : alreadyThere ? "the cluster already serves it"
          : "no step splits traffic";
      Rollout r = new Rollout(env.name(), desired.model(), commit, desired.version(), desired.service(),
          Rollout.Plan.DIRECT, RolloutState.PENDING, 0, null, base, desired.writtenAt(), now, "Planned", "Version "
          + desired.version() + " goes direct: " + why + ".");
      if (o != null && !alreadyThere) {
        r.stableRevision = o.latestRolledoutRevision();
        r.stableVersion = store.revision(env.name(), desired.model(), o.latestRolledoutRevision())
            .map(RolloutStore.Revision::version).orElse(null);
      }
      return r;
    }
    int step = 0;
    String resumed = "";
    ObjectNode asObserved = manifest.deepCopy();
    if (o.canaryTrafficPercent() != null) {
      ((ObjectNode) asObserved.path("spec").path("predictor")).put("canaryTrafficPercent",
          o.canaryTrafficPercent().intValue());
    }
    if (o.canaryTrafficPercent() != null && ManualChanges.of(asObserved, o).isEmpty()
        && steps.contains(o.canaryTrafficPercent())) {
      step = steps.indexOf(o.canaryTrafficPercent());
      resumed = " Resumed at step " + (step + 1) + " (" + o.canaryTrafficPercent() + "%), as the cluster shows.";
    }
    Rollout r = new Rollout(env.name(), desired.model(), commit, desired.version(), desired.service(),
        Rollout.Plan.CANARY, RolloutState.PENDING, step, steps.get(step), base, desired.writtenAt(), now, "Planned",
        "Canary of version " + desired.version() + " in steps " + env.rollout().steps() + " against revision "
            + o.latestRolledoutRevision() + "." + resumed);
    r.stableRevision = o.latestRolledoutRevision();
    r.stableVersion = store.revision(env.name(), desired.model(), o.latestRolledoutRevision())
        .map(RolloutStore.Revision::version).orElse(previous == null ? null : previous.version);
    return r;
  }
}
