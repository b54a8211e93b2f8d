package dev.steward.drift.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A replayed day where, from noon on, the numeric feature {@code x} moves by one sd for the customers on
 * plan {@code team} only (a tenth of the traffic): the whole window barely moves (PSI about 0.01), so only
 * the segment {@code plan=team} may alert. Plan {@code legacy} (1 %) moves wildly all day but is too small
 * for a verdict.
 */
class SegmentedDayTests {
  private static final int ROWS_PER_HOUR = 3000;
  private static final MonitoredModel MODEL = new MonitoredModel("m", 1, List.of(
      new MonitoredModel.MonitoredFeature("x", true), new MonitoredModel.MonitoredFeature("c", false),
      new MonitoredModel.MonitoredFeature("plan", false)),
      // no ece_alert: its fixed ceiling warns on small segments by sample size alone (see ReportBuilder)
      new MonitoredModel.Thresholds(0.1, 0.25, 0.05, null, null));

  @TempDir
  Path dir;

  /** A JSON line and the label drawn for it (inline in the line when asked for). */
  record Row(String line, int label) {
  }

  /** One row; {@code shifted} moves x of plan team by one sd. Plan legacy is always far off but in the reference. */
  static Row row(SplittableRandom r, SplittableRandom labels, String id, Instant at, boolean shifted, boolean label) {
    double u = r.nextDouble();
    String plan = u < 0.55 ? "basic" : u < 0.89 ? "pro" : u < 0.99 ? "team" : "legacy";
    double x = SyntheticTraffic.gaussian(r) + (plan.equals("team") && shifted ? 1.0 : 0.0)
        + (plan.equals("legacy") && at.isAfter(Instant.EPOCH) ? 3.0 : 0.0);
    double v = r.nextDouble();
    String c = v < 0.5 ? "a" : v < 0.8 ? "b" : "c";
    double score = 1.0 / (1.0 + Math.exp(-(0.8 * x + 0.5 * SyntheticTraffic.gaussian(r))));
    int y = labels.nextDouble() < score ? 1 : 0;
    StringBuilder b = new StringBuilder(200);
    b.append("{\"request_id\":\"").append(id).append("\",\"model\":\"m\",\"version\":1,\"environment\":\"prod\",")
        .append("\"timestamp\":\"").append(at).append("\",\"features\":{\"x\":")
        .append(String.format(Locale.ROOT, "%.6f", x)).append(",\"c\":\"").append(c).append("\",\"plan\":\"")
        .append(plan).append("\"},\"score\":").append(String.format(Locale.ROOT, "%.6f", score));
    if (label) {
      b.append(",\"label\":").append(y);
    }
    return new Row(b.append("}\n").toString(), y);
  }

