package dev.steward.drift.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

/**
 * Snapshots of the open windows and the duplicate index let the write-ahead log go while a window is still
 * open. A restart from a snapshot plus the log after it must count exactly what a restart from the whole
 * log counts, whatever point a crash interrupted the snapshot at.
 */
class WriteAheadSnapshotTests {
  private static final StreamKey PROD = new StreamKey("m", 1, "prod");
  private static final Instant HOUR = Instant.parse("2026-01-05T00:00:00Z");

  @TempDir
  Path dir;
  TrafficHarness h;
  /** The same traffic, never snapshotted: what every restart must agree with. */
  TrafficHarness plain;

  @BeforeEach
  void start() {
    Map<String, MonitoredModel> models = Map.of("m/1", TrafficHarness.churn("m", 1), "s/1",
        TrafficHarness.churn("s", 1));
    h = new TrafficHarness(dir.resolve("snapshotted"), models, 5000);
    plain = new TrafficHarness(dir.resolve("plain"), models, 5000);
    for (TrafficHarness t : List.of(h, plain)) {
      t.monitor.addReference("m", 1, SyntheticTraffic.reference(3, 5000), false, "alice");
    }
  }

  @AfterEach
  void stop() {
    h.close();
    plain.close();
  }

  private static String batch(int from, int rows) {
    return batch("m", from, rows);
  }

  private static String batch(String model, int from, int rows) {
    SplittableRandom r = new SplittableRandom(from);
    StringBuilder batch = new StringBuilder();
    for (int i = from; i < from + rows; i++) {
      batch.append(SyntheticTraffic.row(r, "r" + i, model, 1, "prod", HOUR.plusSeconds(i % 3000),
          SyntheticTraffic.Shift.NONE, i % 3 == 0));
    }
    return batch.toString();
  }

  private static String labels(int from, int rows) {
    return labels("m", from, rows);
  }

  private static String labels(String model, int from, int rows) {
    StringBuilder labels = new StringBuilder();
    for (int i = from; i < from + rows; i++) {
      if (i % 3 != 0) {
        labels.append("{\"request_id\":\"r").append(i).append("\",\"model\":\"").append(model)
            .append("\",\"version\":1,")
            .append("\"environment\":\"prod\",\"label\":").append(i % 2).append("}\n");
      }
    }
    return labels.toString();
  }

  private void both(String rows, String labels) {
    for (TrafficHarness t : List.of(h, plain)) {
      assertThat(t.rows(rows).rejected()).isZero();
      if (!labels.isEmpty()) {
        assertThat(t.labels(labels).rejected()).isZero();
      }
    }
  }

