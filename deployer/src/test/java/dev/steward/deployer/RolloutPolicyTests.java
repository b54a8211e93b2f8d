package dev.steward.deployer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rollout settings are checked when Steward starts, with messages that say how to fix them. */
class RolloutPolicyTests {

  private static RolloutPolicy canary(List<Integer> steps) {
    return new RolloutPolicy(RolloutPolicy.Strategy.CANARY, steps, Duration.ofSeconds(60), 1, 0,
        Duration.ofMinutes(10), List.of());
  }

  @Test
  void refusesStepsOutOfOrderOrOverAHundred() {
    assertThatThrownBy(() -> canary(List.of(50, 10, 100))).hasMessageContaining("out of order");
    assertThatThrownBy(() -> canary(List.of(10, 10, 100))).hasMessageContaining("out of order");
    assertThatThrownBy(() -> canary(List.of(10, 150))).hasMessageContaining("150% is outside 1..100");
    assertThatThrownBy(() -> canary(List.of(0, 50))).hasMessageContaining("outside 1..100");
    assertThatThrownBy(() -> canary(List.of())).hasMessageContaining("needs steps");
  }

  @Test
  void aLastStepOfAHundredIsThePromotion() {
    assertThat(canary(List.of(10, 50, 100)).splitSteps()).containsExactly(10, 50);
    assertThat(canary(List.of(10, 50)).splitSteps()).containsExactly(10, 50);
  }

  @Test
  void metricsNeedABoundAndKnownPlaceholders() {
    assertThatThrownBy(() -> new MetricCheck("errors", "sum(x)", null, null)).hasMessageContaining("needs a bound");
    assertThatThrownBy(() -> new MetricCheck("errors", "sum(x{pod=\"{{ pod }}\"})", null, 1.0))
        .hasMessageContaining("unknown placeholder {{ pod }}");
    MetricCheck check = new MetricCheck("errors", "sum(x{ns=\"{{namespace}}\",rev=\"{{ revision }}\"}[{{ interval }}])",
        0.0, 0.01);
    assertThat(check.render(Map.of("namespace", "ml", "revision", "churn-predictor-00002", "interval", "60s")))
        .isEqualTo("sum(x{ns=\"ml\",rev=\"churn-predictor-00002\"}[60s])");
    assertThat(check.accepts(0.005)).isTrue();
    assertThat(check.accepts(0.02)).isFalse();
    assertThat(check.accepts(Double.NaN)).isFalse();
  }

  @Test
  void aCanaryNeedsKnativeMode() {
    DeploymentDefaults standard = new DeploymentDefaults(null, 1, 1, "1", "1Gi", "v2", "Standard",
        URI.create("http://steward:8080/api/v1/drift/kserve/k"), "all");
    assertThatThrownBy(() -> new DeploymentEnvironment("production", "ml-prod", Target.CLUSTER, standard,
        canary(List.of(10, 100)))).hasMessageContaining("deployment-mode: Knative");
  }

  @Test
  void namesTheEnvironmentOfABadSetting() {
    var settings = new EnvironmentSettings(List.of(new EnvironmentSettings.Entry("production", null, "cluster",
        new EnvironmentSettings.Serving(null, null, null, null, null, null, "Knative", null, null),
        new EnvironmentSettings.Rollout("canary", List.of(50, 20), null, null, null, null, null))));
    assertThatThrownBy(() -> settings.resolve(null)).hasMessageStartingWith("steward.environments entry production:")
        .hasMessageContaining("out of order");
  }
}
