package dev.steward.drift.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replayed day of synthetic traffic per environment, with one kind of shift injected at hour 12:
 * hours 0-11 report ok, hours 12-23 alert, for PSI, null rate and calibration separately.
 */
class ReplayedDayTests {
  private static final int ROWS_PER_HOUR = 3000;

  @TempDir
  Path dir;

  @Test
  void reportsOkBeforeAndAlertAfterAShiftAtNoonForEachKindOfDrift() {
    try (TrafficHarness h = new TrafficHarness(dir, Map.of("m/1", TrafficHarness.churn("m", 1)), 5000)) {
      h.clock.set(TrafficHarness.DAY.plus(Duration.ofHours(25))); // the whole day has happened
      h.monitor.addReference("m", 1, SyntheticTraffic.reference(7, 60_000), false, "alice");
      for (int hour = 0; hour < 24; hour++) {
        for (SyntheticTraffic.Shift kind : List.of(SyntheticTraffic.Shift.PSI, SyntheticTraffic.Shift.NULLS,
            SyntheticTraffic.Shift.CALIBRATION)) {
          SyntheticTraffic.Shift shift = hour >= 12 ? kind : SyntheticTraffic.Shift.NONE;
          String env = kind.name().toLowerCase(java.util.Locale.ROOT);
          SplittableRandom r = new SplittableRandom(hour * 31L + kind.ordinal());
          StringBuilder rows = new StringBuilder();
          StringBuilder labels = new StringBuilder();
          for (int i = 0; i < ROWS_PER_HOUR; i++) {
            Instant at = TrafficHarness.DAY.plus(Duration.ofHours(hour)).plusMillis(i * 1000L);
            String id = env + "-" + hour + "-" + i;
            String line = SyntheticTraffic.row(r, id, "m", 1, env, at, shift, i % 2 == 0);
            rows.append(line);
            if (i % 2 == 1) {
              // the other half of the labels arrives later through the labels endpoint
              String label = line.contains("\"score\":") ? labelFor(line, shift, r) : "0";
              labels.append("{\"request_id\":\"").append(id).append("\",\"model\":\"m\",\"version\":1,")
                  .append("\"environment\":\"").append(env).append("\",\"label\":").append(label).append("}\n");
            }
          }
          IngestResult accepted = h.rows(rows.toString());
          assertThat(accepted.rejected()).as(accepted.rejections().toString()).isZero();
          assertThat(accepted.accepted()).isEqualTo(ROWS_PER_HOUR);
          IngestResult joined = h.labels(labels.toString());
          assertThat(joined.rejected()).as(joined.rejections().toString()).isZero();
          assertThat(joined.accepted()).isEqualTo(ROWS_PER_HOUR / 2);
        }
        h.monitor.closeDue(TrafficHarness.DAY.plus(Duration.ofHours(hour + 1)).plus(Duration.ofMinutes(5)));
      }
      for (String env : List.of("psi", "nulls", "calibration")) {
        List<DriftReport> day = h.reports.list(new DriftReports.Query("m", 1, env, null, null, null, 0, 100));
        assertThat(day).hasSize(24);
        for (DriftReport report : day) {
          int hour = (int) Duration.between(TrafficHarness.DAY, report.windowStart()).toHours();
          assertThat(report.status()).as("%s hour %s: %s", env, hour, report.reasons())
              .isEqualTo(hour < 12 ? DriftStatus.OK : DriftStatus.ALERT);
          assertThat(report.rows()).isEqualTo(ROWS_PER_HOUR);
          if (hour >= 12) {
            String cause = switch (env) {
              case "psi" -> "x: PSI";
              case "nulls" -> "x: null rate";
              default -> "calibration: ECE";
            };
            assertThat(report.reasons()).anySatisfy(reason -> assertThat(reason).startsWith(cause));
            if (!env.equals("psi")) {
              assertThat(report.reasons()).noneSatisfy(reason -> assertThat(reason).contains("PSI"));
            }
          }
        }
      }
      assertThat(h.events).filteredOn(e -> e instanceof DriftDetected).hasSize(36);
      assertThat(h.meters.get("steward.drift.rows.accepted").tag("environment", "psi").counter().count())
          .isEqualTo(24.0 * ROWS_PER_HOUR);
      assertThat(h.meters.get("steward.drift.report.status").tag("environment", "nulls").gauge().value())
          .isEqualTo(2.0);
    }
  }

  /** A label drawn like the inline ones, from the row's score. */
  private static String labelFor(String line, SyntheticTraffic.Shift shift, SplittableRandom r) {
    int at = line.indexOf("\"score\":") + 8;
    int end = line.indexOf(',', at) < 0 ? line.indexOf('}', at) : Math.min(line.indexOf(',', at), line.indexOf('}', at));
    double score = Double.parseDouble(line.substring(at, end));
    double p = shift == SyntheticTraffic.Shift.CALIBRATION ? score * score * score : score;
    return r.nextDouble() < p ? "1" : "0";
  }
}
