package dev.steward.server.system;

import static dev.steward.server.system.RegistryFixtures.expectCreated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Desired deployments mirrored to a real MLflow tracking server: promoting a version imported from a
 * registered MLflow model version tags that MLflow version {@code steward.deployed.<environment>=true},
 * the version it replaces gets {@code false}, a rollback turns both around, and a version imported from a
 * bare run gets the tag on its run. Dev's policy here admits versions that carry the AUC logged in MLflow.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MlflowDeploymentSyncTests {
  static final Duration SYNC = Duration.ofSeconds(30);

  MlflowTrackingServer mlflow;
  Path dataDir;
  Steward steward;
  Api alice;
  Api olga;
  JsonNode first;
  JsonNode second;
  JsonNode runOnly;

  /** The MLflow major version the test command started a server of: 2 or 3. */
  abstract int mlflowMajor();

  abstract Database database();

  @BeforeAll
  void start() throws Exception {
    mlflow = MlflowTrackingServer.fromEnvironment(mlflowMajor());
    first = mlflow.train("--experiment", "steward-deployment-sync", "--registered-model", "Churn Deployed",
        "--seed", "21");
    second = mlflow.train("--experiment", "steward-deployment-sync", "--registered-model", "Churn Deployed",
        "--seed", "22");
    runOnly = mlflow.train("--experiment", "steward-deployment-sync", "--seed", "23");
    dataDir = Files.createTempDirectory("steward-mlflow-deploy-test");
    steward = Steward.start(dataDir, database(), Map.of(
        "steward.mlflow.tracking-uri", mlflow.uri(),
        "steward.mlflow.artifact-locations[0].from", "mlflow-artifacts:/",
        "steward.mlflow.artifact-locations[0].to", MlflowImportTests.ARTIFACTS_VOLUME,
        "steward.environments[0].name", "dev",
        "steward.environments[0].policy", "mlflow-dev-gate",
        "steward.environments[1].name", "staging"));
    alice = steward.admin().as(steward.admin().issue("alice", "ml-engineer", "reviewer"));
    olga = steward.admin().as(steward.admin().issue("olga", "oncall"));
    ObjectNode policy = Api.object().put("name", "mlflow-dev-gate")
        .put("description", "Entry to dev for versions imported from MLflow");
    policy.putArray("rules").addObject().put("id", "auc-logged").put("severity", "block")
        .put("expression", "'auc' in model.metrics && 'mlflow.run_id' in model.tags");
    // policies are governance: a policy admin registers it, a second one approves it (four eyes)
    Api ada = steward.admin().as(steward.admin().issue("ada", "policy-admin"));
    Api grace = steward.admin().as(steward.admin().issue("grace", "policy-admin"));
    expectCreated(ada.post("/api/v1/policies", policy));
    Api.Answer approved = grace.post("/api/v1/policies/mlflow-dev-gate/versions/1/decisions",
        Api.object().put("decision", "approve"));
    assertThat(approved.json().path("state").asString()).as(approved.toString()).isEqualTo("active");
  }

  @AfterAll
  void stop() {
    if (steward != null) {
      steward.close();
    }
    if (dataDir != null) {
      Steward.deleteRecursively(dataDir);
    }
  }

  @Test
  void promotionAndRollbackTagTheRegisteredMlflowVersions() {
    int v1 = importRegistered(first, "churn-deployed");
    int v2 = importRegistered(second, "churn-deployed");
    String mlflowV1 = first.path("registered").path("version").asString();
    String mlflowV2 = second.path("registered").path("version").asString();

    promoteToDev("churn-deployed", v1);
    await().atMost(SYNC).untilAsserted(() ->
        assertThat(versionTag("Churn Deployed", mlflowV1, "steward.deployed.dev")).isEqualTo("true"));
    assertThat(versionTag("Churn Deployed", mlflowV2, "steward.deployed.dev")).isNull();

    promoteToDev("churn-deployed", v2);
    await().atMost(SYNC).untilAsserted(() -> {
      assertThat(versionTag("Churn Deployed", mlflowV2, "steward.deployed.dev")).isEqualTo("true");
      assertThat(versionTag("Churn Deployed", mlflowV1, "steward.deployed.dev")).isEqualTo("false");
    });

    Api.Answer rollback = olga.post("/api/v1/deployments/dev/churn-deployed/rollback",
        Api.object().put("reason", "error rate alert"));
    assertThat(rollback.status()).as(rollback.toString()).isEqualTo(200);
    assertThat(rollback.json().path("deployment").path("version").asInt()).isEqualTo(v1);
    await().atMost(SYNC).untilAsserted(() -> {
      assertThat(versionTag("Churn Deployed", mlflowV1, "steward.deployed.dev")).isEqualTo("true");
      assertThat(versionTag("Churn Deployed", mlflowV2, "steward.deployed.dev")).isEqualTo("false");
    });
    // the tag is on the registered versions, not on their runs
    assertThat(runTag(first.path("runId").asString(), "steward.deployed.dev")).isNull();
  }

  @Test
  void promotionOfAVersionImportedFromABareRunTagsTheRun() {
    Api.Answer imported = alice.post("/api/v1/imports/mlflow", Api.object()
        .put("runId", runOnly.path("runId").asString()).put("model", "churn-run-deployed"));
    assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
    int version = imported.json().path("modelVersion").path("version").asInt();

    promoteToDev("churn-run-deployed", version);
    await().atMost(SYNC).untilAsserted(() ->
        assertThat(runTag(runOnly.path("runId").asString(), "steward.deployed.dev")).isEqualTo("true"));
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private int importRegistered(JsonNode run, String model) {
    JsonNode registered = run.path("registered");
    Api.Answer answer = alice.post("/api/v1/imports/mlflow", Api.object()
        .put("registeredModel", registered.path("name").asString())
        .put("version", registered.path("version").asString()).put("model", model));
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    return answer.json().path("modelVersion").path("version").asInt();
  }

  private void promoteToDev(String model, int version) {
    JsonNode p = expectCreated(alice.post("/api/v1/promotions", Api.object().put("model", model)
        .put("version", version).put("environment", "dev").put("reason", "first look in dev"))).json();
    assertThat(p.path("state").asString()).as(p.toString()).isEqualTo("approved");
  }

  private @Nullable String versionTag(String name, String version, String key) {
    JsonNode v = mlflow.get("model-versions/get", "name", name, "version", version).path("model_version");
    return tag(v.path("tags"), key);
  }

  private @Nullable String runTag(String runId, String key) {
    return tag(mlflow.get("runs/get", "run_id", runId).path("run").path("data").path("tags"), key);
  }

  private static @Nullable String tag(JsonNode tags, String key) {
    for (JsonNode t : tags) {
      if (t.path("key").asString().equals(key)) {
        return t.path("value").asString();
      }
    }
    return null;
  }
}
