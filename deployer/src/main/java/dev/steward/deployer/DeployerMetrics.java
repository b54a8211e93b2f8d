package dev.steward.deployer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The deployer's figures for Prometheus (labels environment and model): {@code steward_deployer_rollout_state}
 * (the {@link RolloutState} ordinal: 0 pending, 1 progressing, 2 analysing, 3 promoting, 4 aborting,
 * 5 rolled-out, 6 promoted, 7 pinned, 8 aborted, 9 failed), {@code steward_deployer_rollout_traffic_percent}
 * (the canary's share of the traffic; 100 once rolled out, 0 once aborted or pinned),
 * {@code steward_deployer_rollout_step} (the canary's step, from 1),
 * {@code steward_deployer_reconcile_seconds} (outcome ok or error), {@code steward_deployer_reconcile_errors_total}
 * (reason: the HTTP status or {@code unreachable}), {@code steward_deployer_desired_to_applied_seconds}
 * (from the desired-state commit to the InferenceService applied; action promote or rollback),
 * {@code steward_deployer_rollback_to_pinned_seconds} (from a rollback's commit to all traffic on the pinned
 * revision), {@code steward_deployer_manual_changes_total}.
 */
class DeployerMetrics {
  private final MeterRegistry registry;
  private final Map<String, AtomicInteger> states = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> percents = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> steps = new ConcurrentHashMap<>();
  private final Timer ok;
  private final Timer failed;

  DeployerMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.ok = Timer.builder("steward.deployer.reconcile").description("One reconcile of one deployment")
        .tag("outcome", "ok").publishPercentileHistogram().register(registry);
    this.failed = Timer.builder("steward.deployer.reconcile").description("One reconcile of one deployment")
        .tag("outcome", "error").publishPercentileHistogram().register(registry); // one shape per name, or scrapes fail
  }

  static DeployerMetrics none() {
    return new DeployerMetrics(new SimpleMeterRegistry());
  }

  void rollout(Rollout r) {
    Tags tags = Tags.of("environment", r.environment, "model", r.model);
    String key = r.environment + '\u0000' + r.model;
    states.computeIfAbsent(key, k -> {
      AtomicInteger v = new AtomicInteger();
      Gauge.builder("steward.deployer.rollout.state", v, AtomicInteger::get)
          .description("Rollout state: 0 pending, 1 progressing, 2 analysing, 3 promoting, 4 aborting, 5 rolled-out,"
              + " 6 promoted, 7 pinned, 8 aborted, 9 failed").tags(tags).register(registry);
      return v;
    }).set(r.state.ordinal());
    int percent = switch (r.state) {
      case ROLLED_OUT, PROMOTED -> 100;
      case PINNED, ABORTED, FAILED, ABORTING -> 0;
      default -> r.percent == null ? (r.plan == Rollout.Plan.CANARY ? 100 : 0) : r.percent;
    };
    percents.computeIfAbsent(key, k -> {
      AtomicInteger v = new AtomicInteger();
      Gauge.builder("steward.deployer.rollout.traffic.percent", v, AtomicInteger::get)
          .description("The rolled-out version's share of the traffic").tags(tags).register(registry);
      return v;
    }).set(percent);
    steps.computeIfAbsent(key, k -> {
      AtomicInteger v = new AtomicInteger();
      Gauge.builder("steward.deployer.rollout.step", v, AtomicInteger::get)
          .description("The canary's current step, from 1 (0 when the rollout has no steps)").tags(tags)
          .register(registry);
      return v;
    }).set(r.plan == Rollout.Plan.CANARY ? r.step + 1 : 0);
  }

  void reconciled(Duration took, boolean success) {
    (success ? ok : failed).record(took);
  }

  void error(String environment, String reason) {
    Counter.builder("steward.deployer.reconcile.errors").description("Reconciles that failed, by cause")
        .tags("environment", environment, "reason", reason).register(registry).increment();
  }

  void desiredToApplied(String environment, String action, Duration took) {
    Timer.builder("steward.deployer.desired.to.applied")
        .description("From the desired-state commit to the InferenceService applied to the cluster")
        .tags("environment", environment, "action", action).publishPercentileHistogram().publishPercentiles(0.5, 0.99)
        .register(registry).record(took);
  }

  void rollbackToPinned(String environment, Duration took) {
    Timer.builder("steward.deployer.rollback.to.pinned")
        .description("From the rollback's commit to KServe showing all traffic on the pinned revision")
        .tag("environment", environment).publishPercentileHistogram().publishPercentiles(0.5, 0.99)
        .register(registry).record(took);
  }

  void manualChange(String environment, String model) {
    Counter.builder("steward.deployer.manual.changes").description("Hand edits found on managed InferenceServices")
        .tags("environment", environment, "model", model).register(registry).increment();
  }
}
