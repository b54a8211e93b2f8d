package dev.steward.deployer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rollout state machine once a manifest is applied: waits until KServe has each step in place, runs the
 * canary's analyses, advances, promotes or aborts, and pins a rollback; {@link Reconciler} observes and applies.
 */
final class RolloutProgress {
  private static final Logger LOG = LoggerFactory.getLogger(RolloutProgress.class);

  private final Deployer deployer;
  private final RolloutStore store;
  private final @Nullable Cluster cluster;
  private final CanaryAnalysis analysis;
  private final DeployerMetrics metrics;

  RolloutProgress(Deployer deployer, RolloutStore store, @Nullable Cluster cluster, CanaryAnalysis analysis,
      DeployerMetrics metrics) {
    this.deployer = deployer;
    this.store = store;
    this.cluster = cluster;
    this.analysis = analysis;
    this.metrics = metrics;
  }

  /** Progress of the rollout once its manifest is applied and not changed by hand. */
  Reconciler.Step advance(DeploymentEnvironment env, Deployment desired, Rollout r, ObservedService o, Instant now) {
    RolloutPolicy policy = env.rollout();
    if (r.appliedGeneration != null && o.generation() == r.appliedGeneration) {
      learnRevision(r, o, now);
    }
    switch (r.state) {
      case PENDING, PROGRESSING, PROMOTING -> {
        if (r.paused && r.state == RolloutState.PROGRESSING && r.plan == Rollout.Plan.CANARY) {
          return new Reconciler.Step(o, null, false);
        }
        String failed = r.plan == Rollout.Plan.PIN ? null : o.failedRevision();
        if (failed != null) {
          abort(r, "RevisionFailed", "KServe reports that " + failed + ".", now);
          store.save(r);
          return new Reconciler.Step(o, Duration.ZERO, true);
        }
        boolean inPlace = switch (r.plan) {
          case PIN -> r.stableRevision != null && o.allTrafficOn(r.stableRevision);
          case CANARY -> r.state == RolloutState.PROMOTING ? o.inPlace(100) : o.inPlace(r.percent == null ? 100 : r.percent);
          case DIRECT, REAPPLY -> o.inPlace(100);
        };
        if (!inPlace) {
          Instant deadline = (r.stepStartedAt == null ? now : r.stepStartedAt).plus(policy.progressDeadline());
          if (now.isAfter(deadline)) {
            if (r.plan == Rollout.Plan.PIN) {
              r.transition(RolloutState.FAILED, "ProgressDeadlineExceeded", "The rollback did not pin revision "
                  + r.stableRevision + " within " + policy.progressDeadline() + ": " + trafficWords(o) + ".", now);
              store.save(r);
              cluster.event(o, true, r.transitionReason, r.transitionMessage);
              return new Reconciler.Step(o, null, false);
            }
            abort(r, "ProgressDeadlineExceeded", describeStep(env, r) + " was not in place within "
                + policy.progressDeadline() + " (" + inPlaceWords(o) + ").", now);
            store.save(r);
            return new Reconciler.Step(o, Duration.ZERO, true);
          }
          return new Reconciler.Step(o, Duration.between(now, deadline).plusMillis(10), false);
        }
        learnRevision(r, o, now);
        switch (r.plan) {
          case PIN -> {
            r.transition(RolloutState.PINNED, "RolledBack", "All traffic is on revision " + r.stableRevision
                + " (version " + r.version + ") again, "
                + Duration.between(r.desiredAt, now).abs().toMillis() + " ms after the rollback was committed; revision "
                + o.latestCreatedRevision() + " stays created without traffic.", now);
            metrics.rollbackToPinned(env.name(), Duration.between(r.desiredAt, now).abs());
            cluster.event(o, false, "RolledBack", r.transitionMessage);
          }
          case DIRECT, REAPPLY -> {
            r.transition(RolloutState.ROLLED_OUT, "RolledOut", "Revision " + o.latestCreatedRevision() + " serves "
                + r.model + " version " + r.version + " with all traffic.", now);
            cluster.event(o, false, "RolledOut", r.transitionMessage);
          }
          case CANARY -> {
            if (r.state == RolloutState.PROMOTING) {
              r.transition(RolloutState.PROMOTED, r.transitionReason.equals("PromotedByPerson") ? "PromotedByPerson"
                  : "Promoted", "Revision " + o.latestCreatedRevision() + " (version " + r.version
                  + ") serves all traffic. " + r.transitionMessage, now);
              // the outcome is in Git before the state says promoted; a repeat after a crash commits nothing
              r.outcomeCommit = deployer.recordOutcome(r, store.checks(r), false);
              cluster.event(o, false, "Promoted", r.transitionMessage);
            } else {
              r.canaryRevision = o.latestCreatedRevision();
              r.inPlaceAt = now;
              r.nextAnalysisAt = now.plus(policy.interval());
              r.transition(RolloutState.ANALYSING, "StepInPlace", "Step " + (r.step + 1) + " of "
                  + policy.splitSteps().size() + ": revision " + r.canaryRevision + " (version " + r.version
                  + ") has " + r.percent + "% of the traffic; first analysis at " + r.nextAnalysisAt + ".", now);
              cluster.event(o, false, "StepInPlace", r.transitionMessage);
            }
          }
        }
        store.save(r);
        return new Reconciler.Step(o, r.state == RolloutState.ANALYSING ? policy.interval() : null, true);
      }
      case ANALYSING -> {
        String failed = o.failedRevision();
        if (failed != null) {
          abort(r, "RevisionFailed", "KServe reports that " + failed + ".", now);
          store.save(r);
          return new Reconciler.Step(o, Duration.ZERO, true);
        }
        if (r.paused) {
          return new Reconciler.Step(o, null, false);
        }
        int done = store.iterations(r, r.step);
        if (done < policy.iterations()) {
          Instant due = r.nextAnalysisAt == null ? now : r.nextAnalysisAt;
          if (now.isBefore(due)) {
            return new Reconciler.Step(o, Duration.between(now, due).plusMillis(5), false);
          }
          int iteration = done + 1;
          List<RolloutStore.Check> checks = analysis.run(r, env, iteration, now);
          checks.forEach(c -> store.check(r, c));
          done = iteration;
          List<RolloutStore.Check> failedChecks = checks.stream().filter(c -> !c.passed()).toList();
          r.failures = failedIterations(r);
          if (!failedChecks.isEmpty()) {
            String words = failedChecks.stream().map(RolloutStore.Check::detail).collect(Collectors.joining("; "));
            if (r.failures > policy.failureLimit()) {
              abort(r, "AnalysisFailed", "Analysis " + iteration + " of step " + (r.step + 1) + " (" + r.percent
                  + "%) failed, " + r.failures + " failed analyses against a limit of " + policy.failureLimit() + ": "
                  + words + ".", now);
              store.save(r);
              return new Reconciler.Step(o, Duration.ZERO, true);
            }
            cluster.event(o, true, "AnalysisFailed", "Analysis " + iteration + " of step " + (r.step + 1) + " failed ("
                + r.failures + " of at most " + policy.failureLimit() + "): " + words);
          }
          r.nextAnalysisAt = now.plus(policy.interval());
          store.save(r);
        }
        if (done >= policy.iterations()) {
          if (r.step + 1 < policy.splitSteps().size()) {
            r.step++;
            r.percent = policy.splitSteps().get(r.step);
            r.stepStartedAt = null;
            r.inPlaceAt = null;
            r.nextAnalysisAt = null;
            r.transition(RolloutState.PROGRESSING, "StepAdvanced", "Step " + r.step + " passed its analysis; step "
                + (r.step + 1) + " sends " + r.percent + "% of the traffic to version " + r.version + ".", now);
          } else {
            promote(r, "Promoted", "Every step passed its analysis.", now);
          }
          store.save(r);
          return new Reconciler.Step(o, Duration.ZERO, true);
        }
        return new Reconciler.Step(o, Duration.between(now, r.nextAnalysisAt).plusMillis(5), false);
      }
      case ABORTING -> {
        // the apply of canaryTrafficPercent 0 went through: record the outcome once, then the rollback pins it
        if (r.outcomeCommit == null) {
          r.outcomeCommit = deployer.recordOutcome(r, store.checks(r), true);
        }
        RolloutState end = r.stableRevision == null ? RolloutState.FAILED : RolloutState.ABORTED;
        r.transition(end, r.transitionReason, r.transitionMessage, now);
        store.save(r);
        cluster.event(o, true, "RolloutAborted", r.transitionMessage + (end == RolloutState.ABORTED
            ? " All traffic is back on revision " + r.stableRevision + "." : " There is no earlier revision to return to."));
        return new Reconciler.Step(o, null, false);
      }
      default -> {
        return new Reconciler.Step(o, null, false);
      }
    }
  }

