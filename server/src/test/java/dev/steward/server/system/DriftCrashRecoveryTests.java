package dev.steward.server.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * kill -9 while batches of scored rows stream in: after a restart every acknowledged row is counted,
 * and counted once (sending every batch again adds exactly the rows that were never acknowledged).
 */
abstract class DriftCrashRecoveryTests {
  private static final int WRITERS = 3;
  private static final int ROWS_PER_BATCH = 200;
  private static final int ACKNOWLEDGED_BEFORE_KILL = 40;

  abstract Database database();

  @Test
  void countsEveryAcknowledgedRowExactlyOnceAcrossKillNine() throws Exception {
    // snapshots off: the whole log is replayed
    killAndCount(Map.of("steward.drift.wal-snapshot-interval", "0", "steward.drift.wal-snapshot-bytes", "0"),
        (steward, wal) -> { });
  }

  /**
   * Snapshots every 50 ms while batches stream in, and the kill lands while one is being written (its
   * temporary file exists): the restart starts from the previous snapshot and the log after it.
   */
  @Test
  void countsEveryAcknowledgedRowExactlyOnceAcrossKillNineDuringASnapshot() throws Exception {
    AtomicBoolean caught = new AtomicBoolean();
    killAndCount(Map.of("steward.drift.wal-snapshot-interval", "50ms"), (steward, wal) -> {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline && !caught.get()) {
        try (java.util.stream.Stream<Path> files = Files.list(wal)) {
          if (files.anyMatch(f -> f.getFileName().toString().endsWith(".bin.tmp"))) {
            caught.set(true);
          }
        } catch (java.io.IOException | java.io.UncheckedIOException renamedMeanwhile) {
          // a file went while the directory was listed; look again
        }
      }
    });
    assertThat(caught).as("the kill came while a snapshot was being written").isTrue();
  }

  /** What to wait for before the kill, once enough batches are acknowledged. */
  interface BeforeKill {
    void await(StewardProcess steward, Path wal) throws Exception;
  }

  private void killAndCount(Map<String, String> properties, BeforeKill beforeKill) throws Exception {
    Path dataDir = Files.createTempDirectory("steward-drift-crash");
    // a window of tomorrow, so the production scheduler does not close it during the test; rows that far
    // ahead of the clock need a wider skew than the default
    Instant window = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
    Map<String, String> all = new java.util.HashMap<>(properties);
    all.put("steward.drift.max-future-skew", "2d");
    try (StewardProcess steward = StewardProcess.start(dataDir, database(), all)) {
      String token = steward.admin().issue("ingest", "ml-engineer");
      Api api = steward.api(token);
      DriftTraffic.registerModel(api, "crashy");
      Api.Answer reference = api.post("/api/v1/drift/models/crashy/versions/1/reference",
          DriftTraffic.reference("crashy", 5, 3000));
      assertThat(reference.status()).as(reference.toString()).isEqualTo(201);

      Map<String, String> sent = new ConcurrentHashMap<>();
      Map<String, Boolean> acknowledged = new ConcurrentHashMap<>();
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger batches = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
      for (int w = 0; w < WRITERS; w++) {
        pool.submit(() -> {
          while (!stop.get()) {
            int b = batches.getAndIncrement();
            String batch = batch(b, window);
            sent.put("b" + b, batch);
            try {
              Api.Answer a = api.post("/api/v1/drift/rows", batch);
              if (a.status() == 200) {
                JsonNode j = a.json();
                assertThat(j.path("accepted").asInt() + j.path("duplicates").asInt()).isEqualTo(ROWS_PER_BATCH);
                acknowledged.put("b" + b, true);
              }
            } catch (RuntimeException connectionLost) {
              return;
            }
          }
        });
      }
      await().atMost(Duration.ofSeconds(120)).until(() -> acknowledged.size() >= ACKNOWLEDGED_BEFORE_KILL);
      beforeKill.await(steward, dataDir.resolve("drift-wal"));
      steward.kill();
      stop.set(true);
      pool.shutdown();
      assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

      steward.restart();
      Api after = steward.api(token);
      long counted = openRows(after);
      assertThat(counted).as("every acknowledged row is counted after the restart")
          .isGreaterThanOrEqualTo((long) acknowledged.size() * ROWS_PER_BATCH)
          .isLessThanOrEqualTo((long) sent.size() * ROWS_PER_BATCH);

      for (Map.Entry<String, String> batch : sent.entrySet()) {
        Api.Answer a = after.post("/api/v1/drift/rows", batch.getValue());
        assertThat(a.status()).as(a.toString()).isEqualTo(200);
        if (acknowledged.containsKey(batch.getKey())) {
          assertThat(a.json().path("accepted").asInt()).as("acknowledged %s counted again", batch.getKey()).isZero();
          assertThat(a.json().path("duplicates").asInt()).isEqualTo(ROWS_PER_BATCH);
        }
      }
      assertThat(openRows(after)).as("each row of every batch counted once")
          .isEqualTo((long) sent.size() * ROWS_PER_BATCH);
    } finally {
      Steward.deleteRecursively(dataDir);
    }
  }

  private static long openRows(Api api) {
    long rows = 0;
    for (JsonNode w : api.get("/api/v1/drift/windows").json()) {
      if (w.path("stream").path("model").asString().equals("crashy")) {
        rows += w.path("rows").asLong();
      }
    }
    return rows;
  }

  private static String batch(int b, Instant window) {
    SplittableRandom r = new SplittableRandom(b);
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < ROWS_PER_BATCH; i++) {
      rows.append(DriftTraffic.row(r, "b" + b + "-" + i, "crashy", "prod", window.plusMillis(b * 1000L + i),
          DriftTraffic.Shift.NONE, false));
    }
    return rows.toString();
  }

}
