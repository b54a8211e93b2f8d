package dev.steward.server.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The retraining loop end to end with a real Apache Airflow (started by the test command,
 * {@code retrain-scheduler/scripts/start-airflow.sh}): Steward triggers the DAG through Airflow's REST API,
 * the DAG trains a scikit-learn model and registers it with the run's token, and Steward learns the dag
 * run's end by polling Airflow. In CI a missing Airflow fails the test; elsewhere it is skipped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AirflowRetrainTests {
  private AirflowServer airflow;
  private Path dataDir;
  private Steward steward;
  private Api alice;

  @BeforeAll
  void start() throws Exception {
    airflow = AirflowServer.fromEnvironment();
    dataDir = Files.createTempDirectory("steward-airflow");
    steward = Steward.start(dataDir, Database.h2(), Map.of(
        "steward.retrain.credentials.airflow.username", airflow.user(),
        "steward.retrain.credentials.airflow.password", airflow.password(),
        "steward.retrain.poll-interval", "1s"));
    alice = steward.admin().as(steward.admin().issue("alice", "ml-engineer"));
    RegistryFixtures.registerChurn(alice);
  }

  @AfterAll
  void stop() {
    if (steward != null) {
      steward.close();
      Steward.deleteRecursively(dataDir);
    }
  }

  private ObjectNode airflowPlan(String model, Map<String, String> parameters) {
    ObjectNode launcher = Api.object().put("type", "webhook").put("preset", "airflow")
        .put("url", airflow.url()).put("dag", "steward_retrain").put("credentials", "airflow");
    ObjectNode extra = launcher.putObject("parameters");
    parameters.forEach(extra::put);
    return RetrainRunsTests.plan(model, launcher, RetrainRunsTests.manual()).put("timeout", "5m");
  }

  @Test
  void airflowTrainsAndRegistersTheVersionAndTheRunSucceeds() {
    RegistryFixtures.expectCreated(alice.post("/api/v1/models", RegistryFixtures.model("churn-airflow")));
    assertThat(alice.post("/api/v1/retrain/plans", airflowPlan("churn-airflow", Map.of())).status()).isEqualTo(201);
    Api.Answer started = alice.post("/api/v1/retrain/plans/churn-airflow/runs", Api.object().put("reason", "e2e"));
    assertThat(started.status()).as(started.toString()).isEqualTo(201);
    String id = started.text("id");
    assertThat(started.json().path("attempts").get(0).path("reference").asString())
        .isEqualTo("airflow dag run steward_retrain/" + id + "-1");

    JsonNode run = awaitEnd(id);
    assertThat(run.path("state").asString()).as(run.toString()).isEqualTo("succeeded");
    assertThat(run.path("producedVersion").asInt()).isEqualTo(1);
    assertThat(run.path("message").asString()).contains("airflow dag run " + id + "-1 succeeded");
    JsonNode version = alice.get("/api/v1/models/churn-airflow/versions/1").json();
    assertThat(version.path("producedBy").path("retrainRun").asString()).isEqualTo(id);
    assertThat(version.path("tags").path("trained_by").asString()).isEqualTo("airflow");
    assertThat(version.path("metrics").path("auc").asDouble()).isBetween(0.6, 1.0);
    JsonNode up = alice.get("/api/v1/lineage/models/churn-airflow/versions/1?direction=upstream").json();
    assertThat(RetrainRunsTests.links(up)).contains("model-version:churn-airflow/1 -produced-by-> retrain-run:" + id);
  }

  @Test
  void aFailedDagRunFailsTheRun() {
    RegistryFixtures.expectCreated(alice.post("/api/v1/models", RegistryFixtures.model("churn-airflow-broken")));
    assertThat(alice.post("/api/v1/retrain/plans", airflowPlan("churn-airflow-broken", Map.of("fail", "true")))
        .status()).isEqualTo(201);
    String id = alice.post("/api/v1/retrain/plans/churn-airflow-broken/runs", Api.object()).text("id");
    JsonNode run = awaitEnd(id);
    assertThat(run.path("state").asString()).as(run.toString()).isEqualTo("failed");
    assertThat(run.path("message").asString()).contains("airflow dag run " + id + "-1 failed");
    assertThat(alice.get("/api/v1/models/churn-airflow-broken/versions").json().path("total").asInt()).isZero();
  }

  private JsonNode awaitEnd(String id) {
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() ->
        !List.of("triggered", "launched").contains(alice.get("/api/v1/retrain/runs/" + id).text("state")));
    return alice.get("/api/v1/retrain/runs/" + id).json();
  }
}