  @Test
  void alertsOnTheSegmentThatDriftedAndNotOnTheWholeWindow() {
    try (TrafficHarness h = new TrafficHarness(dir, Map.of("m/1", MODEL), 5000)) {
      h.settings = h.settings.withSegments(20, 200);
      h.restartAfterCrash();
      h.clock.set(TrafficHarness.DAY.plus(Duration.ofHours(25)));
      SplittableRandom ref = new SplittableRandom(7);
      SplittableRandom refLabels = new SplittableRandom(8);
      StringBuilder reference = new StringBuilder();
      for (int i = 0; i < 60_000; i++) {
        reference.append(row(ref, refLabels, "ref-" + i, Instant.EPOCH, false, true).line());
      }
      ReferenceProfile profile = h.monitor.addReference("m", 1, reference.toString(), false, List.of("plan", "c"),
          "alice");
      assertThat(profile.segments()).extracting(ReferenceProfile.Segment::column).containsExactly("plan", "c");
      assertThat(profile.segments().getFirst().values()).containsExactly("basic", "pro", "team", "legacy");

      for (int hour = 0; hour < 24; hour++) {
        SplittableRandom r = new SplittableRandom(hour * 31L);
        // labels from a stream of their own: drawn from the rows' stream, hour 16's whole-window ECE landed
        // 0.0001 above its mean + 3 sd threshold (0.0326 > 0.0325, the other hours 0.013-0.025), a false
        // alarm of the calibration rule that has nothing to do with segments
        SplittableRandom labelDraws = new SplittableRandom(hour * 31L + 1);
        StringBuilder rows = new StringBuilder();
        StringBuilder labels = new StringBuilder();
        for (int i = 0; i < ROWS_PER_HOUR; i++) {
          Instant at = TrafficHarness.DAY.plus(Duration.ofHours(hour)).plusMillis(i * 1000L);
          String id = "r-" + hour + "-" + i;
          Row row = row(r, labelDraws, id, at, hour >= 12, i % 2 == 0);
          rows.append(row.line());
          if (i % 2 == 1) {
            // the other half of the labels arrives later, joined by request id to the row and its segments
            labels.append("{\"request_id\":\"").append(id).append("\",\"model\":\"m\",\"version\":1,")
                .append("\"environment\":\"prod\",\"label\":").append(row.label()).append("}\n");
          }
        }
        assertThat(h.rows(rows.toString()).accepted()).isEqualTo(ROWS_PER_HOUR);
        assertThat(h.labels(labels.toString()).accepted()).isEqualTo(ROWS_PER_HOUR / 2);
        h.monitor.closeDue(TrafficHarness.DAY.plus(Duration.ofHours(hour + 1)).plus(Duration.ofMinutes(5)));
      }

      List<DriftReport> day = h.reports.list(new DriftReports.Query("m", 1, "prod", null, null, null, 0, 100));
      assertThat(day).hasSize(24);
      for (DriftReport report : day) {
        int hour = (int) Duration.between(TrafficHarness.DAY, report.windowStart()).toHours();
        JsonNode doc = report.document();
        assertThat(doc.path("totalStatus").asString()).as("hour %s: %s", hour, report.reasons()).isEqualTo("ok");
        assertThat(segment(doc, "plan=legacy").path("skipped").asString()).contains("at least 200 rows");
        assertThat(segment(doc, "plan=legacy").path("status").asString()).isEqualTo("ok");
        long segmentRows = 0;
        for (JsonNode s : doc.path("segments")) {
          if (s.path("column").asString().equals("plan")) {
            segmentRows += s.path("rows").asLong();
          }
        }
        assertThat(segmentRows).as("every row in exactly one plan segment").isEqualTo(ROWS_PER_HOUR);
        assertThat(report.reasons()).as("hour %s: nothing on the whole window", hour)
            .allSatisfy(reason -> assertThat(reason).matches("^(plan|c)=[a-z()]+: .*"));
        if (hour < 12) {
          assertThat(report.status()).as("hour %s: %s", hour, report.reasons()).isNotEqualTo(DriftStatus.ALERT);
          assertThat(alerting(doc)).isEmpty();
          assertThat(report.reasons()).noneSatisfy(reason -> assertThat(reason).contains("PSI"));
        } else {
          assertThat(report.status()).as("hour %s: %s", hour, report.reasons()).isEqualTo(DriftStatus.ALERT);
          assertThat(alerting(doc)).as("hour %s: %s", hour, report.reasons()).containsExactly("plan=team");
          assertThat(report.reasons()).filteredOn(reason -> reason.contains("PSI"))
              .isNotEmpty().allSatisfy(reason -> assertThat(reason).startsWith("plan=team: "))
              .anySatisfy(reason -> assertThat(reason).startsWith("plan=team: x: PSI"));
          assertThat(segment(doc, "plan=team").path("calibration").path("labelled").asLong())
              .as("inline and joined labels count in the segment").isGreaterThan(200);
        }
      }
      List<DriftDetected> alerts = h.events.stream().filter(e -> e instanceof DriftDetected)
          .map(e -> (DriftDetected) e).toList();
      assertThat(alerts).hasSize(12).allSatisfy(a -> assertThat(a.segments()).containsExactly("plan=team"));
      assertThat(h.meters.get("steward.drift.segment.status").tag("segment", "plan=team").gauge().value())
          .isEqualTo(2.0);
      assertThat(h.meters.get("steward.drift.segment.status").tag("segment", "plan=basic").gauge().value())
          .isEqualTo(0.0);
      assertThat(h.meters.get("steward.drift.report.status").tag("environment", "prod").gauge().value())
          .isEqualTo(2.0);
    }
  }

  private static JsonNode segment(JsonNode doc, String label) {
    for (JsonNode s : doc.path("segments")) {
      if (s.path("segment").asString().equals(label)) {
        return s;
      }
    }
    throw new AssertionError("No segment " + label + " in " + doc.path("segments"));
  }

  private static List<String> alerting(JsonNode doc) {
    List<String> names = new ArrayList<>();
    doc.path("alertingSegments").forEach(n -> names.add(n.asString()));
    return names;
  }
}
