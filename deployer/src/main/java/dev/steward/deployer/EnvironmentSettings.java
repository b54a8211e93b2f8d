package dev.steward.deployer;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The deployer's view of {@code steward.environments[i]} (the approval gates read the same entries for
 * the ladder and the policy): namespace, target and how models are served.
 *
 * <pre>
 * steward.environments[2].name: production
 * steward.environments[2].namespace: ml-prod              # default steward-&lt;name&gt;
 * steward.environments[2].target: cluster                # dry-run (default), gitops or cluster
 * steward.environments[2].deployment.min-replicas: 2
 * steward.environments[2].deployment.deployment-mode: Knative
 * steward.environments[2].rollout.strategy: canary      # direct (default) or canary; see RolloutPolicy
 * steward.environments[2].rollout.steps: 10, 50, 100
 * </pre>
 */
@ConfigurationProperties("steward")
record EnvironmentSettings(@Nullable List<Entry> environments) {

  record Entry(String name, @Nullable String namespace, @Nullable String target, @Nullable Serving deployment,
      @Nullable Rollout rollout) {}

  /** {@code steward.environments[i].rollout.*}; see {@link RolloutPolicy}. */
  record Rollout(@Nullable String strategy, @Nullable List<Integer> steps, @Nullable Duration interval,
      @Nullable Integer iterations, @Nullable Integer failureLimit, @Nullable Duration progressDeadline,
      @Nullable List<Metric> metrics) {}

  record Metric(@Nullable String name, @Nullable String query, @Nullable Double min, @Nullable Double max) {}

  record Serving(@Nullable String runtime, @Nullable Integer minReplicas, @Nullable Integer maxReplicas,
      @Nullable String cpu, @Nullable String memory, @Nullable String protocolVersion,
      @Nullable String deploymentMode, @Nullable URI loggerUrl, @Nullable String loggerMode) {}

  /** Without configuration: dev, staging and production, growing in size, all dry runs. */
  private static final List<Entry> DEFAULT = List.of(
      new Entry("dev", null, null, new Serving(null, 1, 1, "500m", "1Gi", null, null, null, null), null),
      new Entry("staging", null, null, new Serving(null, 1, 2, "1", "2Gi", null, null, null, null), null),
      new Entry("production", null, null, new Serving(null, 2, 6, "2", "4Gi", null, null, null, null), null));

  /**
   * The environments with every default filled in; {@code loggerUrl} is where rendered services send
   * scored traffic unless an environment names its own (null: no logger).
   */
  List<DeploymentEnvironment> resolve(@Nullable URI loggerUrl) {
    List<Entry> configured = environments == null || environments.isEmpty() ? DEFAULT : environments;
    List<DeploymentEnvironment> resolved = new ArrayList<>();
    for (Entry e : configured) {
      if (e.name() == null) {
        throw new IllegalArgumentException("Every entry of steward.environments needs a name.");
      }
      Serving s = e.deployment() == null ? new Serving(null, null, null, null, null, null, null, null, null)
          : e.deployment();
      DeploymentDefaults defaults = new DeploymentDefaults(s.runtime(),
          s.minReplicas() == null ? 1 : s.minReplicas(), s.maxReplicas() == null ? 1 : s.maxReplicas(),
          s.cpu() == null ? "1" : s.cpu(), s.memory() == null ? "2Gi" : s.memory(),
          s.protocolVersion() == null ? "v2" : s.protocolVersion(),
          s.deploymentMode() == null ? "Standard" : s.deploymentMode(),
          s.loggerUrl() == null ? loggerUrl : s.loggerUrl(), s.loggerMode() == null ? "all" : s.loggerMode());
      try {
        resolved.add(new DeploymentEnvironment(e.name(), e.namespace() == null ? "steward-" + e.name() : e.namespace(),
            e.target() == null ? Target.DRY_RUN : Target.fromId(e.target()), defaults, rollout(e.rollout())));
      } catch (IllegalArgumentException invalid) {
        throw new IllegalArgumentException("steward.environments entry " + e.name() + ": " + invalid.getMessage(),
            invalid);
      }
    }
    return resolved;
  }

  private static RolloutPolicy rollout(@Nullable Rollout r) {
    if (r == null) {
      return RolloutPolicy.DIRECT;
    }
    RolloutPolicy.Strategy strategy = r.strategy() == null ? RolloutPolicy.Strategy.DIRECT
        : RolloutPolicy.Strategy.fromId(r.strategy());
    List<MetricCheck> metrics = new ArrayList<>();
    if (r.metrics() != null) {
      for (int i = 0; i < r.metrics().size(); i++) {
        Metric m = r.metrics().get(i);
        metrics.add(new MetricCheck(m.name() == null ? "metric-" + i : m.name(), m.query(), m.min(), m.max()));
      }
    }
    return new RolloutPolicy(strategy, r.steps() == null ? (strategy == RolloutPolicy.Strategy.CANARY
        ? List.of(10, 50, 100) : List.of()) : r.steps(),
        r.interval() == null ? Duration.ofSeconds(60) : r.interval(), r.iterations() == null ? 1 : r.iterations(),
        r.failureLimit() == null ? 0 : r.failureLimit(),
        r.progressDeadline() == null ? Duration.ofMinutes(10) : r.progressDeadline(), metrics);
  }
}
