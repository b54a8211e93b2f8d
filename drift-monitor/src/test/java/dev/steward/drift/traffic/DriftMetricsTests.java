package dev.steward.drift.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The per-stream gauges the alert rules read, and their expiry once a stream goes idle. */
class DriftMetricsTests {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void exportsTheWorstFiguresOfTheLatestWindowAndForgetsIdleStreams() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    DriftMetrics metrics = new DriftMetrics(meters, Duration.ofHours(3));
    StreamKey stream = new StreamKey("churn", 2, "production");
    Instant end = Instant.parse("2026-12-02T04:00:00Z");
    ObjectNode doc = (ObjectNode) JSON.readTree("""
        {"features": [{"name": "x", "psi": 0.41, "nullRate": {"difference": -0.07}},
                      {"name": "c", "psi": 0.02, "nullRate": {"difference": 0.01}}],
         "score": {"psi": 0.3}, "calibration": {"ece": 0.09, "eceDifference": 0.04}}""");
    metrics.report(new DriftReport(1, stream, end.minusSeconds(3600), end, DriftStatus.ALERT, 1200, end, List.of(), doc));

    assertThat(gauge(meters, "steward.drift.report.status")).isEqualTo(2.0);
    assertThat(gauge(meters, "steward.drift.feature.psi.max")).isEqualTo(0.41);
    assertThat(gauge(meters, "steward.drift.score.psi")).isEqualTo(0.3);
    assertThat(gauge(meters, "steward.drift.null.rate.difference.max")).isEqualTo(0.07);
    assertThat(gauge(meters, "steward.drift.ece.difference")).isEqualTo(0.04);
    assertThat(gauge(meters, "steward.drift.window.rows")).isEqualTo(1200.0);
    assertThat(gauge(meters, "steward.drift.window.end.seconds")).isEqualTo(end.getEpochSecond());
    assertThat(meters.get("steward.drift.psi").tag("feature", "x").gauge().value()).isEqualTo(0.41);

    metrics.expireIdle(end.plus(Duration.ofHours(2)));
    assertThat(meters.find("steward.drift.report.status").gauges()).hasSize(1);
    metrics.expireIdle(end.plus(Duration.ofHours(4)));
    assertThat(meters.find("steward.drift.report.status").gauges()).isEmpty();
    assertThat(meters.find("steward.drift.psi").gauges()).isEmpty();

    // a new window brings the stream back
    metrics.report(new DriftReport(2, stream, end, end.plusSeconds(3600), DriftStatus.OK, 900, end, List.of(), doc));
    assertThat(gauge(meters, "steward.drift.report.status")).isEqualTo(0.0);
  }

  private static double gauge(SimpleMeterRegistry meters, String name) {
    return meters.get(name).tags("model", "churn", "version", "2", "environment", "production").gauge().value();
  }
}
