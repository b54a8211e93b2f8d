package dev.steward.ui.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriftChartTests {
  static final Instant T = Instant.parse("2026-11-30T00:00:00Z");

  @Test
  void placesValuesAndThresholdsOnOneScaleWithRoomAboveTheHighest() {
    List<DriftChart.Value> psi = List.of(new DriftChart.Value(T, 0.02), new DriftChart.Value(T.plusSeconds(3600), null),
        new DriftChart.Value(T.plusSeconds(7200), 0.4));
    DriftChart c = DriftChart.of("PSI of x", List.of("PSI"), List.of(psi), List.of("#1d4ed8"), List.of(false),
        List.of("psi_warn", "psi_alert"), Arrays.asList(0.1, 0.25));

    assertThat(c.series().getFirst().points().split(" ")).hasSize(2);
    assertThat(c.dots()).hasSize(2);
    double top = c.dots().get(1).y();
    assertThat(top).isGreaterThan(c.top()).isLessThan(c.thresholds().get(1).y());
    assertThat(c.thresholds().get(1).y()).isLessThan(c.thresholds().get(0).y()).isLessThan(c.bottom());
    assertThat(c.summary()).contains("PSI latest 0.4000").contains("psi_alert 0.2500");
    assertThat(c.firstWindow()).isEqualTo("2026-11-30 00:00");
  }

  @Test
  void leavesOutAThresholdThatIsNotSet() {
    DriftChart c = DriftChart.of("ECE", List.of("ECE"), List.of(List.of(new DriftChart.Value(T, 0.01))),
        List.of("#1d4ed8"), List.of(false), List.of("ece_alert", "alert threshold"), Arrays.asList(null, 0.05));
    assertThat(c.thresholds()).singleElement().satisfies(t -> assertThat(t.label()).startsWith("alert threshold"));
  }
}
