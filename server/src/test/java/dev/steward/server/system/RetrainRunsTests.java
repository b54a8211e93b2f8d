package dev.steward.server.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steward.drift.traffic.DriftDetected;
import dev.steward.lineage.Change;
import dev.steward.lineage.FileChange;
import dev.steward.lineage.Lineage;
import dev.steward.registry.EntityDocuments;
import dev.steward.retrain.Attempt;
import dev.steward.retrain.Cause;
import dev.steward.retrain.DriftCause;
import dev.steward.retrain.DriftTriggers;
import dev.steward.retrain.RetrainRun;
import dev.steward.retrain.RunPromotion;
import dev.steward.retrain.RunState;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Retrain plans and runs on a running Steward with the process launcher: a manual run trains and registers a
 * version whose lineage names the run; the run token's limits; retries, timeouts, concurrency; cron, dataset and
 * drift triggers; and refused plans that change nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RetrainRunsTests {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final String TRAIN = ROOT.resolve("retrain-scheduler/examples/train_churn.py").toString();

  abstract Database database();

  private Path dataDir;
  private Steward steward;
  private String aliceToken;
  private Api alice;

  @BeforeAll
  void start() throws Exception {
    dataDir = Files.createTempDirectory("steward-retrain");
    steward = Steward.start(dataDir, database(), Map.of("steward.retrain.supervise-interval", "2s",
        "steward.retrain.poll-interval", "1s"));
    aliceToken = steward.admin().issue("alice", "ml-engineer");
    alice = steward.api(aliceToken);
    RegistryFixtures.registerChurn(alice);
  }

  @AfterAll
  void stop() {
    steward.close();
    Steward.deleteRecursively(dataDir);
  }

  @Test
  void manualRunTrainsAndRegistersAVersionWhoseUpstreamLineageNamesTheRun() {
    model("walk");
    ObjectNode plan = plan("walk", process(List.of("python3", TRAIN), Map.of("STEWARD_OUTPUT_DIR",
        dataDir.resolve("out").toString(), "STEWARD_TRAINING_DATASET", "churn-events/1")), manual());
    Api.Answer registered = alice.post("/api/v1/retrain/plans", plan);
    assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
    assertThat(registered.json().path("revision").asInt()).isEqualTo(1);

    Api.Answer started = alice.post("/api/v1/retrain/plans/walk/runs", Api.object().put("reason", "walkthrough"));
    assertThat(started.status()).as(started.toString()).isEqualTo(201);
    String id = started.text("id");
    assertThat(started.json().path("attempts").get(0).has("tokenHash")).isFalse();

    JsonNode run = awaitState(id, "succeeded");
    assertThat(run.path("producedVersion").asInt()).isEqualTo(1);
    assertThat(run.path("cause").path("kind").asString()).isEqualTo("manual");
    assertThat(run.path("cause").path("requestedBy").asString()).isEqualTo("alice");

    JsonNode version = alice.get("/api/v1/models/walk/versions/1").json();
    assertThat(version.path("producedBy").path("retrainRun").asString()).isEqualTo(id);
    assertThat(version.path("registeredBy").asString()).isEqualTo("retrain-run:" + id);
    assertThat(version.path("metrics").path("auc").asDouble()).isBetween(0.6, 1.0);

    JsonNode up = alice.get("/api/v1/lineage/models/walk/versions/1?direction=upstream").json();
    assertThat(links(up)).contains("model-version:walk/1 -produced-by-> retrain-run:" + id,
        "retrain-run:" + id + " -triggered-by-> request:alice");
    assertThat(up.path("nodes").toString()).contains("\"name\":\"churn-events\"");

    JsonNode listed = alice.get("/api/v1/retrain/runs?model=walk&state=succeeded").json();
    assertThat(listed.path("total").asInt()).isEqualTo(1);
    assertThat(alice.get("/api/v1/retrain/runs?plan=walk@1").json().path("total").asInt()).isEqualTo(1);
    assertThat(alice.get("/api/v1/retrain/runs?plan=walk@2").json().path("total").asInt()).isZero();

    List<String> subjects = new ArrayList<>();
    steward.bean(Lineage.class).history("retrain-runs/", 20).forEach(c -> subjects.add(c.summary()));
    assertThat(String.join("\n", subjects)).contains("Trigger retrain run " + id, "Launch retrain run " + id,
        "Retrain run " + id + " registered walk/1", "Retrain run " + id + " of walk: succeeded");
  }

  @Test
  void runTokenRegistersOneVersionOfItsOwnModelAndReportsOnlyItsOwnRun() throws Exception {
    model("tokened");
    model("other");
    Path tokenFile = dataDir.resolve("token-" + System.nanoTime());
    ObjectNode plan = plan("tokened", process(List.of("sh", "-c", "echo \"$STEWARD_RUN_TOKEN\" > " + tokenFile
        + "; sleep 60"), Map.of()), manual());
    assertThat(alice.post("/api/v1/retrain/plans", plan).status()).isEqualTo(201);
    String id = alice.post("/api/v1/retrain/plans/tokened/runs", Api.object()).text("id");
    await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(tokenFile) && Files.size(tokenFile) > 10);
    Api run = steward.api(Files.readString(tokenFile).strip());

    assertThat(run.post("/api/v1/models/other/versions", RegistryFixtures.minimalModelVersion()).status())
        .isEqualTo(403);
    assertThat(run.get("/api/v1/models/tokened").status()).isEqualTo(403);
    assertThat(run.post("/api/v1/models", RegistryFixtures.model("sneaky")).status()).isEqualTo(403);
    ObjectNode sneaky = RegistryFixtures.minimalModelVersion();
    sneaky.putObject("producedBy").put("retrainRun", "someone-else");
    assertThat(run.post("/api/v1/models/tokened/versions", sneaky).status()).isEqualTo(400);

    Api.Answer first = run.post("/api/v1/models/tokened/versions", RegistryFixtures.minimalModelVersion());
    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    assertThat(first.json().path("producedBy").path("retrainRun").asString()).isEqualTo(id);
    Api.Answer second = run.post("/api/v1/models/tokened/versions", RegistryFixtures.minimalModelVersion());
    assertThat(second.status()).as(second.toString()).isEqualTo(409);
    assertThat(second.text("detail")).contains("registers one version");

    Api.Answer foreign = run.post("/api/v1/retrain/runs/not-mine/status", Api.object().put("state", "failed"));
    assertThat(foreign.status()).isEqualTo(403);
    assertThat(foreign.text("detail")).contains(id);
    Api.Answer done = run.post("/api/v1/retrain/runs/" + id + "/status", Api.object().put("state", "succeeded")
        .put("message", "trained"));
    assertThat(done.status()).as(done.toString()).isEqualTo(200);
    assertThat(done.text("state")).isEqualTo("succeeded");
    assertThat(done.json().path("producedVersion").asInt()).isEqualTo(1);

    Api.Answer late = run.post("/api/v1/retrain/runs/" + id + "/status", Api.object().put("state", "failed"));
    assertThat(late.status()).isEqualTo(401);
    assertThat(late.text("detail")).contains("has ended (succeeded)");
    assertThat(alice.get("/api/v1/models/other/versions").json().path("total").asInt()).isZero();
  }

  @Test
  void runTokensAreNeverIssuedAsApiTokens() {
    Api.Answer refused = steward.admin().post("/api/v1/admin/tokens", Api.object().put("principal", "bot")
        .set("roles", Api.JSON.createArrayNode().add("retrain-run")));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.text("detail")).contains("retrain runs");
  }

  @Test
  void failedAttemptIsRetriedAfterTheBackoffThenTheRunFails() {
    model("flaky");
    ObjectNode plan = plan("flaky", process(List.of("sh", "-c", "echo broken >&2; exit 3"), Map.of()), manual())
        .put("retries", 1).put("backoff", "1s");
    assertThat(alice.post("/api/v1/retrain/plans", plan).status()).isEqualTo(201);
    String id = alice.post("/api/v1/retrain/plans/flaky/runs", Api.object()).text("id");
    JsonNode run = awaitState(id, "failed");
    assertThat(run.path("attempts").size()).isEqualTo(2);
    assertThat(run.path("attempts").get(0).path("outcome").asString()).isEqualTo("failed");
    assertThat(run.path("attempts").get(1).path("outcome").asString()).isEqualTo("failed");
    assertThat(run.path("message").asString()).contains("exit code 3", "broken");
  }

  @Test
  void attemptPastItsTimeoutIsStoppedAndTheRunTimedOut() {
    model("slow");
    ObjectNode plan = plan("slow", process(List.of("sleep", "120"), Map.of()), manual()).put("timeout", "2s");
    assertThat(alice.post("/api/v1/retrain/plans", plan).status()).isEqualTo(201);
    String id = alice.post("/api/v1/retrain/plans/slow/runs", Api.object()).text("id");
    JsonNode run = awaitState(id, "timed-out");
    assertThat(run.path("attempts").get(0).path("outcome").asString()).isEqualTo("timed-out");
    assertThat(run.path("message").asString()).contains("PT2S");
  }

  @Test
  void forbidSkipsANewRunWhileOneIsActiveAndReplaceCancelsIt() {
    model("busy");
    ObjectNode plan = plan("busy", process(List.of("sleep", "120"), Map.of()), manual());
    assertThat(alice.post("/api/v1/retrain/plans", plan).status()).isEqualTo(201);
    String first = alice.post("/api/v1/retrain/plans/busy/runs", Api.object()).text("id");
    Api.Answer second = alice.post("/api/v1/retrain/plans/busy/runs", Api.object());
    assertThat(second.text("state")).isEqualTo("skipped");
    assertThat(second.text("message")).contains(first, "concurrency forbid");

    assertThat(alice.post("/api/v1/retrain/plans", plan.put("concurrency", "replace")).status()).isEqualTo(201);
    Api.Answer third = alice.post("/api/v1/retrain/plans/busy/runs", Api.object());
    assertThat(third.text("state")).isIn("triggered", "launched");
    assertThat(alice.get("/api/v1/retrain/runs/" + first).text("state")).isEqualTo("cancelled");
    assertThat(alice.get("/api/v1/retrain/runs/" + first).text("message")).contains("replaced by run " + third.text("id"));
    assertThat(alice.delete("/api/v1/retrain/plans/busy").status()).isEqualTo(204);
    assertThat(alice.get("/api/v1/retrain/runs/" + third.text("id")).text("state")).isEqualTo("cancelled");
  }

  @Test
  void cronTriggerStartsRunsOnItsSchedule() {
    model("nightly");
    ObjectNode plan = plan("nightly", process(List.of("true"), Map.of()), Api.object().put("type", "cron")
        .put("expression", "0/2 * * * * ?").put("timeZone", "Europe/Zurich"));
    assertThat(alice.post("/api/v1/retrain/plans", plan).status()).isEqualTo(201);
    await().atMost(Duration.ofSeconds(30)).until(() ->
        alice.get("/api/v1/retrain/runs?model=nightly&state=succeeded").json().path("total").asInt() >= 2);
    assertThat(alice.delete("/api/v1/retrain/plans/nightly").status()).isEqualTo(204);
    JsonNode run = alice.get("/api/v1/retrain/runs?model=nightly").json().path("items").get(0);
    assertThat(run.path("trigger").asString()).isEqualTo("cron");
    assertThat(run.path("cause").path("kind").asString()).isEqualTo("schedule");
    assertThat(run.path("cause").path("expression").asString()).isEqualTo("0/2 * * * * ?");
    Instant scheduled = Instant.parse(run.path("cause").path("scheduledAt").asString());
    assertThat(scheduled.getEpochSecond() % 2).isZero();
  }

  @Test
  void newDatasetVersionWithTheTagStartsARunAndItsDownstreamLineageShowsIt() {
    model("fresh");
    ObjectNode plan = plan("fresh", process(List.of("python3", TRAIN), Map.of("STEWARD_OUTPUT_DIR",
        dataDir.resolve("out").toString())), Api.object().put("type", "dataset").put("dataset", "churn-events")
        .put("tag", "team=retention"));
    assertThat(alice.post("/api/v1/retrain/plans", plan).status()).isEqualTo(201);
    ObjectNode untagged = RegistryFixtures.dataset("churn-events");
    untagged.putObject("tags").put("team", "growth");
    int skippedVersion = alice.post("/api/v1/datasets", untagged).json().path("version").asInt();
    int version = alice.post("/api/v1/datasets", RegistryFixtures.dataset("churn-events")).json().path("version").asInt();

    await().atMost(Duration.ofSeconds(60)).until(() ->
        alice.get("/api/v1/retrain/runs?model=fresh&state=succeeded").json().path("total").asInt() == 1);
    JsonNode run = alice.get("/api/v1/retrain/runs?model=fresh").json().path("items").get(0);
    assertThat(run.path("cause").path("dataset").path("version").asInt()).isEqualTo(version);
    String id = run.path("id").asString();
    JsonNode down = alice.get("/api/v1/lineage/datasets/churn-events/versions/" + version + "?direction=downstream").json();
    assertThat(links(down)).contains("dataset:churn-events/" + version + " -started-> retrain-run:" + id,
        "retrain-run:" + id + " -produced-> model-version:fresh/1");
    JsonNode up = alice.get("/api/v1/lineage/models/fresh/versions/1?direction=upstream").json();
    assertThat(links(up)).contains("retrain-run:" + id + " -triggered-by-> dataset:churn-events/" + version);
    assertThat(links(alice.get("/api/v1/lineage/datasets/churn-events/versions/" + skippedVersion
        + "?direction=downstream").json())).isEmpty();
    assertThat(alice.get("/api/v1/retrain/runs?model=fresh").json().path("total").asInt()).isEqualTo(1);
  }

  @Test
  void driftStartsOneRunAndItsCooldownHoldsTheNextAlert() {
    model("drifty");
    ObjectNode plan = plan("drifty", process(List.of("true"), Map.of()), Api.object().put("type", "drift")
        .put("environment", "production").put("cooldown", "1h").put("minInterval", "0s"));
    assertThat(alice.post("/api/v1/retrain/plans", plan).status()).isEqualTo(201);
    Instant now = Instant.now();
    steward.publish(new DriftDetected(4711, "drifty", 3, "production", now.minusSeconds(3600), now, List.of("psi")));
    steward.publish(new DriftDetected(4712, "drifty", 3, "production", now.minusSeconds(3600), now, List.of("psi")));
    steward.publish(new DriftDetected(4713, "drifty", 3, "staging", now.minusSeconds(3600), now, List.of("psi")));
    await().atMost(Duration.ofSeconds(30)).until(() ->
        alice.get("/api/v1/retrain/runs?model=drifty&state=succeeded").json().path("total").asInt() == 1);
    JsonNode run = alice.get("/api/v1/retrain/runs?model=drifty").json().path("items").get(0);
    assertThat(run.path("cause").path("driftReport").asLong()).isEqualTo(4711);
    assertThat(run.path("cause").path("environment").asString()).isEqualTo("production");
    assertThat(run.path("cause").path("driftedVersion").asInt()).isEqualTo(3);
    assertThat(alice.get("/api/v1/retrain/runs?model=drifty").json().path("total").asInt()).isEqualTo(1);
  }

  @Test
  void alertEpisodeAskingForRetrainingStartsOneRunWhoseLineageNamesTheAlert() {
    model("alerted");
    assertThat(alice.post("/api/v1/retrain/plans", plan("alerted", process(List.of("true"), Map.of()),
        Api.object().put("type", "drift").put("environment", "production").put("cooldown", "0s")
            .put("minInterval", "0s"))).status()).isEqualTo(201);
    DriftTriggers triggers = steward.bean(DriftTriggers.class);
    Instant startsAt = Instant.parse("2026-12-02T06:00:00Z");
    DriftCause.Alert episode = new DriftCause.Alert("6c0ffee2a1b3d4e5", startsAt, "StewardDriftPersistent", 3);
    // what the alert receiver's listener does with AlertFired (action retrain), delivered twice
    List<String> started = triggers.onDrift("alerted", "production", episode);
    assertThat(started).hasSize(1);
    assertThat(triggers.onDrift("alerted", "production", episode)).as("the same episode again").isEmpty();
    assertThat(triggers.onDrift("alerted", "staging", episode)).as("no trigger for staging").isEmpty();
    assertThat(triggers.onDrift("other", "production", episode)).as("another model").isEmpty();

    JsonNode run = awaitState(started.getFirst(), "succeeded");
    assertThat(run.path("trigger").asString()).isEqualTo("drift");
    assertThat(run.path("cause").path("alert").asString())
        .isEqualTo("StewardDriftPersistent 6c0ffee2a1b3d4e5@2026-12-02T06:00:00Z");
    assertThat(run.path("cause").path("driftedVersion").asInt()).isEqualTo(3);
    assertThat(alice.get("/api/v1/retrain/runs?model=alerted").json().path("total").asInt()).isEqualTo(1);
    // a new episode of the same alert is a new cause
    assertThat(triggers.onDrift("alerted", "production", new DriftCause.Alert("6c0ffee2a1b3d4e5",
        startsAt.plusSeconds(7200), "StewardDriftPersistent", 3))).hasSize(1);
  }

  @Test
  void alertmanagerDeliveringARetrainAlertStartsOneRunOfTheModelsDriftPlan() {
    model("webhooked");
    assertThat(alice.post("/api/v1/retrain/plans", plan("webhooked", process(List.of("true"), Map.of()),
        Api.object().put("type", "drift").put("environment", "production").put("cooldown", "0s")
            .put("minInterval", "0s"))).status()).isEqualTo(201);
    Api alertmanager = steward.api(steward.admin().issue("alertmanager", "alertmanager"));
    var alert = AlertPayloads.Alert.firing("7e7a1140c0ffee01", Instant.parse("2026-12-02T07:00:00Z"), "webhooked",
        "production", "retrain", 2);

    Api.Answer delivered = alertmanager.post("/api/v1/alerts/alertmanager", AlertPayloads.payload(alert));
    assertThat(delivered.status()).as(delivered.toString()).isEqualTo(200);
    assertThat(delivered.json().path("alerts").get(0).path("outcome").asString()).isEqualTo("acted");
    await().atMost(Duration.ofSeconds(30)).until(() ->
        alice.get("/api/v1/retrain/runs?model=webhooked&state=succeeded").json().path("total").asInt() == 1);
    JsonNode run = alice.get("/api/v1/retrain/runs?model=webhooked").json().path("items").get(0);
    assertThat(run.path("trigger").asString()).isEqualTo("drift");
    assertThat(run.path("cause").path("alert").asString())
        .isEqualTo("StewardDriftAlert 7e7a1140c0ffee01@2026-12-02T07:00:00Z");
    assertThat(run.path("cause").path("driftedVersion").asInt()).isEqualTo(2);

    // Alertmanager repeats the delivery: a duplicate, and still one run
    Api.Answer repeated = alertmanager.post("/api/v1/alerts/alertmanager", AlertPayloads.payload(alert));
    assertThat(repeated.json().path("alerts").get(0).path("outcome").asString()).isEqualTo("duplicate");
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() ->
        alice.get("/api/v1/retrain/runs?model=webhooked").json().path("total").asInt() == 1);
  }

  @Test
  void refusedPlansSayWhatIsWrongAndChangeNothing() {
    model("refused");
    Lineage lineage = steward.bean(Lineage.class);
    String head = lineage.head().orElseThrow();
    Map<String, Long> rows = steward.rowCounts("retrain_plan", "retrain_plan_trigger", "retrain_run", "QRTZ_TRIGGERS");

    Api.Answer cron = alice.post("/api/v1/retrain/plans", plan("refused", process(List.of("true"), Map.of()),
        Api.object().put("type", "cron").put("expression", "0 0 25 * * ?").put("timeZone", "Mars/Olympus")));
    assertThat(cron.status()).as(cron.toString()).isEqualTo(400);
    assertThat(fields(cron)).containsExactly("triggers[0].expression", "triggers[0].timeZone");

    Api.Answer dataset = alice.post("/api/v1/retrain/plans", plan("refused", process(List.of("true"), Map.of()),
        Api.object().put("type", "dataset").put("dataset", "no-such-data")));
    assertThat(dataset.status()).isEqualTo(422);
    assertThat(fields(dataset)).containsExactly("triggers[0].dataset");

    Api.Answer model = alice.post("/api/v1/retrain/plans", plan("no-such-model", process(List.of("true"), Map.of()),
        manual()));
    assertThat(model.status()).isEqualTo(422);
    assertThat(fields(model)).containsExactly("model");

    Api.Answer parameters = alice.post("/api/v1/retrain/plans", plan("refused",
        process(List.of("train", "${run.secret}"), Map.of()), manual()).put("timeout", "soon").put("retries", 99));
    assertThat(parameters.status()).isEqualTo(400);
    assertThat(fields(parameters)).containsExactlyInAnyOrder("launcher.command", "timeout", "retries");
    assertThat(parameters.text("detail")).contains("${run.secret}");

    Api.Answer type = alice.post("/api/v1/retrain/plans", plan("refused", process(List.of("true"), Map.of()),
        Api.object().put("type", "sometimes")));
    assertThat(type.status()).isEqualTo(400);

    Api.Answer noTriggers = alice.post("/api/v1/retrain/plans", Api.object().put("model", "refused")
        .set("launcher", process(List.of("true"), Map.of())));
    assertThat(noTriggers.status()).isEqualTo(400);
    assertThat(fields(noTriggers)).containsExactly("triggers");

    Api.Answer kubernetes = alice.post("/api/v1/retrain/plans", plan("refused", Api.object()
        .put("type", "kubernetes-job").put("namespace", "ml").set("template", Api.object()), manual()));
    assertThat(kubernetes.status()).isEqualTo(400);

    assertThat(lineage.head().orElseThrow()).isEqualTo(head);
    assertThat(steward.rowCounts("retrain_plan", "retrain_plan_trigger", "retrain_run", "QRTZ_TRIGGERS")).isEqualTo(rows);

    assertThat(alice.post("/api/v1/retrain/plans", plan("refused", process(List.of("true"), Map.of()),
        Api.object().put("type", "cron").put("expression", "0 0 3 * * ?"))).status()).isEqualTo(201);
    Api.Answer manualRefused = alice.post("/api/v1/retrain/plans/refused/runs", Api.object());
    assertThat(manualRefused.status()).isEqualTo(409);
    assertThat(manualRefused.text("detail")).contains("no manual trigger");
    assertThat(alice.get("/api/v1/retrain/runs?state=nonsense").status()).isEqualTo(400);
    assertThat(alice.get("/api/v1/retrain/runs/no-such-run").status()).isEqualTo(404);
  }

  @Test
  void plansAndRunsComeBackFromGitAfterAnIndexRebuild() {
    model("rebuilt");
    assertThat(alice.post("/api/v1/retrain/plans", plan("rebuilt", process(List.of("true"), Map.of()), manual()))
        .status()).isEqualTo(201);
    String id = alice.post("/api/v1/retrain/plans/rebuilt/runs", Api.object()).text("id");
    JsonNode before = awaitState(id, "succeeded");
    JsonNode plan = alice.get("/api/v1/retrain/plans/rebuilt").json();
    Api.Answer rebuilt = steward.admin().post("/api/v1/admin/index/rebuild", "");
    assertThat(rebuilt.status()).as(rebuilt.toString()).isEqualTo(200);
    assertThat(alice.get("/api/v1/retrain/runs/" + id).json()).isEqualTo(before);
    assertThat(alice.get("/api/v1/retrain/plans/rebuilt").json()).isEqualTo(plan);
  }

  @Test
  void webhookTargetAnswering5xxOrTooSlowlyIsRecordedAsFailedLaunchesAndRetried() throws Exception {
    HttpServer target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    target.createContext("/broken", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(503, -1);
      exchange.close();
    });
    target.createContext("/slow", exchange -> {
      try {
        Thread.sleep(3000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    target.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    target.start();
    try {
      String base = "http://127.0.0.1:" + target.getAddress().getPort();
      model("hooked");
      assertThat(alice.post("/api/v1/retrain/plans", plan("hooked", Api.object().put("type", "webhook")
          .put("url", base + "/broken"), manual()).put("retries", 1).put("backoff", "1s")).status()).isEqualTo(201);
      String broken = alice.post("/api/v1/retrain/plans/hooked/runs", Api.object()).text("id");
      JsonNode failed = awaitState(broken, "failed");
      assertThat(failed.path("attempts").size()).isEqualTo(2);
      assertThat(failed.path("attempts").get(0).path("outcome").asString()).isEqualTo("launch-failed");
      assertThat(failed.path("message").asString()).contains("HTTP 503 from " + base + "/broken");

      assertThat(alice.post("/api/v1/retrain/plans", plan("hooked", Api.object().put("type", "webhook")
          .put("url", base + "/slow").put("callTimeout", "500ms"), manual())).status()).isEqualTo(201);
      String slow = alice.post("/api/v1/retrain/plans/hooked/runs", Api.object()).text("id");
      JsonNode timedOut = awaitState(slow, "failed");
      assertThat(timedOut.path("message").asString()).contains("no answer from " + base + "/slow");
    } finally {
      target.stop(0);
    }
  }

  @Test
  void plainWebhookHandsTheRunItsFactsAndTheRunReportsItsStatus() throws Exception {
    java.util.concurrent.BlockingQueue<String> bodies = new java.util.concurrent.LinkedBlockingQueue<>();
    HttpServer target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    target.createContext("/train", exchange -> {
      bodies.add(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
          + " " + exchange.getRequestHeaders().getFirst("X-Team"));
      exchange.sendResponseHeaders(202, -1);
      exchange.close();
    });
    target.start();
    try {
      model("called");
      ObjectNode launcher = Api.object().put("type", "webhook").put("url", "http://127.0.0.1:"
          + target.getAddress().getPort() + "/train");
      launcher.putObject("headers").put("X-Team", "retention");
      launcher.putObject("body").put("job", "retrain-${model}").put("token", "${run.token}")
          .put("callback", "${run.statusUrl}");
      assertThat(alice.post("/api/v1/retrain/plans", plan("called", launcher, manual())).status()).isEqualTo(201);
      String id = alice.post("/api/v1/retrain/plans/called/runs", Api.object()).text("id");
      String body = bodies.poll(30, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(body).isNotNull().endsWith(" retention");
      JsonNode sent = Api.JSON.readTree(body.substring(0, body.lastIndexOf(' ')));
      assertThat(sent.path("job").asString()).isEqualTo("retrain-called");
      assertThat(sent.path("callback").asString()).endsWith("/api/v1/retrain/runs/" + id + "/status");
      assertThat(alice.get("/api/v1/retrain/runs/" + id).text("state")).isEqualTo("launched");
      Api run = steward.api(sent.path("token").asString());
      assertThat(run.post("/api/v1/retrain/runs/" + id + "/status", Api.object().put("state", "failed")
          .put("message", "out of memory")).status()).isEqualTo(200);
      JsonNode ended = alice.get("/api/v1/retrain/runs/" + id).json();
      assertThat(ended.path("state").asString()).isEqualTo("failed");
      assertThat(ended.path("message").asString()).isEqualTo("out of memory");
    } finally {
      target.stop(0);
    }
  }

  @Test
  void successfulRunRequestsThePromotionItsPlanWantsOnBehalfOfThePlansOwner() {
    model("promoted");
    lenientThresholds();
    ObjectNode train = process(List.of("python3", TRAIN), Map.of("STEWARD_OUTPUT_DIR", dataDir.resolve("out").toString(),
        "STEWARD_TRAINING_DATASET", "churn-events/1", "STEWARD_THRESHOLD_SET", "retrain-lenient/1"));
    assertThat(alice.post("/api/v1/retrain/plans", plan("promoted", train, manual()).put("promoteTo", "dev")).status())
        .isEqualTo(201);
    String id = alice.post("/api/v1/retrain/plans/promoted/runs", Api.object()).text("id");
    awaitState(id, "succeeded");
    JsonNode promotion = await().atMost(Duration.ofSeconds(30)).until(
        () -> alice.get("/api/v1/retrain/runs/" + id).json().path("promotion"), p -> p.hasNonNull("promotion"));
    assertThat(promotion.path("environment").asString()).isEqualTo("dev");
    assertThat(promotion.path("requestedBy").asString()).isEqualTo("alice");
    assertThat(promotion.path("state").asString()).isEqualTo("approved");
    JsonNode promotions = alice.get("/api/v1/promotions?model=promoted").json().path("items");
    assertThat(promotions).hasSize(1);
    assertThat(promotions.get(0).path("id").asString()).isEqualTo(promotion.path("promotion").asString());
    assertThat(promotions.get(0).path("version").asInt()).isEqualTo(1);
    assertThat(promotions.get(0).path("requestedBy").asString()).isEqualTo("alice");
    assertThat(promotions.get(0).path("reason").asString()).contains("retrain run " + id, "revision 1");
    assertThat(alice.get("/api/v1/deployments/dev/promoted").json().toString()).contains("\"version\":1");

    // production needs staging first: the request is refused, and the run says why instead of asking again
    assertThat(alice.post("/api/v1/retrain/plans", plan("promoted", train, manual()).put("promoteTo", "production"))
        .status()).isEqualTo(201);
    String second = alice.post("/api/v1/retrain/plans/promoted/runs", Api.object()).text("id");
    awaitState(second, "succeeded");
    JsonNode refused = await().atMost(Duration.ofSeconds(30)).until(
        () -> alice.get("/api/v1/retrain/runs/" + second).json().path("promotion"), p -> p.hasNonNull("refused"));
    assertThat(refused.path("refused").asString()).contains("has not reached staging");
    assertThat(alice.get("/api/v1/promotions?model=promoted").json().path("total").asInt()).isEqualTo(1);
  }

  @Test
  void promotionLeftUnaskedByACrashIsRequestedByTheSupervision() throws Exception {
    model("crashed");
    lenientThresholds();
    ObjectNode version = RegistryFixtures.minimalModelVersion();
    version.putObject("metrics").put("auc", 0.9);
    version.set("thresholdSet", RegistryFixtures.ref("retrain-lenient", 1));
    RegistryFixtures.expectCreated(alice.post("/api/v1/models/crashed/versions", version));
    assertThat(alice.post("/api/v1/retrain/plans", plan("crashed", process(List.of("true"), Map.of()), manual())
        .put("promoteTo", "dev")).status()).isEqualTo(201);
    // what a crash right after the run's success leaves: the run committed as succeeded, its promotion not asked
    Instant now = Instant.now();
    String id = "20261202-000000-c0ffee0001";
    RetrainRun run = new RetrainRun(id, "crashed", 1, "manual", new Cause("manual", null, null, null, null, null, null,
        null, null, "alice", null, null), null, RunState.SUCCEEDED, List.of(new Attempt(1, "process", "process 1, log x",
        null, now, now, now, "succeeded", "exit code 0", "gone-instance", now.plusSeconds(60), null)), 1, "exit code 0",
        "alice", now, now, now, new RunPromotion("dev", "alice", null, null, null, null));
    String hash = EntityDocuments.digest(id).substring("sha256:".length());
    String path = "retrain-runs/" + hash.substring(0, 2) + "/" + hash.substring(2, 4) + "/" + id + ".yaml";
    steward.bean(Lineage.class).record(new Change("steward", "succeed-run", "retrain-run " + id,
        "Retrain run " + id + " of crashed: succeeded", List.of(FileChange.create(path,
        EntityDocuments.canonicalYaml().writeValueAsBytes(run)))));

    JsonNode promotion = await().atMost(Duration.ofSeconds(30)).until(
        () -> alice.get("/api/v1/retrain/runs/" + id).json().path("promotion"), p -> p.hasNonNull("promotion"));
    assertThat(promotion.path("state").asString()).isEqualTo("approved");
    JsonNode promotions = alice.get("/api/v1/promotions?model=crashed").json();
    assertThat(promotions.path("total").asInt()).isEqualTo(1);
    assertThat(promotions.path("items").get(0).path("requestedBy").asString()).isEqualTo("alice");
  }

  @Test
  void driftAlertWhoseRunWasLostIsStartedFromItsStoredReport() {
    model("missed");
    assertThat(alice.post("/api/v1/retrain/plans", plan("missed", process(List.of("true"), Map.of()),
        Api.object().put("type", "drift").put("environment", "production").put("cooldown", "1h")
            .put("minInterval", "0s"))).status()).isEqualTo(201);
    // what a crash between the drift monitor's report and the run leaves: the alert report, and no run
    long before = storeAlertReport("missed", "production", Instant.now().minus(Duration.ofHours(2)));
    long lost = storeAlertReport("missed", "production", Instant.now());
    JsonNode run = await().atMost(Duration.ofSeconds(30)).until(
        () -> alice.get("/api/v1/retrain/runs?model=missed").json(), r -> r.path("total").asInt() > 0)
        .path("items").get(0);
    assertThat(run.path("cause").path("driftReport").asLong()).isEqualTo(lost);
    assertThat(run.path("trigger").asString()).isEqualTo("drift");
    // the event, delivered late, finds the run of its report
    steward.publish(new DriftDetected(lost, "missed", 3, "production", Instant.now().minusSeconds(600),
        Instant.parse(storedWindowEnd(lost)), List.of("psi")));
    assertThat(alice.get("/api/v1/retrain/runs?model=missed").json().path("total").asInt()).isEqualTo(1);
    assertThat(before).isLessThan(lost);
  }

  @Test
  void processOfAnInstanceThatIsGoneFailsItsAttemptAndIsStopped() {
    model("orphaned");
    assertThat(alice.post("/api/v1/retrain/plans", plan("orphaned", process(List.of("sleep", "300"), Map.of()), manual())
        .put("timeout", "1h")).status()).isEqualTo(201);
    String id = alice.post("/api/v1/retrain/plans/orphaned/runs", Api.object()).text("id");
    JsonNode launched = awaitState(id, "launched");
    String reference = launched.path("attempts").get(0).path("reference").asString();
    long pid = Long.parseLong(reference.substring("process ".length(), reference.indexOf(',')));
    assertThat(ProcessHandle.of(pid)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

    steward.restart();   // a new life: the process it started runs on, unwatched
    alice = steward.api(aliceToken);
    JsonNode failed = awaitState(id, "failed");
    assertThat(failed.path("message").asString()).contains("that started its process is gone",
        "process " + pid + " was still running and has been stopped");
    await().atMost(Duration.ofSeconds(20)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
  }

  /** A threshold set any trained version meets (the dev policy checks the metrics against it). */
  private void lenientThresholds() {
    if (alice.get("/api/v1/threshold-sets/retrain-lenient/versions").json().path("total").asInt() == 0) {
      ObjectNode t = Api.object().put("name", "retrain-lenient");
      t.putObject("values").put("min_auc", 0.5);
      RegistryFixtures.expectCreated(alice.post("/api/v1/threshold-sets", t));
    }
  }

  private long storeAlertReport(String model, String environment, Instant closed) {
    org.springframework.jdbc.support.GeneratedKeyHolder keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
    steward.bean(org.springframework.jdbc.core.simple.JdbcClient.class).sql("""
            insert into drift_report (model, version, environment, window_start, window_end, status, rows_count,
              closed_at, document) values (?, 3, ?, ?, ?, 'alert', 500, ?, '{"reasons": ["psi(score) 0.3 > 0.25"]}')""")
        .params(model, environment, java.sql.Timestamp.from(closed.minusSeconds(660)),
            java.sql.Timestamp.from(closed.minusSeconds(60)), java.sql.Timestamp.from(closed))
        .update(keys, "id");
    return keys.getKey().longValue();
  }

  private String storedWindowEnd(long report) {
    return steward.bean(org.springframework.jdbc.core.simple.JdbcClient.class)
        .sql("select window_end from drift_report where id = ?").param(report)
        .query((rs, i) -> rs.getTimestamp(1).toInstant().toString()).single();
  }

  // ---- helpers ----------------------------------------------------------------------------------------

  private void model(String name) {
    RegistryFixtures.expectCreated(alice.post("/api/v1/models", RegistryFixtures.model(name)));
  }

  static ObjectNode plan(String model, ObjectNode launcher, ObjectNode... triggers) {
    ObjectNode plan = Api.object().put("model", model);
    var array = plan.putArray("triggers");
    for (ObjectNode t : triggers) {
      array.add(t);
    }
    plan.set("launcher", launcher);
    return plan;
  }

  static ObjectNode manual() {
    return Api.object().put("type", "manual");
  }

  static ObjectNode process(List<String> command, Map<String, String> environment) {
    ObjectNode p = Api.object().put("type", "process");
    var c = p.putArray("command");
    command.forEach(c::add);
    ObjectNode env = p.putObject("environment");
    environment.forEach(env::put);
    return p;
  }

  /** Waits until the run is in {@code state}; a run that ends in another state fails at once, showing itself. */
  private JsonNode awaitState(String id, String state) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
      String now = alice.get("/api/v1/retrain/runs/" + id).text("state");
      return now.equals(state) || List.of("succeeded", "failed", "timed-out", "skipped", "cancelled").contains(now);
    });
    Api.Answer run = alice.get("/api/v1/retrain/runs/" + id);
    assertThat(run.text("state")).as(run.toString()).isEqualTo(state);
    return run.json();
  }

  static List<String> links(JsonNode answer) {
    List<String> links = new ArrayList<>();
    answer.path("links").forEach(l -> links.add(l.path("from").asString() + " -" + l.path("role").asString() + "-> "
        + l.path("kind").asString() + ":" + l.path("id").asString()));
    return links;
  }

  private static List<String> fields(Api.Answer answer) {
    List<String> fields = new ArrayList<>();
    answer.json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
    return fields;
  }
}
