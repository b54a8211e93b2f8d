package dev.steward.server.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steward.testing.kube.EnableKubeApiServer;
import dev.steward.testing.kube.KServe;
import dev.steward.testing.kube.KubeApiServer;
import dev.steward.testing.kube.TestNamespace;
import dev.steward.testing.kube.TestingKServeController;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The whole loop with real servers on 127.0.0.1: Steward (a child JVM) with a cluster environment on the real
 * kube-apiserver and the fake KServe controller, Prometheus scraping Steward every second and evaluating the
 * shipped rules, and two Alertmanagers that are not peered (a partitioned pair: both send every notification)
 * with a short repeat interval. Version 1 and then version 2 of a model are deployed to production; clean and
 * then drifted traffic for version 2 closes a window in alert, the rule fires, both Alertmanagers call Steward,
 * and the InferenceService is back on version 1, with one rollback commit and one cluster change however many
 * deliveries arrive. Then kill -9 after an acknowledged alert, with the cluster down: the rollback reaches the
 * cluster after the restart, once.
 */
@EnableKubeApiServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertLoopE2E {
  private KubeApiServer server;
  private TestNamespace namespace;
  private DynamicKubernetesApi isvcs;
  private TestingKServeController kserve;
  private Path dataDir;
  private StewardProcess steward;
  private final List<AutoCloseable> closing = new ArrayList<>();

  @BeforeAll
  void cluster(KubeApiServer server, TestNamespace namespace) {
    MonitoringServers.requireBinaries();
    this.server = server;
    this.namespace = namespace;
    this.isvcs = KServe.inferenceServices(server.adminClient());
    kserve = TestingKServeController.start(server.adminClient(), namespace.name());
  }

  @AfterAll
  void stopKServe() {
    kserve.close();
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : closing.reversed()) {
      c.close();
    }
    closing.clear();
    if (steward != null) {
      steward.close();
    }
    Steward.deleteRecursively(dataDir);
  }

  private Api startSteward() throws IOException {
    dataDir = Files.createTempDirectory("steward-alert-loop");
    Path kubeconfig = server.writeKubeconfig(dataDir.resolve("kubeconfig"), false);
    Map<String, String> p = new LinkedHashMap<>();
    p.put("steward.environments[0].name", "production");
    p.put("steward.environments[0].policy", "dev-gate");
    p.put("steward.environments[0].namespace", namespace.name());
    p.put("steward.environments[0].target", "cluster");
    p.put("steward.environments[0].deployment.deployment-mode", "Knative");
    p.put("steward.deployer.kubeconfig", kubeconfig.toString());
    p.put("steward.deployer.resync-interval", "2s");
    p.put("steward.deployer.public-url", "http://steward.steward.svc:8080");
    p.put("steward.drift.kserve.ingest-key", "k3y");
    p.put("steward.drift.window", "2s");
    p.put("steward.drift.close-delay", "1s");
    p.put("steward.drift.close-interval", "250ms");
    p.put("steward.drift.metrics-idle-expiry", "60s");
    p.put("steward.alerts.cooldown", "10m");
    p.put("logging.level.dev.steward.alerts", "INFO");
    p.put("logging.level.dev.steward.deployer", "INFO");
    steward = StewardProcess.start(dataDir, Database.h2(), p);
    return steward.admin();
  }

  /** Registers the model with two versions and their reference profiles, and deploys 1 then 2 to production. */
  private void deployTwoVersions(Api alice, String model) {
    DriftTraffic.registerModel(alice, model);
    AlertPayloads.registerNextVersion(alice, model);
    for (int v = 1; v <= 2; v++) {
      Api.Answer ref = DriftTraffic.jsonLines(base(), alice.token(), "/api/v1/drift/models/" + model + "/versions/" + v
          + "/reference", DriftTraffic.reference(model, 5, 2_000));
      assertThat(ref.status()).as(ref.toString()).isEqualTo(201);
      Api.Answer promoted = alice.post("/api/v1/promotions", Api.object().put("model", model).put("version", v)
          .put("environment", "production").put("reason", "test"));
      assertThat(promoted.text("state")).as(promoted.toString()).isEqualTo("approved");
      int version = v;
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
        JsonNode s = alice.get("/api/v1/deployments/production/" + model).json();
        assertThat(s.path("rollout").path("state").asString()).as(s.toString()).isEqualTo("rolled-out");
        assertThat(s.path("observed").path("version").asInt()).isEqualTo(version);
      });
    }
  }

  private String base() {
    return "http://127.0.0.1:" + steward.port();
  }

  /** Prints what each server saw when the loop did not close, then fails as the assertion did. */
  private void diagnoseOnFailure(Api api, MonitoringServers.Server prometheus, MonitoringServers.Server am,
      Runnable assertion) throws IOException {
    try {
      assertion.run();
    } catch (AssertionError | RuntimeException e) {
      System.out.println("Drift reports: " + api.get("/api/v1/drift/reports?model=churn&size=20").body());
      System.out.println("Alert history: " + api.get("/api/v1/alerts").body());
      System.out.println("Prometheus alerts: " + DriftTraffic.send(prometheus.url().toString(), null, "GET",
          "/api/v1/alerts", "application/json", new byte[0], Map.of()).body());
      System.out.println("Prometheus targets: " + DriftTraffic.send(prometheus.url().toString(), null, "GET",
          "/api/v1/targets", "application/json", new byte[0], Map.of()).body());
      System.out.println("Prometheus log: " + prometheus.log());
      System.out.println("Alertmanager log: " + am.log());
      try (var logs = Files.list(dataDir)) {
        for (Path log : logs.filter(p -> p.getFileName().toString().endsWith(".log")).toList()) {
          List<String> lines = Files.readAllLines(log);
          System.out.println("Steward log " + log + ":\n" + String.join("\n",
              lines.subList(Math.max(0, lines.size() - 150), lines.size())));
        }
      }
      throw e;
    }
  }

  private long generation(String name) throws Exception {
    return isvcs.get(namespace.name(), name).throwsApiException().getObject().getMetadata().getGeneration();
  }

  private List<String> rollbackCommits(Api api, String model) {
    List<String> commits = new ArrayList<>();
    for (JsonNode h : api.get("/api/v1/deployments/production/" + model + "/history").json()) {
      if (h.path("action").asString().equals("rollback")) {
        commits.add(h.path("commitId").asString());
      }
    }
    return commits;
  }

  @Test
  void aDriftAlertThroughPrometheusAndAlertmanagerRollsTheModelBackOnce() throws Exception {
    Api admin = startSteward();
    Api alice = admin.as(admin.issue("alice", "ml-engineer"));
    Api olga = admin.as(admin.issue("olga", "oncall"));
    String ingest = admin.issue("scorer", "ingest");
    String webhookToken = admin.issue("alertmanager", "alertmanager");
    String scraper = admin.issue("prometheus", "oncall");
    deployTwoVersions(alice, "churn");
    long deployed = generation("churn");

    URI webhook = URI.create(base() + "/api/v1/alerts/alertmanager");
    var am1 = MonitoringServers.alertmanager("alertmanager-a", webhook, webhookToken, Duration.ofSeconds(2));
    closing.add(am1);
    var am2 = MonitoringServers.alertmanager("alertmanager-b", webhook, webhookToken, Duration.ofSeconds(2));
    closing.add(am2);
    String rules = Files.readString(Path.of(System.getProperty("user.dir")).resolve("../deploy/prometheus/steward-rules.yaml"))
        .replace("https://steward.example.com", base());
    var prometheus = MonitoringServers.prometheus("127.0.0.1:" + steward.port(), scraper, rules,
        List.of(am1.url(), am2.url()));
    closing.add(prometheus);

    // scored traffic for version 2: clean for three windows, then drifted until the rollback is in place
    AtomicBoolean drifted = new AtomicBoolean();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger batches = new AtomicInteger();
    Thread scorer = Thread.ofPlatform().daemon().start(() -> {
      SplittableRandom r = new SplittableRandom(7);
      while (!stop.get()) {
        int b = batches.incrementAndGet();
        StringBuilder rows = new StringBuilder();
        Instant now = Instant.now();
        for (int i = 0; i < 100; i++) {
          rows.append(DriftTraffic.row(r, "b" + b + "-" + i, "churn", "production", now,
              drifted.get() ? DriftTraffic.Shift.PSI : DriftTraffic.Shift.NONE, false)
              .replace("\"version\":1,", "\"version\":2,"));
        }
        DriftTraffic.jsonLines(base(), ingest, "/api/v1/drift/rows", rows.toString());
        try {
          Thread.sleep(250);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    try {
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(olga.get(
          "/api/v1/drift/reports?model=churn&version=2&environment=production").json().size()).isGreaterThanOrEqualTo(3));
      assertThat(olga.get("/api/v1/drift/reports?model=churn&version=2&status=alert").json().size()).isZero();
      drifted.set(true);

      Instant[] applied = new Instant[1];
      diagnoseOnFailure(olga, prometheus, am1, () -> await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
        JsonNode s = olga.get("/api/v1/deployments/production/churn").json();
        assertThat(s.path("version").asInt()).as(s.toString()).isEqualTo(1);
        assertThat(s.path("rollout").path("state").asString()).isEqualTo("pinned");
        boolean onVersion1 = false;
        for (JsonNode t : s.path("observed").path("traffic")) {
          onVersion1 |= t.path("percent").asInt() == 100 && t.path("version").asInt() == 1;
        }
        assertThat(onVersion1).as("all traffic on version 1: %s", s.path("observed")).isTrue();
        applied[0] = Instant.now();
      }));
      stop.set(true);
      scorer.join();

      // both Alertmanagers deliver, and keep repeating: every delivery after the first is a duplicate
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        JsonNode lines = olga.get("/api/v1/alerts?model=churn&size=500").json();
        List<String> outcomes = new ArrayList<>();
        lines.forEach(l -> {
          if ("StewardDriftAlert".equals(l.path("alertname").asString())) {
            outcomes.add(l.path("outcome").asString());
          }
        });
        assertThat(outcomes).containsOnlyOnce("acted");
        assertThat(outcomes.stream().filter("duplicate"::equals).count()).isGreaterThanOrEqualTo(3);
      });
      List<String> commits = rollbackCommits(olga, "churn");
      assertThat(commits).hasSize(1);
      assertThat(generation("churn")).isEqualTo(deployed + 1);
      // more repeats arrive; throughout, still one commit and one change
      await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
          .untilAsserted(() -> {
            assertThat(rollbackCommits(olga, "churn")).isEqualTo(commits);
            assertThat(generation("churn")).isEqualTo(deployed + 1);
          });

      JsonNode acted = null;
      for (JsonNode l : olga.get("/api/v1/alerts?model=churn&outcome=acted").json()) {
        if ("StewardDriftAlert".equals(l.path("alertname").asString())) {
          acted = l;
        }
      }
      assertThat(acted).isNotNull();
      assertThat(acted.path("commit").asString()).isEqualTo(commits.getFirst());
      assertThat(acted.path("version").asInt()).isEqualTo(2);
      JsonNode firstAlert = olga.get("/api/v1/drift/reports?model=churn&version=2&status=alert").json();
      Instant windowEnd = Instant.parse(firstAlert.get(firstAlert.size() - 1).path("windowEnd").asString());
      Instant received = Instant.parse(acted.path("receivedAt").asString());
      String figures = String.format(java.util.Locale.ROOT, "window end -> webhook received %d ms, webhook -> "
          + "rollback applied in the cluster %d ms, window end -> applied %d ms (window 2s, close-delay 1s, scrape and"
          + " evaluation 1s, group_wait 1s)", Duration.between(windowEnd, received).toMillis(),
          Duration.between(received, applied[0]).toMillis(), Duration.between(windowEnd, applied[0]).toMillis());
      System.out.println("Alert loop: " + figures);
      Files.writeString(Path.of("target", "alert-loop-latency.txt"), figures + System.lineSeparator(),
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    } finally {
      stop.set(true);
    }
  }

  @Test
  void aRollbackAcknowledgedBeforeAKillNineReachesTheClusterAfterTheRestartOnce() throws Exception {
    Api admin = startSteward();
    Api alice = admin.as(admin.issue("alice", "ml-engineer"));
    String webhookToken = admin.issue("alertmanager", "alertmanager");
    String olgaToken = admin.issue("olga", "oncall");
    deployTwoVersions(alice, "fraud");
    long deployed = generation("fraud");
    Api alertmanager = admin.as(webhookToken);
    var alert = AlertPayloads.Alert.firing("0c0ffee000000001", Instant.parse("2026-12-02T03:00:00Z"), "fraud",
        "production", "rollback", 2);

    server.stop(); // the cluster is unreachable: the rollback is committed but cannot be applied
    try {
      Api.Answer acknowledged = alertmanager.post("/api/v1/alerts/alertmanager", AlertPayloads.payload(alert));
      assertThat(acknowledged.status()).as(acknowledged.toString()).isEqualTo(200);
      assertThat(acknowledged.json().path("alerts").get(0).path("outcome").asString()).isEqualTo("acted");
      steward.kill();
    } finally {
      server.start();
    }
    assertThat(generation("fraud")).as("nothing reached the cluster before the kill").isEqualTo(deployed);

    steward.restart();
    Api olga = steward.api(olgaToken);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
      JsonNode s = olga.get("/api/v1/deployments/production/fraud").json();
      assertThat(s.path("version").asInt()).as(s.toString()).isEqualTo(1);
      assertThat(s.path("rollout").path("state").asString()).isEqualTo("pinned");
    });
    Api.Answer again = steward.api(webhookToken).post("/api/v1/alerts/alertmanager", AlertPayloads.payload(alert));
    assertThat(again.json().path("alerts").get(0).path("outcome").asString()).isEqualTo("duplicate");
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
        .untilAsserted(() -> {
          assertThat(rollbackCommits(olga, "fraud")).hasSize(1);
          assertThat(generation("fraud")).isEqualTo(deployed + 1);
        });
  }
}