  // ---- actions ------------------------------------------------------------------------------------

  void promote(Rollout r, String reason, String message, Instant now) {
    r.percent = null;
    r.stepStartedAt = null;
    r.transition(RolloutState.PROMOTING, reason, message, now);
  }

  /** Routes all traffic back to the stable revision (canaryTrafficPercent 0); the outcome is committed once applied. */
  void abort(Rollout r, String reason, String message, Instant now) {
    r.percent = 0;
    r.stepStartedAt = null;
    r.transition(RolloutState.ABORTING, reason, message, now);
    LOG.warn("Rollout of {} version {} in {} aborted: {}", r.model, r.version, r.environment, message);
  }

  /** Marks the start of a step when its manifest reaches the cluster. */
  static void startStep(Rollout r, Instant now) {
    if (r.stepStartedAt == null) {
      r.stepStartedAt = now;
    }
  }

  /** Remembers which version the newest revision serves, for later pins. */
  void learnRevision(Rollout r, ObservedService o, Instant now) {
    if (r.plan != Rollout.Plan.PIN && o.latestCreatedRevision() != null && o.statusCurrent()) {
      store.revision(r.environment, r.model, o.latestCreatedRevision(), r.version, r.manifest, now);
    }
  }

  private int failedIterations(Rollout r) {
    return (int) store.checks(r).stream().filter(c -> !c.passed())
        .map(c -> c.step() + "/" + c.iteration()).distinct().count();
  }

