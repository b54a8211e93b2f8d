package dev.steward.governance;

import dev.steward.deployer.Deployer;
import dev.steward.drift.traffic.DriftReports;
import dev.steward.lineage.Lineage;
import dev.steward.policies.ApprovalGates;
import dev.steward.policies.InputRevocations;
import dev.steward.policies.ServingCosts;
import dev.steward.registry.IndexProjection;
import dev.steward.registry.LineageGraph;
import dev.steward.registry.ModelRegistry;
import dev.steward.retrain.RetrainScheduler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Wires revocations (their projection, follow-up, metric, and the approval gates' view of them), explanations and
 * serving costs.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CostProperties.class)
class GovernanceConfiguration {

  @Bean
  IndexProjection revocationProjection() {
    return new RevocationProjection();
  }

  @Bean
  Revocations revocations(Lineage lineage, ModelRegistry registry, LineageGraph graph, Deployer deployer,
      RetrainScheduler retrain, JdbcClient jdbc) {
    return new Revocations(lineage, registry, graph, new ImpactAnalysis(graph, deployer, retrain),
        new RevocationIndex(jdbc), retrain, Clock.systemUTC());
  }

  @Bean
  Costs costs(Deployer deployer, DriftReports reports, CostProperties properties) {
    return new Costs(deployer, reports, properties);
  }

  /**
   * The {@code cost} variable of the approval gates: what serving the candidate cost in the previous environment,
   * for a rule such as {@code costWithin(cost, thresholds)} ({@code max_cost_per_1k_predictions}).
   */
  @Bean
  @Primary
  ServingCosts servingCosts(Costs costs) {
    return (environment, model, version) -> costs.last(environment, model, version).map(c -> {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("environment", c.environment());
      v.put("predictions", c.predictions());
      v.put("windowEnd", c.windowEnd().toString());
      v.put("currency", c.currency());
      if (c.costPer1kPredictions() != null) {
        v.put("costPer1kPredictions", c.costPer1kPredictions());
      }
      return v;
    }).orElse(null);
  }

  @Bean
  CostMetrics costMetrics(Costs costs, ObjectProvider<MeterRegistry> meters) {
    return new CostMetrics(costs, meters.getIfAvailable(SimpleMeterRegistry::new));
  }

  @Bean
  Explanations explanations(ModelRegistry registry) {
    return new Explanations(registry);
  }

  /**
   * The {@code revocations} variable of the approval gates: the revocations reaching the candidate's inputs,
   * for the production gate's rule {@code inputsNotRevoked(revocations)}.
   */
  @Bean
  @Primary
  InputRevocations revokedInputs(Revocations revocations) {
    return (model, version) -> revocations.revocationsOf(model, version).stream().map(GovernanceConfiguration::cel)
        .toList();
  }

  static Map<String, Object> cel(Revocation r) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", r.id());
    v.put("dataset", Map.of("name", r.dataset().name(), "version", (long) r.dataset().version()));
    v.put("scope", r.scope());
    v.put("reason", r.reason());
    v.put("revokedBy", r.revokedBy());
    v.put("revokedAt", r.revokedAt().toString());
    if (r.successor() != null) {
      v.put("successor", Map.of("name", r.successor().name(), "version", (long) r.successor().version()));
    }
    return v;
  }

  @Bean
  RevocationMetrics revocationMetrics(Revocations revocations, ObjectProvider<MeterRegistry> meters) {
    return new RevocationMetrics(revocations, meters.getIfAvailable(SimpleMeterRegistry::new));
  }

  @Bean
  RevocationFollowUpListener revocationFollowUp(Revocations revocations, ApprovalGates gates,
      RevocationMetrics metrics) {
    return new RevocationFollowUpListener(revocations, gates, metrics);
  }

  /**
   * Refreshes the revoked-input and cost metrics every minute (a holder, not an executor bean, so Spring's own
   * stay).
   */
  @Bean
  MetricRefresh governanceMetricRefresh(RevocationMetrics metrics, CostMetrics costs) {
    return new MetricRefresh(List.of(metrics::refresh, costs::refresh));
  }

  static final class MetricRefresh implements DisposableBean {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "steward-governance-metrics");
      t.setDaemon(true);
      return t;
    });

    MetricRefresh(List<Runnable> refreshes) {
      scheduler.scheduleWithFixedDelay(() -> refreshes.forEach(Runnable::run), 5, 60, TimeUnit.SECONDS);
    }

    @Override
    public void destroy() {
      scheduler.shutdownNow();
    }
  }
}
