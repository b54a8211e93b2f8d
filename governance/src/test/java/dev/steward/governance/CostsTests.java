package dev.steward.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.steward.drift.traffic.DriftReport;
import dev.steward.drift.traffic.DriftStatus;
import dev.steward.drift.traffic.StreamKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import tools.jackson.databind.json.JsonMapper;

class CostsTests {
  private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

  private static Map<String, Object> manifest(Map<String, Object> resources, int minReplicas) {
    return Map.of("spec", Map.of("predictor", Map.of("minReplicas", minReplicas,
        "model", Map.of("resources", resources))));
  }

  private static DriftReport window(long rows, long minutes) {
    return new DriftReport(1, new StreamKey("churn", 3, "production"), START, START.plusSeconds(minutes * 60),
        DriftStatus.OK, rows, START.plusSeconds(minutes * 60), List.of(), JsonMapper.builder().build().createObjectNode());
  }

  @Test
  void pricesResourcesTimesReplicasOverTheWindowPerThousandPredictions() {
    var resources = Map.<String, Object>of("requests", Map.of("cpu", "500m", "memory", "2Gi"),
        "limits", Map.of("cpu", "1", "memory", "2Gi"));
    var prices = new CostProperties.Prices(0.04, 0.005, 2.0);
    ServingCost c = Costs.cost("production", "churn", 3, manifest(resources, 2), window(40_000, 30), prices, "EUR");
    // 2 replicas x 0.5 h x (0.5 CPU x 0.04 + 2 GiB x 0.005) = 0.03 for 40,000 predictions
    assertThat(c.cost()).isCloseTo(0.03, within(1e-12));
    assertThat(c.costPer1kPredictions()).isCloseTo(0.00075, within(1e-12));
    assertThat(c.cpu()).isEqualTo(0.5);
    assertThat(c.memoryGib()).isEqualTo(2.0);
    assertThat(c.replicas()).isEqualTo(2);
    assertThat(c.currency()).isEqualTo("EUR");
  }

  @Test
  void countsGpusFromLimitsAndAtLeastOneReplica() {
    var resources = Map.<String, Object>of("limits", Map.of("cpu", "2", "memory", "512Mi", "nvidia.com/gpu", "1"));
    var prices = new CostProperties.Prices(0.0, 0.0, 3.0);
    ServingCost c = Costs.cost("production", "churn", 3, manifest(resources, 0), window(1_000, 60), prices, "USD");
    assertThat(c.replicas()).isEqualTo(1);
    assertThat(c.gpu()).isEqualTo(1.0);
    assertThat(c.costPer1kPredictions()).isCloseTo(3.0, within(1e-12));
    ServingCost idle = Costs.cost("production", "churn", 3, manifest(resources, 0), window(0, 60), prices, "USD");
    assertThat(idle.cost()).isCloseTo(3.0, within(1e-12));
    assertThat(idle.costPer1kPredictions()).isNull();
  }

  @Test
  void readsKubernetesQuantities() {
    assertThat(Quantities.parse("250m")).isEqualTo(0.25);
    assertThat(Quantities.parse("2")).isEqualTo(2.0);
    assertThat(Quantities.parse("1e3")).isEqualTo(1000.0);
    assertThat(Quantities.gib("1Gi")).isEqualTo(1.0);
    assertThat(Quantities.gib("512Mi")).isEqualTo(0.5);
    assertThat(Quantities.parse("1G")).isEqualTo(1e9);
    assertThatThrownBy(() -> Quantities.parse("two cores")).hasMessageContaining("not a Kubernetes quantity");
  }

  @Test
  void refusesNegativePricesNamingTheProperty() {
    Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
        "steward.governance.costs.prices.production.cpu-hour", "0.04",
        "steward.governance.costs.prices.production.gib-hour", "-0.01")));
    assertThatThrownBy(() -> binder.bind("steward.governance.costs", CostProperties.class))
        .isInstanceOf(BindException.class).rootCause()
        .hasMessage("steward.governance.costs.prices.production.gib-hour is -0.01; a price must be a number >= 0.");
    CostProperties fine = new Binder(new MapConfigurationPropertySource(Map.of(
        "steward.governance.costs.prices.production.cpu-hour", "0.04")))
        .bind("steward.governance.costs", CostProperties.class).get();
    assertThat(fine.currency()).isEqualTo("USD");
    assertThat(fine.prices().get("production")).isEqualTo(new CostProperties.Prices(0.04, 0, 0));
  }
}
