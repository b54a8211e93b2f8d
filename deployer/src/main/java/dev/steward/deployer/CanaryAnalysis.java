package dev.steward.deployer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One analysis of a canary step: the drift monitor's verdict on the canary version's own traffic, then each
 * Prometheus metric against its bounds. Every check says in words what was measured and why it passed or
 * failed, for the rollout record a reviewer reads. An unknown drift status (no window closed yet) passes and
 * says so; a metric without data, an unreachable Prometheus or a query it refuses fails, as in Flagger.
 */
class CanaryAnalysis {
  static final String DRIFT = "drift";

  private final DriftVerdicts drift;
  private final @Nullable Prometheus prometheus;

  CanaryAnalysis(DriftVerdicts drift, @Nullable Prometheus prometheus) {
    this.drift = drift;
    this.prometheus = prometheus;
  }

  List<RolloutStore.Check> run(Rollout r, DeploymentEnvironment env, int iteration, Instant now) {
    List<RolloutStore.Check> checks = new ArrayList<>();
    DriftVerdicts.Verdict verdict;
    try {
      verdict = drift.latest(r.environment, r.model, r.version, r.startedAt);
    } catch (RuntimeException e) {
      verdict = new DriftVerdicts.Verdict(DriftVerdicts.Status.UNKNOWN, "the drift monitor failed: " + e.getMessage());
    }
    boolean driftPassed = verdict.status() != DriftVerdicts.Status.ALERT;
    checks.add(new RolloutStore.Check(r.step, iteration, DRIFT, driftPassed, null,
        "drift of version " + r.version + ": " + verdict.status().name().toLowerCase(Locale.ROOT) + " - "
            + verdict.summary() + (verdict.status() == DriftVerdicts.Status.UNKNOWN ? " (not counted against the canary)"
            : driftPassed ? "" : " (alert fails the canary)"), now));
    for (MetricCheck m : env.rollout().metrics()) {
      checks.add(metric(r, env, m, iteration, now));
    }
    return checks;
  }

  private RolloutStore.Check metric(Rollout r, DeploymentEnvironment env, MetricCheck m, int iteration, Instant now) {
    String query = m.render(Map.of("namespace", env.namespace(), "service", r.service,
        "revision", r.canaryRevision == null ? "" : r.canaryRevision, "model", r.model,
        "version", String.valueOf(r.version), "environment", r.environment,
        "interval", env.rollout().interval().toSeconds() + "s"));
    if (prometheus == null) {
      return new RolloutStore.Check(r.step, iteration, m.name(), false, null, m.name() + ": no Prometheus is"
          + " configured (steward.deployer.prometheus-url), so " + query + " could not be checked", now);
    }
    Prometheus.Answer answer = prometheus.query(query);
    return switch (answer) {
      case Prometheus.Answer.Value v -> new RolloutStore.Check(r.step, iteration, m.name(), m.accepts(v.value()),
          v.value(), m.name() + ": " + format(v.value()) + (m.accepts(v.value()) ? " is " : " is not ") + m.bounds()
              + " (" + query + ")", now);
      case Prometheus.Answer.Empty e -> new RolloutStore.Check(r.step, iteration, m.name(), false, null,
          m.name() + ": no data for " + query, now);
      case Prometheus.Answer.Refused f -> new RolloutStore.Check(r.step, iteration, m.name(), false, null,
          m.name() + ": Prometheus refused " + query + " (" + f.errorType() + ": " + f.error() + ")", now);
      case Prometheus.Answer.Unreachable u -> new RolloutStore.Check(r.step, iteration, m.name(), false, null,
          m.name() + ": Prometheus at " + prometheus.base() + " did not answer (" + u.cause() + ")", now);
    };
  }

  private static String format(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return String.valueOf(v);
    }
    return java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
  }
}
