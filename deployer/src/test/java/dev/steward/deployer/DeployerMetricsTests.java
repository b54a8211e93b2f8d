package dev.steward.deployer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The deployer's timers scrape in both formats Prometheus asks for. */
class DeployerMetricsTests {

  @Test
  void timersScrapeAsOpenMetricsAndAsPrometheusText() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    DeployerMetrics metrics = new DeployerMetrics(registry);
    metrics.desiredToApplied("production", "rollback", Duration.ofMillis(120));
    metrics.rollbackToPinned("production", Duration.ofMillis(800));

    // Prometheus asks for OpenMetrics first; percentiles beside the histogram made this throw
    String open = registry.scrape("application/openmetrics-text; version=1.0.0; charset=utf-8");
    String text = registry.scrape();

    assertThat(open).contains("steward_deployer_rollback_to_pinned_seconds_bucket{environment=\"production\"");
    assertThat(text).contains("steward_deployer_desired_to_applied_seconds_count{action=\"rollback\"");
  }
}
