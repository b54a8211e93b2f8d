package dev.steward.server.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steward.alerts.AlertAction;
import dev.steward.alerts.AlertFired;
import dev.steward.lineage.Lineage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import tools.jackson.databind.JsonNode;

/**
 * The Alertmanager webhook over HTTP: an alert rolls back once per firing episode however often it is
 * delivered (also by eight senders at once), a resolved alert is recorded and not acted on, a second episode
 * within the cooldown is ignored and one after it acts, retrain alerts publish AlertFired once, and every
 * refused delivery answers a 4xx problem detail, changes nothing and is listed as rejected.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AlertsTests {
  private static final Duration COOLDOWN = Duration.ofSeconds(4);

  private Path dataDir;
  private Steward steward;
  private Api alice;
  private Api olga;
  private Api alertmanager;
  private final List<AlertFired> fired = new CopyOnWriteArrayList<>();

  abstract Database database();

  @BeforeAll
  void start() throws IOException {
    dataDir = Files.createTempDirectory("steward-alerts");
    steward = Steward.start(dataDir, database(), Map.of("steward.alerts.cooldown", COOLDOWN.toSeconds() + "s"));
    steward.context().addApplicationListener(
        (ApplicationListener<PayloadApplicationEvent<AlertFired>>) e -> fired.add(e.getPayload()));
    Api admin = steward.admin();
    alice = admin.as(admin.issue("alice", "ml-engineer"));
    olga = admin.as(admin.issue("olga", "oncall"));
    alertmanager = admin.as(admin.issue("alertmanager", "alertmanager"));
    for (String model : new String[] {"churn", "fraud", "upsell"}) {
      DriftTraffic.registerModel(alice, model);
      AlertPayloads.registerNextVersion(alice, model);
      promote(model, 1);
      promote(model, 2);
    }
  }

  @AfterAll
  void stop() {
    if (steward != null) {
      steward.close();
    }
    Steward.deleteRecursively(dataDir);
  }

  private void promote(String model, int version) {
    Api.Answer a = alice.post("/api/v1/promotions", Api.object().put("model", model).put("version", version)
        .put("environment", "dev").put("reason", "test"));
    assertThat(a.text("state")).as(a.toString()).isEqualTo("approved");
  }

  private Api.Answer deliver(AlertPayloads.Alert... alerts) {
    return alertmanager.post("/api/v1/alerts/alertmanager", AlertPayloads.payload(alerts));
  }

  private List<String> rollbackCommits(String model) {
    List<String> commits = new ArrayList<>();
    for (JsonNode h : olga.get("/api/v1/deployments/dev/" + model + "/history").json()) {
      if (h.path("action").asString().equals("rollback")) {
        commits.add(h.path("commitId").asString());
      }
    }
    return commits;
  }

  @Test
  void rollsBackOncePerEpisodeHoweverOftenItIsDelivered() throws Exception {
    Instant startsAt = Instant.parse("2026-12-02T03:00:00.123456789Z");
    AlertPayloads.Alert alert = AlertPayloads.Alert.firing("a1b2c3d4e5f60718", startsAt, "churn", "dev", "rollback", 2);

    Api.Answer first = deliver(alert);
    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    JsonNode result = first.json().path("alerts").get(0);
    assertThat(result.path("outcome").asString()).isEqualTo("acted");
    assertThat(result.path("reason").asString()).isEqualTo("rolled back from version 2 to 1");
    String commit = result.path("commit").asString();
    assertThat(olga.get("/api/v1/deployments/dev/churn").json().path("version").asInt()).isEqualTo(1);
    assertThat(rollbackCommits("churn")).containsExactly(commit);

    // the rollback commit carries the episode file and the fingerprint
    Lineage lineage = steward.bean(Lineage.class);
    var recorded = lineage.changesSince(null).stream().filter(c -> c.commitId().equals(commit)).findFirst().orElseThrow();
    assertThat(recorded.action()).isEqualTo("rollback");
    assertThat(recorded.trailers()).containsEntry("Steward-Alert", "a1b2c3d4e5f60718")
        .containsEntry("Steward-Alert-Starts-At", "2026-12-02T03:00:00.123456789Z");
    assertThat(recorded.files()).extracting(f -> f.path()).contains("deployments/dev/churn.yaml",
        "alerts/episodes/a1b2c3d4e5f60718/2026-12-02T03-00-00.123456789Z.yaml");

    // eight senders deliver the same episode 25 times each: duplicates, nothing more is written
    String head = lineage.head().orElseThrow();
    ExecutorService senders = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<List<String>>> outcomes = new ArrayList<>();
    for (int s = 0; s < 8; s++) {
      outcomes.add(senders.submit(() -> {
        go.await();
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
          Api.Answer a = deliver(alert);
          assertThat(a.status()).as(a.toString()).isEqualTo(200);
          seen.add(a.json().path("alerts").get(0).path("outcome").asString());
        }
        return seen;
      }));
    }
    go.countDown();
    for (Future<List<String>> f : outcomes) {
      assertThat(f.get()).containsOnly("duplicate");
    }
    senders.shutdown();
    assertThat(lineage.head()).contains(head);
    assertThat(rollbackCommits("churn")).containsExactly(commit);
    JsonNode history = olga.get("/api/v1/alerts?fingerprint=a1b2c3d4e5f60718&size=500").json();
    assertThat(history.size()).isEqualTo(201);
    assertThat(history.get(history.size() - 1).path("outcome").asString()).isEqualTo("acted");
    assertThat(history.get(history.size() - 1).path("commit").asString()).isEqualTo(commit);
    assertThat(history.get(0).path("outcome").asString()).isEqualTo("duplicate");
    assertThat(history.get(0).path("reason").asString()).contains(commit);
    assertThat(history.get(0).path("links").path("deployment").asString()).isEqualTo("/api/v1/deployments/dev/churn");

    // resolved: recorded, never acted on
    Api.Answer resolved = deliver(alert.resolved());
    assertThat(resolved.json().path("alerts").get(0).path("outcome").asString()).isEqualTo("resolved");
    assertThat(lineage.head()).contains(head);
  }

  @Test
  void ignoresASecondEpisodeWithinTheCooldownAndActsAfterIt() {
    Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Api.Answer first = deliver(AlertPayloads.Alert.firing("f00d000000000001", t, "fraud", "dev", "rollback", null));
    assertThat(first.json().path("alerts").get(0).path("outcome").asString()).as(first.toString()).isEqualTo("acted");
    promote("fraud", 2); // a fix is promoted again

    Api.Answer flap = deliver(AlertPayloads.Alert.firing("f00d000000000001", t.plusSeconds(30), "fraud", "dev",
        "rollback", null));
    assertThat(flap.json().path("alerts").get(0).path("outcome").asString()).as(flap.toString()).isEqualTo("ignored");
    assertThat(flap.json().path("alerts").get(0).path("reason").asString()).startsWith("cooldown:");
    assertThat(olga.get("/api/v1/deployments/dev/fraud").json().path("version").asInt()).isEqualTo(2);

    await().pollDelay(COOLDOWN.plusSeconds(1)).atMost(COOLDOWN.plusSeconds(20)).untilAsserted(() -> {
      Api.Answer later = deliver(AlertPayloads.Alert.firing("f00d000000000001", t.plusSeconds(90), "fraud", "dev",
          "rollback", 2));
      assertThat(later.json().path("alerts").get(0).path("outcome").asString()).as(later.toString()).isEqualTo("acted");
    });
    assertThat(olga.get("/api/v1/deployments/dev/fraud").json().path("version").asInt()).isEqualTo(1);
    assertThat(rollbackCommits("fraud")).hasSize(2);

    // an alert about a version that is no longer desired changes nothing
    Api.Answer stale = deliver(AlertPayloads.Alert.firing("f00d000000000002", t, "upsell", "dev", "rollback", 1));
    assertThat(stale.json().path("alerts").get(0).path("outcome").asString()).isEqualTo("ignored");
    assertThat(stale.json().path("alerts").get(0).path("reason").asString())
        .isEqualTo("version 1 is not the version desired in dev (version 2 is); nothing to roll back");
  }

  @Test
  void aRetrainAlertPublishesAlertFiredOncePerEpisode() {
    Instant t = Instant.parse("2026-12-02T04:00:00Z");
    AlertPayloads.Alert retrain = AlertPayloads.Alert.firing("0000feed00000001", t, "upsell", "dev", "retrain", 2);
    for (int i = 0; i < 3; i++) {
      assertThat(deliver(retrain).status()).isEqualTo(200);
    }
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(fired).filteredOn(f ->
        f.fingerprint().equals("0000feed00000001")).singleElement().satisfies(f -> {
          assertThat(f.action()).isEqualTo(AlertAction.RETRAIN);
          assertThat(f.model()).isEqualTo("upsell");
          assertThat(f.startsAt()).isEqualTo(t);
        }));
    assertThat(olga.get("/api/v1/alerts?fingerprint=0000feed00000001").json()).extracting(
        j -> j.path("outcome").asString()).containsExactly("duplicate", "duplicate", "acted");
    assertThat(olga.get("/api/v1/deployments/dev/upsell").json().path("version").asInt()).isEqualTo(2);
  }

  @Test
  void refusesBadDeliveriesWithAProblemChangingNothingAndListsThemAsRejected() {
    Lineage lineage = steward.bean(Lineage.class);
    String head = lineage.head().orElseThrow();
    Instant t = Instant.parse("2026-12-02T05:00:00Z");
    var good = AlertPayloads.payload(AlertPayloads.Alert.firing("0bad000000000001", t, "churn", "dev", "rollback", 2));

    var v3 = good.deepCopy().put("version", "3");
    assertRefused(alertmanager.post("/api/v1/alerts/alertmanager", v3), 400, "version \"4\"");
    var missing = AlertPayloads.payload(AlertPayloads.Alert.firing("0bad000000000001", t, "churn", "dev", "rollback", 2));
    ((tools.jackson.databind.node.ObjectNode) missing.path("alerts").get(0).path("labels")).remove("environment");
    assertRefused(alertmanager.post("/api/v1/alerts/alertmanager", missing), 400, "alerts[0].labels.environment is missing");
    assertRefused(alertmanager.post("/api/v1/alerts/alertmanager", AlertPayloads.payload(
        AlertPayloads.Alert.firing("0bad000000000001", t, "nosuchmodel", "dev", "rollback", 2))), 422,
        "model nosuchmodel is not registered");
    assertRefused(alertmanager.post("/api/v1/alerts/alertmanager", AlertPayloads.payload(
        AlertPayloads.Alert.firing("0bad000000000001", t, "churn", "moon", "rollback", 2))), 422,
        "environment moon is not configured");
    assertRefused(alertmanager.post("/api/v1/alerts/alertmanager", AlertPayloads.payload(
        AlertPayloads.Alert.firing("0bad000000000001", t, "churn", "dev", "reboot", 2))), 400,
        "must be rollback, retrain or notify");
    assertRefused(alertmanager.as("stw_not-a-token-that-was-ever-issued").post("/api/v1/alerts/alertmanager", good),
        401, "not valid");
    assertRefused(alertmanager.as(null).post("/api/v1/alerts/alertmanager", good), 401, "Bearer");
    assertRefused(alice.post("/api/v1/alerts/alertmanager", good), 403, "alertmanager");
    assertRefused(alertmanager.send("POST", "/api/v1/alerts/alertmanager", Map.of("Content-Type", "application/json"),
        new byte[2 << 20], false), 413, "larger than the limit");
    assertRefused(alertmanager.send("POST", "/api/v1/alerts/alertmanager", Map.of("Content-Type", "text/plain"),
        good.toString().getBytes(StandardCharsets.UTF_8), false), 415, "");
    assertRefused(alertmanager.send("POST", "/api/v1/alerts/alertmanager", Map.of("Content-Type", "application/json"),
        "{\"version\": \"4\", ".getBytes(StandardCharsets.UTF_8), false), 400, "not JSON");

    assertThat(lineage.head()).contains(head);
    assertThat(olga.get("/api/v1/deployments/dev/churn").json().path("version").asInt()).isNotNull();
    JsonNode rejected = olga.get("/api/v1/alerts?outcome=rejected&size=20").json();
    assertThat(rejected).extracting(j -> j.path("httpStatus").asInt())
        .containsExactly(400, 415, 413, 403, 401, 401, 400, 422, 422, 400, 400);
    assertThat(rejected.get(5).path("reason").asString()).contains("bearer token is not valid");
    assertThat(rejected.get(4).path("reason").asString()).contains("needs 'Authorization: Bearer");
    assertThat(rejected.get(3).path("reason").asString()).contains("needs one of the roles admin or alertmanager");
  }

  @Test
  void theAlertmanagerTokenCanDoNothingElse() {
    assertThat(alertmanager.get("/api/v1/models").status()).isEqualTo(403);
    assertThat(alertmanager.get("/api/v1/alerts").status()).isEqualTo(403);
    assertThat(alertmanager.post("/api/v1/deployments/dev/churn/rollback", Api.object().put("reason", "x")).status())
        .isEqualTo(403);
    assertThat(olga.get("/api/v1/alerts").status()).isEqualTo(200);
    assertThat(alice.get("/api/v1/alerts").status()).isEqualTo(200);
  }

  private static void assertRefused(Api.Answer answer, int status, String detail) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.text("detail")).contains(detail);
  }
}
