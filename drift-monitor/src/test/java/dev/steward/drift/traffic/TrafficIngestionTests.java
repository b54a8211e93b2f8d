package dev.steward.drift.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class TrafficIngestionTests {
  private static final StreamKey PROD = new StreamKey("m", 1, "prod");

  @TempDir
  Path dir;
  TrafficHarness h;

  @BeforeEach
  void start() {
    h = new TrafficHarness(dir, Map.of("m/1", TrafficHarness.churn("m", 1), "bare/1", TrafficHarness.churn("bare", 1)));
    h.monitor.addReference("m", 1, SyntheticTraffic.reference(3, 5000), false, "alice");
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private static String row(String id, String features, String extra) {
    return "{\"request_id\":\"" + id + "\",\"model\":\"m\",\"version\":1,\"environment\":\"prod\","
        + "\"timestamp\":\"2026-01-05T00:10:00Z\",\"features\":{" + features + "},\"score\":0.4" + extra + "}\n";
  }

  @Test
  void refusesBadRowsWithReasonsAndAcceptsTheRest() {
    String batch = row("ok-1", "\"x\":1.5,\"c\":\"a\"", "")
        + "{not json\n"
        + row("text", "\"x\":\"abc\",\"c\":\"a\"", "")
        + row("extra", "\"x\":1,\"c\":\"a\",\"zip\":\"12345\"", "")
        + row("ok-2", "\"x\":2,\"c\":\"new-category\"", "")
        + row("ok-1", "\"x\":1.5,\"c\":\"a\"", "")
        + "{\"request_id\":\"u\",\"model\":\"nope\",\"version\":3,\"timestamp\":\"2026-01-05T00:10:00Z\",\"features\":{}}\n"
        + "{\"request_id\":\"p\",\"model\":\"bare\",\"version\":1,\"timestamp\":\"2026-01-05T00:10:00Z\",\"features\":{}}\n"
        + "{\"model\":\"m\",\"version\":1,\"timestamp\":\"2026-01-05T00:10:00Z\",\"features\":{}}\n"
        + row("bad-label", "\"x\":1", ",\"label\":7");
    IngestResult result = h.rows(batch);
    assertThat(result.accepted()).isEqualTo(2);
    assertThat(result.duplicates()).isEqualTo(1);
    assertThat(result.rejected()).isEqualTo(7);
    assertThat(result.rejections()).extracting(IngestResult.Rejection::line).containsExactly(2, 3, 4, 7, 8, 9, 10);
    assertThat(result.rejections()).extracting(IngestResult.Rejection::reason).satisfiesExactly(
        r -> assertThat(r).startsWith("malformed JSON"),
        r -> assertThat(r).isEqualTo("text 'abc' in numeric feature 'x'"),
        r -> assertThat(r).isEqualTo("feature 'zip' is not in the feature set of m/1"),
        r -> assertThat(r).isEqualTo("unknown model version nope/3"),
        r -> assertThat(r).isEqualTo("model version bare/1 has no reference profile"),
        r -> assertThat(r).isEqualTo("request_id is missing"),
        r -> assertThat(r).isEqualTo("label must be 0 or 1"));
    assertThat(h.monitor.openRows(PROD)).isEqualTo(2);
  }

  @Test
  void skipsBlankLinesAndReadsCrlfLinesButCountsEveryLineInRejections() {
    String batch = row("crlf-1", "\"x\":1.5,\"c\":\"a\"", "").replace("\n", "\r\n")
        + "\n  \t\r\n"
        + row("crlf-2", "\"x\":\"abc\",\"c\":\"a\"", "").replace("\n", "\r\n")
        + "   " + row("crlf-3", "\"x\":2,\"c\":\"a\"", "").replace("\n", " \t")
        + "\n{\"request_id\":\"last\"}";
    IngestResult result = h.rows(batch);
    assertThat(result.accepted()).as(result.rejections().toString()).isEqualTo(2);
    assertThat(result.rejections()).extracting(IngestResult.Rejection::line).containsExactly(4, 6);
    assertThat(result.rejections()).extracting(IngestResult.Rejection::reason)
        .containsExactly("text 'abc' in numeric feature 'x'", "model is missing");
  }

  @Test
  void countsNanAsMissingAndInfinityApartSoReportsStayFinite() {
    IngestResult result = h.rows(row("n1", "\"x\":NaN,\"c\":null", "")
        + row("n2", "\"x\":\"NaN\",\"c\":\"a\"", "")
        + row("n3", "\"x\":Infinity,\"c\":\"a\"", "")
        + row("n4", "\"x\":\"-inf\",\"c\":\"b\"", "")
        + "{\"request_id\":\"n5\",\"model\":\"m\",\"version\":1,\"environment\":\"prod\",\"timestamp\":\"2026-01-05T00:10:00Z\",\"features\":{\"x\":1},\"score\":NaN}\n");
    assertThat(result.accepted()).as(result.rejections().toString()).isEqualTo(5);
    DriftReport report = h.monitor.closeDue(Instant.parse("2026-01-05T02:00:00Z")).getFirst();
    JsonNode x = report.document().path("features").get(0);
    assertThat(x.path("missing").asLong()).isEqualTo(2);
    assertThat(x.path("infinite").asLong()).isEqualTo(2);
    assertThat(report.document().toString()).doesNotContain("NaN").doesNotContain("Infinity");
  }

  @Test
  void countsARequestIdOnceAcrossBatchesAndRefusesLateRows() {
    assertThat(h.rows(row("a", "\"x\":1,\"c\":\"a\"", "") + row("b", "\"x\":1,\"c\":\"a\"", "")).accepted()).isEqualTo(2);
    IngestResult again = h.rows(row("a", "\"x\":1,\"c\":\"a\"", "") + row("c", "\"x\":1,\"c\":\"a\"", ""));
    assertThat(again.accepted()).isEqualTo(1);
    assertThat(again.duplicates()).isEqualTo(1);
    assertThat(h.monitor.closeDue(Instant.parse("2026-01-05T01:05:00Z"))).singleElement()
        .satisfies(r -> assertThat(r.rows()).isEqualTo(3));
    IngestResult late = h.rows(row("d", "\"x\":1,\"c\":\"a\"", ""));
    assertThat(late.accepted()).isZero();
    assertThat(late.rejections().getFirst().reason()).startsWith("late: the window starting 2026-01-05T00:00:00Z");
  }

  @Test
  void refusesBatchesOverTheRowLimitAsAWhole() {
    StringBuilder batch = new StringBuilder();
    for (int i = 0; i < 1001; i++) {
      batch.append(row("big-" + i, "\"x\":1,\"c\":\"a\"", ""));
    }
    assertThatThrownBy(() -> h.rows(batch.toString())).isInstanceOfSatisfying(InvalidTraffic.class,
        e -> assertThat(e.status()).isEqualTo(413));
    assertThat(h.monitor.openRows(PROD)).isZero();
  }

  @Test
  void joinsLabelsByRequestIdOnceAndRefusesUnknownOnes() {
    h.rows(row("s1", "\"x\":1,\"c\":\"a\"", "") + row("s2", "\"x\":1,\"c\":\"a\"", ",\"label\":1"));
    IngestResult labels = h.labels("""
        {"request_id":"s1","model":"m","version":1,"environment":"prod","label":1}
        {"request_id":"s1","model":"m","version":1,"environment":"prod","label":0}
        {"request_id":"s2","model":"m","version":1,"environment":"prod","label":0}
        {"request_id":"zz","model":"m","version":1,"environment":"prod","label":0}
        {"request_id":"s1","model":"m","version":1,"environment":"prod","label":"yes"}
        """);
    assertThat(labels.accepted()).isEqualTo(1);
    assertThat(labels.duplicates()).isEqualTo(2);
    assertThat(labels.rejected()).isEqualTo(2);
    DriftReport report = h.monitor.closeDue(Instant.parse("2026-01-05T02:00:00Z")).getFirst();
    assertThat(report.document().path("calibration").path("labelled").asLong()).isEqualTo(2);
  }

  @Test
  void replaysAcknowledgedRowsAfterACrashExactlyOnce() throws Exception {
    SplittableRandom r = new SplittableRandom(5);
    StringBuilder batch = new StringBuilder();
    for (int i = 0; i < 800; i++) {
      batch.append(SyntheticTraffic.row(r, "r" + i, "m", 1, "prod",
          Instant.parse("2026-01-05T00:00:00Z").plusSeconds(i * 9L), SyntheticTraffic.Shift.NONE, i % 3 == 0));
    }
    assertThat(h.rows(batch.toString()).accepted()).isEqualTo(800);
    h.monitor.closeDue(Instant.parse("2026-01-05T01:05:00Z"));
    assertThat(h.rows(batch.toString()).accepted()).isZero();

    h.restartAfterCrash();
    assertThat(h.monitor.openRows(PROD)).isEqualTo(400);
    IngestResult retried = h.rows(batch.toString());
    assertThat(retried.accepted()).isZero();
    assertThat(retried.duplicates()).isEqualTo(400);
    List<DriftReport> closed = h.monitor.closeDue(Instant.parse("2026-01-05T03:00:00Z"));
    assertThat(closed).singleElement().satisfies(rep -> assertThat(rep.rows()).isEqualTo(400));
    assertThat(h.reports.list(new DriftReports.Query("m", 1, "prod", null, null, null, 0, 10)))
        .extracting(DriftReport::rows).containsExactly(400L, 400L);
    try (Stream<Path> files = Files.list(dir.resolve("wal"))) {
      assertThat(files.filter(f -> Files.isRegularFile(f)).count()).as("reported segments are deleted").isLessThanOrEqualTo(1);
    }
  }

  @Test
  void refusesASecondReferenceProfileAndUnknownFeaturesInOne() {
    assertThatThrownBy(() -> h.monitor.addReference("m", 1, SyntheticTraffic.reference(4, 100), false, "bob"))
        .isInstanceOfSatisfying(InvalidTraffic.class, e -> assertThat(e.status()).isEqualTo(409));
    assertThatThrownBy(() -> h.monitor.addReference("bare", 1, "x,c,zip\n1,a,3\n", true, "bob"))
        .isInstanceOfSatisfying(InvalidTraffic.class, e -> assertThat(e.status()).isEqualTo(422));
    assertThatThrownBy(() -> h.monitor.addReference("bare", 1, "x,c\nabc,a\n", true, "bob"))
        .isInstanceOfSatisfying(InvalidTraffic.class, e -> assertThat(e.status()).isEqualTo(400));
    ReferenceProfile csv = h.monitor.addReference("bare", 1, "x,c,score,label\n1,a,0.2,0\n2,b,0.9,1\n,a,0.5,\n", true, "bob");
    assertThat(csv.rows()).isEqualTo(3);
    assertThat(csv.labelled()).isEqualTo(2);
    assertThat(csv.feature("x").counts().missing()).isEqualTo(1);
  }

  @Test
  void readsBackAStoredProfileWithTheSameBins() {
    h.restartAfterCrash();
    ReferenceProfiles fresh = new ReferenceProfiles(h.jdbc, h.tx, SqlDurability.of(h.ds));
    ReferenceProfile stored = fresh.find("m", 1).orElseThrow();
    ReferenceProfile built = h.monitor.reference("m", 1).orElseThrow();
    assertThat(ReferenceProfiles.document(stored)).isEqualTo(ReferenceProfiles.document(built));
    assertThat(ReferenceProfiles.document(stored).path("features").get(0).path("cutPoints").size()).isEqualTo(9);
    assertThat(stored.labelledScores()).isEqualTo(built.labelledScores());
    assertThat(stored.labels()).isEqualTo(built.labels());
    assertThat(Duration.between(stored.createdAt(), built.createdAt()).abs()).isLessThan(Duration.ofSeconds(1));
  }
}