  // ---- words ------------------------------------------------------------------------------------------

  static String describeStep(DeploymentEnvironment env, Rollout r) {
    return switch (r.plan) {
      case DIRECT -> "version " + r.version + " with all traffic";
      case REAPPLY -> "version " + r.version + "'s spec again (rollback)";
      case PIN -> "canaryTrafficPercent 0, pinning revision " + r.stableRevision + " (version " + r.version + ")";
      case CANARY -> switch (r.state) {
        case PROMOTING -> "version " + r.version + " promoted (canaryTrafficPercent removed)";
        case ABORTING, ABORTED, FAILED -> "canaryTrafficPercent 0, all traffic back to revision " + r.stableRevision;
        default -> "step " + (r.step + 1) + " of " + env.rollout().splitSteps().size() + ", " + r.percent
            + "% of the traffic for version " + r.version;
      };
    };
  }

  private static String inPlaceWords(ObservedService o) {
    List<String> missing = new ArrayList<>();
    if (!o.statusCurrent()) {
      missing.add("KServe has observed generation " + o.observedGeneration() + " of " + o.generation());
    }
    if (o.latestCreatedRevision() != null && !o.latestCreatedRevision().equals(o.latestReadyRevision())) {
      missing.add("revision " + o.latestCreatedRevision() + " is not ready");
    }
    if (!o.condition("Ready")) {
      missing.add("Ready is not True");
    }
    if (!o.condition("PredictorReady")) {
      missing.add("PredictorReady is not True");
    }
    missing.add(trafficWords(o));
    return String.join(", ", missing);
  }

  static String trafficWords(ObservedService o) {
    return "traffic " + o.traffic().stream().map(t -> t.revision() + " " + t.percent() + "%")
        .collect(Collectors.joining(", "));
  }
}
