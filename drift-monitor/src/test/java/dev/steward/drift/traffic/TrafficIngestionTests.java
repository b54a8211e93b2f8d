package dev.steward.drift.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
  void refusesSegmentColumnsOutsideTheFeatureSetOrNumericAndCommitsNothing() {
    String head = h.lineage.head().orElseThrow();
    String reference = "x,c,score,label\n1,a,0.2,0\n2,b,0.9,1\n";
    assertThatThrownBy(() -> h.monitor.addReference("bare", 1, reference, true, List.of("c", "plan"), "bob"))
        .isInstanceOfSatisfying(InvalidTraffic.class, e -> {
          assertThat(e.status()).isEqualTo(422);
          assertThat(e.field()).isEqualTo("segments");
          assertThat(e.getMessage()).contains("'plan'").contains("not in the feature set of bare/1").contains(": c.");
        });
    assertThatThrownBy(() -> h.monitor.addReference("bare", 1, reference, true, List.of("x"), "bob"))
        .isInstanceOfSatisfying(InvalidTraffic.class, e -> {
          assertThat(e.status()).isEqualTo(422);
          assertThat(e.field()).isEqualTo("segments");
          assertThat(e.getMessage()).contains("'x' is numeric");
        });
    assertThatThrownBy(() -> h.monitor.addReference("bare", 1, reference, true, List.of("c", "c"), "bob"))
        .isInstanceOfSatisfying(InvalidTraffic.class, e -> assertThat(e.field()).isEqualTo("segments"));
    assertThat(h.lineage.head()).contains(head);
    assertThat(h.monitor.reference("bare", 1)).isEmpty();

    ReferenceProfile segmented = h.monitor.addReference("bare", 1, reference, true, List.of("c"), "bob");
    assertThat(segmented.segments()).singleElement().satisfies(s -> assertThat(s.values()).containsExactly("a", "b"));
    h.restartAfterCrash();
    assertSameProfile(new ReferenceProfiles(h.jdbc, h.lineage).find("bare", 1).orElseThrow(), segmented);
    assertThat(ProfileDocuments.fromJson(h.lineage.read("drift/profiles/bare/0-99/1.json").orElseThrow()).segments())
        .isEqualTo(segmented.segments());
  }

  @Test
  void readsBackAStoredProfileWithTheSameBins() {
    h.restartAfterCrash();
    ReferenceProfiles fresh = new ReferenceProfiles(h.jdbc, h.lineage);
    ReferenceProfile stored = fresh.find("m", 1).orElseThrow();
    ReferenceProfile built = h.monitor.reference("m", 1).orElseThrow();
    assertThat(ReferenceProfiles.document(stored)).isEqualTo(ReferenceProfiles.document(built));
    assertThat(ReferenceProfiles.document(stored).path("features").get(0).path("cutPoints").size()).isEqualTo(9);
    assertThat(stored.labelledScores()).isEqualTo(built.labelledScores());
    assertThat(stored.labels()).isEqualTo(built.labels());
    assertThat(Duration.between(stored.createdAt(), built.createdAt()).abs()).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void refusesRowsStampedFarInTheFutureOrPastWithAReasonAndOpensNoWindowForThem() throws Exception {
    Instant now = h.clock.instant();
    String batch = at("year-9999", "\"9999-12-31T23:00:00Z\"")
        + at("epoch", "\"1970-01-01T00:00:00Z\"")
        + at("epoch-millis", "0")
        + at("six-minutes-ahead", "\"" + now.plus(Duration.ofMinutes(6)) + "\"")
        + at("eight-days-old", Long.toString(now.minus(Duration.ofDays(8)).toEpochMilli()))
        + at("four-minutes-ahead", "\"" + now.plus(Duration.ofMinutes(4)) + "\"")
        + at("six-days-old", "\"" + now.minus(Duration.ofDays(6)) + "\"");
    IngestResult result = h.rows(batch);
    assertThat(result.accepted()).as(result.rejections().toString()).isEqualTo(2);
    assertThat(result.rejected()).isEqualTo(5);
    assertThat(result.rejections()).extracting(IngestResult.Rejection::requestId)
        .containsExactly("year-9999", "epoch", "epoch-millis", "six-minutes-ahead", "eight-days-old");
    assertThat(result.rejections()).extracting(IngestResult.Rejection::reason).containsExactly(
        "timestamp 9999-12-31T23:00:00Z is more than 5m in the future (steward.drift.max-future-skew); check the "
            + "sender's clock",
        "timestamp 1970-01-01T00:00:00Z is older than 7d (steward.drift.max-row-age)",
        "timestamp 1970-01-01T00:00:00Z is older than 7d (steward.drift.max-row-age)",
        "timestamp " + now.plus(Duration.ofMinutes(6)) + " is more than 5m in the future (steward.drift.max-future-skew);"
            + " check the sender's clock",
        "timestamp " + now.minus(Duration.ofDays(8)) + " is older than 7d (steward.drift.max-row-age)");
    List<Instant> expected = List.of(now.minus(Duration.ofDays(6)).truncatedTo(ChronoUnit.HOURS),
        now.plus(Duration.ofMinutes(4)).truncatedTo(ChronoUnit.HOURS));
    assertThat(h.monitor.openWindows()).extracting(TrafficMonitor.OpenWindow::windowStart)
        .containsExactlyElementsOf(expected);

    h.restartAfterCrash();
    assertThat(h.monitor.openWindows()).as("nothing of the refused rows is replayed")
        .extracting(TrafficMonitor.OpenWindow::windowStart).containsExactlyElementsOf(expected);
    assertThat(h.monitor.openRows(PROD)).isEqualTo(2);
  }

  @Test
  void dropsLoggedRowsStampedBeyondTheSkewOnReplaySoTheirSegmentCanGo() throws Exception {
    // rows logged by a monitor that still took any timestamp
    h.settings = withSkew(h.settings, Duration.ofDays(3_000_000));
    h.restartAfterCrash();
    assertThat(h.rows(at("year-9999", "\"9999-12-31T23:00:00Z\"") + at("in-time", "\"2026-01-05T11:00:00Z\""))
        .accepted()).isEqualTo(2);

    h.settings = withSkew(h.settings, Duration.ofMinutes(5));
    h.restartAfterCrash();
    assertThat(h.monitor.openWindows()).singleElement()
        .satisfies(w -> assertThat(w.windowStart()).isEqualTo(Instant.parse("2026-01-05T11:00:00Z")));
    h.monitor.closeDue(Instant.parse("2026-01-05T12:05:00Z"));
    try (Stream<Path> files = Files.list(dir.resolve("wal"))) {
      assertThat(files.filter(Files::isRegularFile).filter(f -> sizeOf(f) > 0).count())
          .as("the segment holding the year-9999 row is deleted once its other window is reported").isZero();
    }
  }

  @Test
  void recordsEachProfileAsOneCommitThatAnIndexRebuildOrALostDatabaseGivesBack() {
    assertThat(h.lineage.history("drift/profiles/", 10)).singleElement().satisfies(c -> {
      assertThat(c.actor()).isEqualTo("alice");
      assertThat(c.summary()).isEqualTo("Upload the reference profile of model version m/1");
    });
    byte[] file = h.lineage.read("drift/profiles/m/0-99/1.json").orElseThrow();
    ReferenceProfile built = h.monitor.reference("m", 1).orElseThrow();
    assertThat(ProfileDocuments.toJson(ProfileDocuments.fromJson(file))).as("canonical").isEqualTo(file);

    h.index.rebuild();
    assertSameProfile(new ReferenceProfiles(h.jdbc, h.lineage).find("m", 1).orElseThrow(), built);
    assertThat(h.jdbc.sql("select count(*) from drift_reference_profile").query(Long.class).single()).isEqualTo(1);

    // the database is lost: empty tables, and the index no longer knows what it indexed
    h.jdbc.sql("delete from drift_reference_labels").update();
    h.jdbc.sql("delete from drift_reference_profile").update();
    h.jdbc.sql("update registry_index_state set last_commit = null").update();
    h.restartAfterCrash();
    assertSameProfile(h.monitor.reference("m", 1).orElseThrow(), built);
    assertThat(h.rows(row("after-loss", "\"x\":1,\"c\":\"a\"", "")).accepted()).isEqualTo(1);
  }

  @Test
  void keepsABoundedSampleOfLabelledReferenceRowsTheSameForTheSameUpload() throws Exception {
    try (TrafficHarness small = new TrafficHarness(dir.resolve("small"), Map.of("m/1", TrafficHarness.churn("m", 1),
        "m/2", TrafficHarness.churn("m", 2)), 1000, 1000)) {
      String reference = SyntheticTraffic.reference(3, 5000);
      ReferenceProfile first = small.monitor.addReference("m", 1, reference, false, "alice");
      ReferenceProfile second = small.monitor.addReference("m", 2, reference, false, "alice");
      assertThat(first.rows()).isEqualTo(5000);
      assertThat(first.labelled()).isEqualTo(1000);
      assertThat(second.labelledScores()).isEqualTo(first.labelledScores());
      assertThat(second.labels()).isEqualTo(first.labels());
      assertThat(small.lineage.read("drift/profiles/m/0-99/1.json").orElseThrow().length)
          .as("about 22 bytes per labelled row plus the bins").isLessThan(1000 * 24 + 4000);
    }
  }

  private static void assertSameProfile(ReferenceProfile actual, ReferenceProfile expected) {
    assertThat(ReferenceProfiles.document(actual)).isEqualTo(ReferenceProfiles.document(expected));
    assertThat(actual.labelledScores()).isEqualTo(expected.labelledScores());
    assertThat(actual.labels()).isEqualTo(expected.labels());
    assertThat(actual.createdAt()).isEqualTo(expected.createdAt());
    assertThat(actual.createdBy()).isEqualTo(expected.createdBy());
  }

  private static String at(String id, String timestamp) {
    return "{\"request_id\":\"" + id + "\",\"model\":\"m\",\"version\":1,\"environment\":\"prod\","
        + "\"timestamp\":" + timestamp + ",\"features\":{\"x\":1,\"c\":\"a\"},\"score\":0.4}\n";
  }

  private static TrafficMonitor.Settings withSkew(TrafficMonitor.Settings s, Duration skew) {
    return new TrafficMonitor.Settings(s.window(), s.closeDelay(), s.walDirectory(), s.maxBatchRows(),
        s.dedupCapacity(), s.maxLabelledRows(), s.minLabelledRows(), s.numericBins(), skew, s.maxRowAge(),
        s.maxReferenceLabelled());
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
