package dev.steward.server.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Without Alertmanager ({@code steward.alerts.direct.enabled}): a drift window of version 2 that closes in
 * alert rolls the model back through the alert receiver (same episode key, cooldown and history), once; and
 * a kill -9 as soon as the alerting report is stored, before or after the reaction ran, still ends with
 * exactly one rollback after the restart (the event is replayed from the publication registry, or the
 * window from the write-ahead log).
 */
abstract class DriftDirectRollbackTests {

  abstract Database database();

  static Map<String, String> settings() {
    return Map.of("steward.alerts.direct.enabled", "true", "steward.alerts.direct.environments", "dev",
        "steward.drift.window", "2s", "steward.drift.close-delay", "1s", "steward.drift.close-interval", "200ms",
        "logging.level.dev.steward.alerts", "INFO");
  }

  /** Two versions of {@code model} in dev with reference profiles; answers the ingest token. */
  static String deployTwoVersions(Api admin, String base, String model) {
    Api alice = admin.as(admin.issue("alice-" + model, "ml-engineer"));
    DriftTraffic.registerModel(alice, model);
    AlertPayloads.registerNextVersion(alice, model);
    for (int v = 1; v <= 2; v++) {
      assertThat(DriftTraffic.jsonLines(base, alice.token(), "/api/v1/drift/models/" + model + "/versions/" + v
          + "/reference", DriftTraffic.reference(model, 5, 2_000)).status()).isEqualTo(201);
      assertThat(alice.post("/api/v1/promotions", Api.object().put("model", model).put("version", v)
          .put("environment", "dev").put("reason", "test")).text("state")).isEqualTo("approved");
    }
    return admin.issue("scorer-" + model, "ingest");
  }

  /** Drifted rows of version 2 stamped now, enough for a window of two seconds to alert. */
  static String driftedRows(String model, int batch) {
    SplittableRandom r = new SplittableRandom(batch);
    StringBuilder rows = new StringBuilder();
    Instant now = Instant.now();
    for (int i = 0; i < 400; i++) {
      rows.append(DriftTraffic.row(r, "d" + batch + "-" + i, model, "dev", now, DriftTraffic.Shift.PSI, false)
          .replace("\"version\":1,", "\"version\":2,"));
    }
    return rows.toString();
  }

  static List<JsonNode> rollbacks(Api api, String model) {
    List<JsonNode> commits = new ArrayList<>();
    for (JsonNode h : api.get("/api/v1/deployments/dev/" + model + "/history").json()) {
      if (h.path("action").asString().equals("rollback")) {
        commits.add(h);
      }
    }
    return commits;
  }

  @Test
  void anAlertingWindowRollsBackOnceThroughTheAlertReceiver() throws Exception {
    Path dataDir = Files.createTempDirectory("steward-direct");
    try (Steward steward = Steward.start(dataDir, database(), settings())) {
      Api admin = steward.admin();
      String base = "http://127.0.0.1:" + steward.port();
      String ingest = deployTwoVersions(admin, base, "churn");
      Api olga = admin.as(admin.issue("olga", "oncall"));

      int[] batch = {0};
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
        DriftTraffic.jsonLines(base, ingest, "/api/v1/drift/rows", driftedRows("churn", batch[0]++));
        assertThat(olga.get("/api/v1/deployments/dev/churn").json().path("version").asInt()).isEqualTo(1);
      });
      // windows of version 2 that close later are ignored (the cooldown of the rollback they would repeat)
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(olga.get(
          "/api/v1/alerts?model=churn&outcome=ignored").json().size()).isGreaterThanOrEqualTo(1));

      assertThat(rollbacks(olga, "churn")).hasSize(1);
      JsonNode acted = olga.get("/api/v1/alerts?model=churn&outcome=acted").json().get(0);
      assertThat(acted.path("source").asString()).isEqualTo("drift-monitor");
      assertThat(acted.path("alertname").asString()).isEqualTo("StewardDriftWindowAlert");
      assertThat(acted.path("principal").asString()).isEqualTo("steward");
      assertThat(acted.path("commit").asString()).isEqualTo(rollbacks(olga, "churn").getFirst().path("commitId")
          .asString());
      JsonNode ignored = olga.get("/api/v1/alerts?model=churn&outcome=ignored").json().get(0);
      assertThat(ignored.path("reason").asString()).startsWith("cooldown: alert StewardDriftWindowAlert");
      var commit = steward.bean(dev.steward.lineage.Lineage.class).changesSince(null).stream()
          .filter(c -> c.commitId().equals(acted.path("commit").asString())).findFirst().orElseThrow();
      assertThat(commit.actor()).isEqualTo("steward");
      assertThat(commit.trailers()).containsEntry("Steward-Alert-Source", "drift-monitor")
          .containsEntry("Steward-Alert-Name", "StewardDriftWindowAlert");
    } finally {
      Steward.deleteRecursively(dataDir);
    }
  }

  @Test
  void aKillNineRightAfterTheAlertingReportStillRollsBackExactlyOnce() throws Exception {
    Path dataDir = Files.createTempDirectory("steward-direct-crash");
    try (StewardProcess steward = StewardProcess.start(dataDir, database(), settings())) {
      Api admin = steward.admin();
      String base = "http://127.0.0.1:" + steward.port();
      String ingest = deployTwoVersions(admin, base, "fraud");
      Api olga = admin.as(admin.issue("olga", "oncall"));

      int[] batch = {0};
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
        if (batch[0] < 40) {
          DriftTraffic.jsonLines(base, ingest, "/api/v1/drift/rows", driftedRows("fraud", batch[0]++));
        }
        return olga.get("/api/v1/drift/reports?model=fraud&version=2&status=alert").json().size() > 0;
      });
      steward.kill();

      steward.restart();
      Api after = steward.api(olga.token());
      try {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
            assertThat(after.get("/api/v1/deployments/dev/fraud").json().path("version").asInt()).isEqualTo(1));
      } catch (AssertionError | RuntimeException e) {
        try (var logs = Files.list(dataDir)) {
          for (Path log : logs.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList()) {
            System.out.println("Steward log " + log + ":\n" + Files.readString(log));
          }
        }
        System.out.println("Alerts: " + after.get("/api/v1/alerts").body());
        System.out.println("Reports: " + after.get("/api/v1/drift/reports?model=fraud").body());
        throw e;
      }
      // replays and later windows have their chance; throughout, still one rollback and at most one acted alert
      await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
          .untilAsserted(() -> {
            assertThat(rollbacks(after, "fraud")).hasSize(1);
            assertThat(after.get("/api/v1/alerts?model=fraud&outcome=acted").json().size()).isLessThanOrEqualTo(1);
          });
    } finally {
      Steward.deleteRecursively(dataDir);
    }
  }
}
