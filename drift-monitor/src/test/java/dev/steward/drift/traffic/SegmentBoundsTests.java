package dev.steward.drift.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A segment column keeps counts for its top values by reference count plus one {@code (other)} bucket, so
 * memory, report size and metric labels stay bounded whatever values the traffic sends.
 */
class SegmentBoundsTests {
  private static final MonitoredModel MODEL = new MonitoredModel("m", 1, List.of(
      new MonitoredModel.MonitoredFeature("x", true), new MonitoredModel.MonitoredFeature("plan", false)),
      MonitoredModel.Thresholds.NONE);

  /** 40 basic, 30 pro, 20 team, 6 legacy, 3 trial and one null: five values. */
  private static String reference() {
    StringBuilder b = new StringBuilder();
    int row = 0;
    for (Object[] value : new Object[][] {{"basic", 40}, {"pro", 30}, {"team", 20}, {"legacy", 6}, {"trial", 3},
        {null, 1}}) {
      for (int i = 0; i < (int) value[1]; i++, row++) {
        b.append("{\"features\":{\"x\":").append(row % 10).append(",\"plan\":")
            .append(value[0] == null ? "null" : "\"" + value[0] + "\"").append("},\"score\":0.5,\"label\":")
            .append(row % 2).append("}\n");
      }
    }
    return b.toString();
  }

  private static ReferenceProfile profile(int topValues) {
    return ReferenceSamples.fromJsonLines(MODEL, reference(),
        new ReferenceSamples.Limits(10, 1000, topValues, List.of(1)), "alice", Instant.EPOCH);
  }

  @Test
  void keepsTheTopValuesOfTheReferenceAndPutsTheRestInOther() {
    ReferenceProfile profile = profile(3);

    ReferenceProfile.Segment plan = profile.segments().getFirst();
    assertThat(plan.values()).containsExactly("basic", "pro", "team");
    assertThat(plan.slots()).isEqualTo(4);
    assertThat(plan.references()).extracting(ReferenceProfile.SegmentReference::rows)
        .containsExactly(40L, 30L, 20L, 10L);
    assertThat(plan.label(3)).isEqualTo("plan=(other)");
    // the reference's own counts per value: x over its bins, plan in its own bin only
    assertThat(plan.references().get(0).features().get(1).counts()[0]).isEqualTo(40);
    assertThat(plan.references().get(3).features().get(1).missing()).isEqualTo(1);
    assertThat(plan.references().get(3).features().get(0).rows()).isEqualTo(10);
  }

  @Test
  void keepsEveryValueWhenThereAreFewerThanTheBound() {
    assertThat(profile(20).segments().getFirst().values()).containsExactly("basic", "pro", "team", "legacy", "trial");
    assertThat(profile(20).segments().getFirst().references().getLast().rows()).as("only the null row").isEqualTo(1);
  }

  @Test
  void countsRowsOfOtherValuesNewValuesAndNullsInOther() {
    ReferenceProfile profile = profile(3);
    ReferenceProfile.Segment plan = profile.segments().getFirst();
    WindowCounts window = new WindowCounts(0, profile, 100);
    var bins = (dev.steward.drift.FeatureBins.Categorical) profile.features().get(1).bins();
    String[] sent = {"basic", "pro", "team", "legacy", "never-seen", null, "basic"};
    for (String value : sent) {
      short[] codes = {0, value == null ? WindowCounts.MISSING : (short) bins.binOf(value)};
      window.add(codes, (short) 0);
      window.addLabelled(0.5, 1, profile.segmentKey(codes));
    }

    assertThat(window.segmentColumns()).isEqualTo(1);
    assertThat(window.segment(0, 0).rows).isEqualTo(2);
    assertThat(window.segment(0, 1).rows).isEqualTo(1);
    assertThat(window.segment(0, 2).rows).isEqualTo(1);
    assertThat(window.segment(0, 3).rows).as("legacy, a new value and a null").isEqualTo(3);
    assertThat(window.segment(0, 3).labelledSeen()).isEqualTo(3);
    assertThat(window.rows).isEqualTo(sent.length);
    assertThat(plan.label(0)).isEqualTo("plan=basic");

    DriftReport report = ReportBuilder.build(new StreamKey("m", 1, "prod"), MODEL, profile, window, Instant.EPOCH,
        Instant.EPOCH.plusSeconds(3600), Instant.EPOCH.plusSeconds(3600), 50, 1000);
    assertThat(report.document().path("segments")).hasSize(4);
    for (JsonNode s : report.document().path("segments")) {
      assertThat(s.path("skipped").asString()).as("too few rows for a verdict").contains("at least 1000 rows");
    }
    assertThat(report.document().path("segments").get(3).path("segment").asString()).isEqualTo("plan=(other)");
  }

  @Test
  void keepsTheSegmentsOfAProfileThroughItsFileAndItsIndexDocument() {
    ReferenceProfile profile = profile(3);

    ReferenceProfile read = ProfileDocuments.fromJson(ProfileDocuments.toJson(profile));

    assertThat(read.segments()).isEqualTo(profile.segments());
    assertThat(ReferenceProfiles.segments(ReferenceProfiles.document(profile), profile.features()))
        .isEqualTo(profile.segments());
  }
}
