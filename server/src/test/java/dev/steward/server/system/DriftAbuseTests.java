package dev.steward.server.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steward.drift.traffic.KserveEvents;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Drift ingestion under abuse, through the real server: a flood of large KServe halves that never find
 * their partner stays within the join buffer's byte bound, is told to retry later when the buffer is
 * full, and is released by the timer; rows stamped far in the future or past are refused one by one with
 * a reason and open no window, before or after a restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DriftAbuseTests {
  private static final long BUFFER_BYTES = 2L << 20;
  private static final int HALF_BYTES = 256 * 1024;

  abstract Database database();

  Path dataDir;
  Steward steward;
  String token;
  String base;

  @BeforeAll
  void start() throws Exception {
    dataDir = Files.createTempDirectory("steward-drift-abuse");
    steward = Steward.start(dataDir, database(), Map.of("steward.drift.close-interval", "0",
        "steward.drift.kserve.ingest-key", "logger-key",
        "steward.drift.kserve.services", "default/abuse-isvc=abuse:1:kserve",
        "steward.drift.kserve.max-pending-bytes", BUFFER_BYTES + "B",
        "steward.drift.kserve.join-timeout", "2s"));
    token = steward.admin().issue("alice", "ml-engineer");
    base = "http://127.0.0.1:" + steward.port();
    DriftTraffic.registerModel(steward.api(token), "abuse");
    Api.Answer reference = DriftTraffic.jsonLines(base, token, "/api/v1/drift/models/abuse/versions/1/reference",
        DriftTraffic.reference("abuse", 3, 2000));
    assertThat(reference.status()).as(reference.toString()).isEqualTo(201);
  }

  @AfterAll
  void stop() {
    if (steward != null) {
      steward.close();
    }
    Steward.deleteRecursively(dataDir);
  }

  @Test
  void keepsUnmatchedKserveHalvesWithinTheByteBoundAndReleasesThemOnATimer() {
    KserveEvents kserve = steward.bean(KserveEvents.class);
    byte[] large = largeRequest(HALF_BYTES);
    int held = 0;
    HttpResponse<String> refused = null;
    for (int i = 0; i < 40 && refused == null; i++) {
      HttpResponse<String> r = half("flood-" + i, "request", large);
      if (r.statusCode() == 202) {
        held++;
      } else {
        refused = r;
      }
    }
    assertThat((long) held * large.length).as("bytes of the halves held").isLessThanOrEqualTo(BUFFER_BYTES);
    assertThat(held).isPositive();
    assertThat(refused).as("a half beyond the bound is refused").isNotNull();
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(
        s -> assertThat(Integer.parseInt(s)).isBetween(1, 2));
    assertThat(refused.body()).contains("steward.drift.kserve.max-pending-bytes");

    // nothing else arrives: the timer alone lets the waiting halves go after the join timeout
    await().atMost(Duration.ofSeconds(10)).until(() -> kserve.pending() == 0);
    assertThat(half("after-expiry", "request", "{\"instances\": [[0.3, \"a\"]]}".getBytes(StandardCharsets.UTF_8))
        .statusCode()).isEqualTo(202);
    HttpResponse<String> joined = half("after-expiry", "response",
        "{\"predictions\": [[0.2, 0.8]]}".getBytes(StandardCharsets.UTF_8));
    assertThat(joined.statusCode()).as(joined.body()).isEqualTo(202);
    assertThat(joined.body()).contains("\"accepted\":1");
  }

  @Test
  void refusesRowsFarInTheFutureOrPastOneByOneAndOpensNoWindowForThem() {
    Instant now = Instant.now();
    SplittableRandom r = new SplittableRandom(7);
    String good = DriftTraffic.row(r, "in-time", "abuse", "clock", now.minus(Duration.ofMinutes(1)),
        DriftTraffic.Shift.NONE, false);
    String future = DriftTraffic.row(r, "year-9999", "abuse", "clock", Instant.parse("9999-12-31T23:00:00Z"),
        DriftTraffic.Shift.NONE, false);
    String past = DriftTraffic.row(r, "epoch", "abuse", "clock", Instant.EPOCH, DriftTraffic.Shift.NONE, false);
    String pastMillis = "{\"request_id\":\"epoch-millis\",\"model\":\"abuse\",\"version\":1,\"environment\":\"clock\","
        + "\"timestamp\":0,\"features\":{\"x\":0.5,\"c\":\"a\"},\"score\":0.4}\n";
    String soon = DriftTraffic.row(r, "in-an-hour", "abuse", "clock", now.plus(Duration.ofHours(1)),
        DriftTraffic.Shift.NONE, false);
    Api.Answer a = DriftTraffic.jsonLines(base, token, "/api/v1/drift/rows", good + future + past + pastMillis + soon);
    assertThat(a.status()).as(a.toString()).isEqualTo(200);
    JsonNode result = a.json();
    assertThat(result.path("accepted").asInt()).as(a.toString()).isEqualTo(1);
    assertThat(result.path("rejected").asInt()).isEqualTo(4);
    Map<String, String> reasons = new HashMap<>();
    result.path("rejections").forEach(j -> reasons.put(j.path("requestId").asString(), j.path("reason").asString()));
    assertThat(reasons.get("year-9999")).contains("9999-12-31T23:00:00Z").contains("in the future")
        .contains("steward.drift.max-future-skew");
    assertThat(reasons.get("in-an-hour")).contains("in the future");
    assertThat(reasons.get("epoch")).contains("1970-01-01T00:00:00Z").contains("older than")
        .contains("steward.drift.max-row-age");
    assertThat(reasons.get("epoch-millis")).contains("older than");
    Instant window = now.minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.HOURS);
    assertThat(windows()).as("only the row in time opened a window").isEqualTo(Map.of(window.toString(), 1L));

    steward.restart();
    base = "http://127.0.0.1:" + steward.port();
    assertThat(windows()).as("the restart replays only the row in time").isEqualTo(Map.of(window.toString(), 1L));
  }

  private Map<String, Long> windows() {
    Map<String, Long> rows = new HashMap<>();
    for (JsonNode w : steward.api(token).get("/api/v1/drift/windows").json()) {
      if (w.path("stream").path("environment").asString().equals("clock")) {
        rows.put(w.path("windowStart").asString(), w.path("rows").asLong());
      }
    }
    return rows;
  }

  private HttpResponse<String> half(String id, String kind, byte[] body) {
    Map<String, String> headers = Map.of("Ce-Specversion", "1.0", "Ce-Id", id,
        "Ce-Type", "org.kubeflow.serving.inference." + kind, "Ce-Time", Instant.now().toString(),
        "Ce-Inferenceservicename", "abuse-isvc", "Ce-Namespace", "default");
    return DriftTraffic.exchange(base, token, "POST", "/api/v1/drift/kserve/logger-key", "application/json", body,
        headers);
  }

  /** A v1 request of about {@code bytes} bytes: many instances of the two features. */
  private static byte[] largeRequest(int bytes) {
    StringBuilder b = new StringBuilder("{\"instances\": [");
    while (b.length() < bytes - 32) {
      b.append("[0.3, \"a\"],");
    }
    b.append("[0.3, \"a\"]]}");
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }
}