  private List<Path> files(String glob) throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve("snapshotted/wal"))) {
      return files.filter(f -> f.getFileSystem().getPathMatcher("glob:" + glob).matches(f.getFileName())).sorted()
          .toList();
    }
  }

  private static long segmentBytes(TrafficHarness t) throws IOException {
    try (Stream<Path> files = Files.list(t.dir.resolve("wal"))) {
      return files.filter(f -> f.getFileName().toString().startsWith("wal-")).mapToLong(f -> f.toFile().length()).sum();
    }
  }

  /** Closes the hour on both and asserts the same report, row for row and label for label. */
  private void assertSameReportAsWithoutSnapshots(long rows) {
    assertThat(h.monitor.openRows(PROD)).isEqualTo(rows);
    assertThat(plain.monitor.openRows(PROD)).isEqualTo(rows);
    Instant after = HOUR.plus(Duration.ofHours(2));
    DriftReport snapshotted = h.monitor.closeDue(after).getFirst();
    DriftReport expected = plain.monitor.closeDue(after).getFirst();
    assertThat(snapshotted.rows()).isEqualTo(rows);
    assertThat(snapshotted.document()).isEqualTo(expected.document());
  }

  @Test
  void restartsFromTheSnapshotAndTheLogAfterItAsFromTheWholeLog() throws IOException {
    both(batch(0, 600), labels(0, 300));
    List<Path> before = files("wal-*.log");
    h.monitor.snapshot();
    assertThat(files("snapshot-*.bin")).hasSize(1);
    assertThat(before).allSatisfy(segment -> assertThat(segment).doesNotExist());
    both(batch(600, 600), labels(300, 600));

    h.restartAfterCrash();
    plain.restartAfterCrash();
    IngestResult retried = h.rows(batch(0, 1200));
    assertThat(retried.accepted()).isZero();
    assertThat(retried.duplicates()).isEqualTo(1200);
    for (TrafficHarness t : List.of(h, plain)) {
      IngestResult relabelled = t.labels(labels(0, 1200));
      assertThat(relabelled.duplicates()).as("labelled flags survive the snapshot").isEqualTo(600);
      assertThat(relabelled.accepted()).as("scores survive the snapshot, for labels that come later").isEqualTo(200);
    }
    assertSameReportAsWithoutSnapshots(1200);
  }

  @Test
  void restoresTheCountsOfEverySegmentFromTheSnapshot() throws IOException {
    StreamKey segmented = new StreamKey("s", 1, "prod");
    for (TrafficHarness t : List.of(h, plain)) {
      t.settings = t.settings.withSegments(20, 100);
      t.restartAfterCrash();
      t.monitor.addReference("s", 1, SyntheticTraffic.reference(3, 5000), false, List.of("c"), "alice");
    }
    both(batch("s", 0, 600), labels("s", 0, 300));
    h.monitor.snapshot();
    assertThat(files("snapshot-*.bin")).hasSize(1);
    both(batch("s", 600, 600), labels("s", 300, 600));

    h.restartAfterCrash();
    plain.restartAfterCrash();
    for (TrafficHarness t : List.of(h, plain)) {
      IngestResult relabelled = t.labels(labels("s", 0, 1200));
      assertThat(relabelled.duplicates()).isEqualTo(600);
      // labels for rows from before the snapshot count in the rows' segments: their slots are in the snapshot
      assertThat(relabelled.accepted()).isEqualTo(200);
    }
    assertThat(h.monitor.openRows(segmented)).isEqualTo(1200);
    Instant after = HOUR.plus(Duration.ofHours(2));
    DriftReport snapshotted = h.monitor.closeDue(after).stream().filter(r -> r.stream().equals(segmented))
        .findFirst().orElseThrow();
    DriftReport expected = plain.monitor.closeDue(after).stream().filter(r -> r.stream().equals(segmented))
        .findFirst().orElseThrow();
    assertThat(snapshotted.document().path("segments")).hasSize(4);
    long rows = 0;
    long labelled = 0;
    for (var segment : snapshotted.document().path("segments")) {
      rows += segment.path("rows").asLong();
      labelled += segment.path("calibration").path("labelled").asLong();
    }
    assertThat(rows).isEqualTo(1200);
    assertThat(labelled).as("every inline and joined label in its row's segment").isEqualTo(1200);
    assertThat(snapshotted.document().path("segments").get(0).path("calibration").path("labelled").asLong())
        .isPositive();
    assertThat(snapshotted.document()).isEqualTo(expected.document());
  }

  @Test
  void ignoresASnapshotThatACrashInterruptedAndKeepsThePreviousOneWithItsLog() throws IOException {
    both(batch(0, 500), "");
    h.monitor.snapshot();
    both(batch(500, 500), labels(0, 1000));
    // kill -9 while the next snapshot was being written: its temporary file is all there is of it
    Path torn = h.dir.resolve("wal").resolve(String.format("snapshot-%020d.bin.tmp", 999));
    Files.write(torn, new byte[] {0x53, 0x54, 0x57, 0x53, 0, 1, 2});

    h.restartAfterCrash();
    assertThat(torn).doesNotExist();
    assertThat(h.rows(batch(0, 1000)).duplicates()).isEqualTo(1000);
    assertSameReportAsWithoutSnapshots(1000);
  }

  @Test
  void skipsSegmentsThatASnapshotCoversWhenTheCrashCameBeforeTheyWereDeleted() throws IOException {
    both(batch(0, 700), labels(0, 700));
    Path aside = Files.createDirectories(dir.resolve("aside"));
    List<Path> covered = files("wal-*.log");
    for (Path segment : covered) {
      Files.copy(segment, aside.resolve(segment.getFileName()));
    }
    h.monitor.snapshot();
    both(batch(700, 300), "");
    // kill -9 after the snapshot got its name but before the segments it covers were deleted
    for (Path segment : covered) {
      Files.copy(aside.resolve(segment.getFileName()), segment, StandardCopyOption.REPLACE_EXISTING);
    }

    h.restartAfterCrash();
    assertThat(covered).allSatisfy(segment -> assertThat(segment).doesNotExist());
    assertThat(h.rows(batch(0, 1000)).accepted()).isZero();
    assertSameReportAsWithoutSnapshots(1000);
  }

  @Test
  void keepsTheLogOnDiskBoundedBySnapshotsWhileTheWindowStaysOpen() throws IOException {
    h.settings = h.settings.withSnapshots(Duration.ZERO, 256 << 10);
    h.restartAfterCrash();
    long most = 0;
    for (int b = 0; b < 40; b++) {
      both(batch(b * 500, 500), "");
      h.monitor.snapshotIfDue();
      most = Math.max(most, segmentBytes(h));
    }
    assertThat(files("snapshot-*.bin")).hasSize(1);
    // the bound: the snapshot threshold plus the batch that crossed it
    assertThat(most).isLessThanOrEqualTo((256 << 10) + 64_000);
    assertThat(segmentBytes(plain)).as("without snapshots the log holds the whole window").isGreaterThan(2 * most);

    h.restartAfterCrash();
    assertSameReportAsWithoutSnapshots(20_000);
  }
}
