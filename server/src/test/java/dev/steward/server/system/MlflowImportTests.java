package dev.steward.server.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steward.lineage.Lineage;
import dev.steward.lineage.RecordedChange;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The MLflow import against a real MLflow tracking server: runs logged by the real MLflow Python client
 * (scikit-learn model, params, metrics, two input datasets), imported by run id, by registered model
 * version and by alias, checked field by field against what the script logged; alias moves mirrored
 * back to MLflow; bad input answered with problem details and no commit; a run tagged {@code steward.retrain_run}
 * or imported with a retrain run's token produced by that run, once. Run against the pinned MLflow 2.x
 * and the newest 3.x (whose models are LoggedModel entities: a registered version's source is
 * {@code models:/m-...}), each on H2 and PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MlflowImportTests {
  /** Where the test server's --artifacts-destination would be mounted for KServe. */
  static final String ARTIFACTS_VOLUME = "pvc://mlflow-artifacts/";

  MlflowTrackingServer mlflow;
  Path dataDir;
  Steward steward;
  Api alice;
  Lineage lineage;
  JsonNode runOnly;
  JsonNode registered;

  /** The MLflow major version the test command started a server of: 2 or 3. */
  abstract int mlflowMajor();

  abstract Database database();

  @BeforeAll
  void start() throws Exception {
    mlflow = MlflowTrackingServer.fromEnvironment(mlflowMajor());
    runOnly = mlflow.train("--experiment", "steward-import-runs");
    registered = mlflow.train("--experiment", "steward-import-registry", "--registered-model", "Churn Classifier",
        "--alias", "candidate", "--seed", "11");
    dataDir = Files.createTempDirectory("steward-mlflow-test");
    steward = Steward.start(dataDir, database(), Map.of(
        "steward.mlflow.tracking-uri", mlflow.uri(),
        "steward.mlflow.artifact-locations[0].from", "mlflow-artifacts:/",
        "steward.mlflow.artifact-locations[0].to", ARTIFACTS_VOLUME));
    alice = steward.admin().as(steward.admin().issue("alice", "ml-engineer"));
    lineage = steward.bean(Lineage.class);
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
  void importsRunWithEveryLoggedFieldAsOneCommit() {
    String before = lineage.head().orElseThrow();
    Api.Answer answer = alice.post("/api/v1/imports/mlflow", Api.object()
        .put("runId", runOnly.path("runId").asString()).put("model", "churn-from-run"));
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    JsonNode imported = answer.json();
    assertThat(imported.path("created").asBoolean()).isTrue();
    assertThat(imported.path("warnings")).isEmpty();
    JsonNode v = imported.path("modelVersion");
    assertMatchesRun(v, runOnly);
    assertThat(v.path("name").asString()).isEqualTo("churn-from-run");
    assertThat(v.path("tags").has("mlflow.registered_model")).isFalse();
    // other tests may have imported this run's datasets already: new and reused together are the run's inputs
    assertThat(imported.path("newDatasets").size() + imported.path("reusedDatasets").size()).isEqualTo(2);
    List<JsonNode> datasets = new ArrayList<>();
    for (JsonNode ref : v.path("datasets")) {
      datasets.add(alice.get("/api/v1/datasets/" + ref.path("name").asString() + "/versions/" + ref.path("version").asInt()).json());
    }
    assertDatasetsMatchRun(datasets, runOnly);

    List<RecordedChange> changes = new ArrayList<>();
    lineage.changesSince(before, changes::add);
    // the model did not exist: one commit creates it, one registers the new datasets and the version together
    assertThat(changes).hasSize(2);
    RecordedChange importCommit = changes.getLast();
    assertThat(importCommit.action()).isEqualTo("import-mlflow");
    assertThat(importCommit.actor()).isEqualTo("alice");
    List<String> expected = new ArrayList<>(List.of("models/churn-from-run/versions/0-99/1.yaml"));
    imported.path("newDatasets").forEach(d -> expected.add("datasets/" + d.path("name").asString() + "/0-99/"
        + d.path("version").asInt() + ".yaml"));
    assertThat(importCommit.files()).extracting(f -> f.path()).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void lineageShowsTheRunAndTheDatasetsWithMlflowDigests() {
    JsonNode v = importRun(runOnly, "churn-lineage");
    int version = v.path("version").asInt();
    JsonNode up = alice.get("/api/v1/lineage/models/churn-lineage/versions/" + version + "?direction=upstream").json();
    assertThat(up.path("mlflowRun").path("runId").asString()).isEqualTo(runOnly.path("runId").asString());
    assertThat(up.path("mlflowRun").path("trackingUri").asString()).isEqualTo(mlflow.uri());
    List<JsonNode> datasets = StreamSupport.stream(up.path("nodes").spliterator(), false)
        .filter(n -> n.path("kind").asString().equals("dataset")).toList();
    assertThat(datasets).extracting(n -> n.path("name").asString()).containsExactlyInAnyOrder("churn-train", "churn-eval");
    for (JsonNode node : datasets) {
      JsonNode dataset = alice.get("/api/v1/datasets/" + node.path("name").asString() + "/versions/"
          + node.path("version").asInt()).json();
      assertThat(dataset.path("digest").asString()).isEqualTo(node.path("digest").asString());
      assertThat(dataset.path("tags").path("mlflow.digest").asString())
          .isEqualTo(loggedDataset(runOnly, node.path("name").asString()).path("digest").asString());
    }

    // the same lineage seen from MLflow: the run with its link, each dataset with MLflow's name, digest and context
    JsonNode fromMlflow = alice.get("/api/v1/lineage/models/churn-lineage/versions/" + version + "/mlflow").json();
    assertThat(fromMlflow.path("lineage")).isEqualTo(up);
    assertThat(fromMlflow.path("mlflowRun").path("runId").asString()).isEqualTo(runOnly.path("runId").asString());
    assertThat(fromMlflow.path("runLink").asString()).isEqualTo(mlflow.uri() + "/#/experiments/"
        + runOnly.path("experimentId").asString() + "/runs/" + runOnly.path("runId").asString());
    assertThat(fromMlflow.path("datasets")).hasSize(2);
    for (JsonNode d : fromMlflow.path("datasets")) {
      JsonNode logged = loggedDataset(runOnly, d.path("name").asString());
      assertThat(d.path("mlflowName").asString()).isEqualTo(logged.path("name").asString());
      assertThat(d.path("mlflowDigest").asString()).isEqualTo(logged.path("digest").asString());
      assertThat(d.path("mlflowSourceType").asString()).isEqualTo(logged.path("sourceType").asString());
      assertThat(d.path("context").asString()).isEqualTo(logged.path("context").asString());
      JsonNode node = datasets.stream().filter(n -> n.path("name").asString().equals(d.path("name").asString()))
          .findFirst().orElseThrow();
      assertThat(d.path("digest").asString()).isEqualTo(node.path("digest").asString());
    }
  }

  @Test
  void importsRegisteredVersionByNameAndVersion() {
    JsonNode reg = registered.path("registered");
    Api.Answer answer = alice.post("/api/v1/imports/mlflow", Api.object().put("registeredModel", reg.path("name").asString())
        .put("version", reg.path("version").asString()));
    assertThat(answer.status()).as(answer.toString()).isIn(200, 201);
    JsonNode v = answer.json().path("modelVersion");
    assertMatchesRun(v, registered);
    assertThat(v.path("name").asString()).isEqualTo("churn-classifier");
    assertThat(v.path("tags").path("mlflow.registered_model").asString()).isEqualTo("Churn Classifier");
    assertThat(v.path("tags").path("mlflow.registered_version").asString()).isEqualTo(reg.path("version").asString());
    assertThat(answer.json().path("source").path("registeredVersion").asString()).isEqualTo(reg.path("version").asString());
  }

  @Test
  void importsRegisteredVersionByAliasAsTheSameVersion() {
    JsonNode reg = registered.path("registered");
    JsonNode byVersion = alice.post("/api/v1/imports/mlflow", Api.object().put("registeredModel", "Churn Classifier")
        .put("version", reg.path("version").asString())).json().path("modelVersion");
    Api.Answer byAlias = alice.post("/api/v1/imports/mlflow", Api.object().put("registeredModel", "Churn Classifier")
        .put("alias", "candidate"));
    assertThat(byAlias.status()).as(byAlias.toString()).isEqualTo(200);
    assertThat(byAlias.json().path("created").asBoolean()).isFalse();
    assertThat(byAlias.json().path("modelVersion")).isEqualTo(byVersion);
    assertMatchesRun(byAlias.json().path("modelVersion"), registered);
  }

  @Test
  void importsFromTheCommandLineThroughTheHttpApi() throws Exception {
    String token = steward.admin().issue("carol", "ml-engineer");
    Cli cli = Cli.of("http://127.0.0.1:" + steward.port(), token, dataDir.resolve("cli-config.yaml"))
        .with("MLFLOW_TRACKING_URI", mlflow.uri());
    Cli.Run imported = cli.run("mlflow", "import", "--registered-model", "Churn Classifier", "--alias", "candidate",
        "--model", "churn-cli", "-o", "json");
    assertThat(imported.exit()).as(imported.toString()).isZero();
    JsonNode answer = imported.json();
    assertThat(answer.path("modelVersion").path("name").asString()).isEqualTo("churn-cli");
    assertThat(answer.path("modelVersion").path("registeredBy").asString()).isEqualTo("carol");
    assertMatchesRun(answer.path("modelVersion"), registered);

    Cli.Run table = cli.run("mlflow", "import", "--registered-model", "Churn Classifier", "--alias", "candidate",
        "--model", "churn-cli");
    assertThat(table.exit()).as(table.toString()).isZero();
    assertThat(table.out()).startsWith("Already imported MLflow run " + registered.path("runId").asString()
        + " as churn-cli version " + answer.path("modelVersion").path("version").asInt() + ".");

    Cli.Run refused = cli.run("mlflow", "import", "--run-id", "0123456789abcdef0123456789abcdef", "--model", "churn-cli");
    assertThat(refused.exit()).as(refused.toString()).isEqualTo(3);
    assertThat(refused.err()).startsWith("steward: 404 ");
    assertThat(refused.err().strip().lines()).hasSize(1);
  }

  @Test
  void reimportReturnsTheExistingVersionWithoutACommit() {
    JsonNode first = importRun(runOnly, "churn-twice");
    String head = lineage.head().orElseThrow();
    Api.Answer again = alice.post("/api/v1/imports/mlflow", Api.object()
        .put("runId", runOnly.path("runId").asString()).put("model", "churn-twice"));
    assertThat(again.status()).as(again.toString()).isEqualTo(200);
    assertThat(again.json().path("created").asBoolean()).isFalse();
    assertThat(again.json().path("modelVersion")).isEqualTo(first);
    assertThat(lineage.head()).contains(head);
    assertThat(alice.get("/api/v1/models/churn-twice/versions").json().path("total").asInt()).isEqualTo(1);
  }

  @Test
  void reusesDatasetsAlreadyImportedWithTheSameContent() {
    importRun(runOnly, "churn-reuse-a");
    Api.Answer second = alice.post("/api/v1/imports/mlflow", Api.object()
        .put("runId", runOnly.path("runId").asString()).put("model", "churn-reuse-b"));
    assertThat(second.status()).as(second.toString()).isEqualTo(201);
    assertThat(second.json().path("newDatasets")).isEmpty();
    assertThat(second.json().path("reusedDatasets")).hasSize(2);
    assertThat(second.json().path("modelVersion").path("datasets")).hasSize(2);
  }

  @Test
  void aliasMoveInStewardAppearsAsMlflowAlias() {
    JsonNode reg = registered.path("registered");
    JsonNode v = alice.post("/api/v1/imports/mlflow", Api.object().put("registeredModel", "Churn Classifier")
        .put("version", reg.path("version").asString())).json().path("modelVersion");
    Api.Answer moved = alice.put("/api/v1/models/churn-classifier/aliases/champion",
        Api.object().put("version", v.path("version").asInt()));
    assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      JsonNode alias = mlflow.get("registered-models/alias", "name", "Churn Classifier", "alias", "champion");
      assertThat(alias.path("model_version").path("version").asString()).isEqualTo(reg.path("version").asString());
    });

    alice.delete("/api/v1/models/churn-classifier/aliases/champion");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(mlflow.get("registered-models/alias", "name", "Churn Classifier", "alias", "champion")
            .path("model_version").isMissingNode()).isTrue());
  }

  @Test
  void aliasMoveOnAnImportedRunTagsTheRun() {
    JsonNode v = importRun(runOnly, "churn-run-alias");
    alice.put("/api/v1/models/churn-run-alias/aliases/champion", Api.object().put("version", v.path("version").asInt()));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      JsonNode run = mlflow.get("runs/get", "run_id", runOnly.path("runId").asString());
      assertThat(runTag(run, "steward.alias.champion")).isEqualTo("churn-run-alias/" + v.path("version").asInt());
      assertThat(runTag(run, "steward.model_version")).isNotNull();
    });
  }

  @Test
  void unreachableTrackingServerIs502NamingTheUriAndChangesNothing() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    String uri = "http://127.0.0.1:" + closedPort;
    String head = lineage.head().orElseThrow();
    Api.Answer answer = alice.post("/api/v1/imports/mlflow", Api.object().put("trackingUri", uri)
        .put("runId", runOnly.path("runId").asString()).put("model", "churn-unreachable"));
    assertThat(answer.status()).as(answer.toString()).isEqualTo(502);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.text("detail")).contains(uri);
    assertThat(answer.text("trackingUri")).isEqualTo(uri);
    assertThat(lineage.head()).contains(head);
  }

  @Test
  void unknownRunIs404AndChangesNothing() {
    String head = lineage.head().orElseThrow();
    Api.Answer answer = alice.post("/api/v1/imports/mlflow", Api.object()
        .put("runId", "0123456789abcdef0123456789abcdef").put("model", "churn-unknown"));
    assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
    assertThat(answer.text("detail")).contains("0123456789abcdef0123456789abcdef");
    Api.Answer unknownModel = alice.post("/api/v1/imports/mlflow", Api.object()
        .put("registeredModel", "no-such-model").put("alias", "champion"));
    assertThat(unknownModel.status()).as(unknownModel.toString()).isEqualTo(404);
    Api.Answer unknownVersion = alice.post("/api/v1/imports/mlflow", Api.object()
        .put("registeredModel", "Churn Classifier").put("version", "9999"));
    assertThat(unknownVersion.status()).as(unknownVersion.toString()).isEqualTo(404);
    assertThat(lineage.head()).contains(head);
  }

  @Test
  void runWithoutLoggedModelIs422AndChangesNothing() {
    JsonNode noModel = mlflow.train("--experiment", "steward-import-runs", "--no-model");
    String head = lineage.head().orElseThrow();
    Api.Answer answer = alice.post("/api/v1/imports/mlflow", Api.object()
        .put("runId", noModel.path("runId").asString()).put("model", "churn-no-model"));
    assertThat(answer.status()).as(answer.toString()).isEqualTo(422);
    assertThat(answer.text("detail")).contains("no logged model");
    assertThat(lineage.head()).contains(head);
    assertThat(alice.get("/api/v1/models/churn-no-model").status()).isEqualTo(404);
  }

  @Test
  void runWithSeveralModelsNeedsTheArtifactPathAndServesPyfuncAsMlflow() {
    JsonNode twoModels = mlflow.train("--experiment", "steward-import-runs", "--also-pyfunc");
    assertThat(twoModels.path("loggedModels")).hasSize(2);
    String runId = twoModels.path("runId").asString();
    String head = lineage.head().orElseThrow();
    Api.Answer ambiguous = alice.post("/api/v1/imports/mlflow", Api.object().put("runId", runId).put("model", "churn-two"));
    assertThat(ambiguous.status()).as(ambiguous.toString()).isEqualTo(422);
    assertThat(ambiguous.text("detail")).contains("model").contains("pyfunc-model").contains("artifactPath");
    assertThat(lineage.head()).contains(head);

    Api.Answer pyfunc = alice.post("/api/v1/imports/mlflow", Api.object().put("runId", runId).put("model", "churn-two")
        .put("artifactPath", "pyfunc-model"));
    assertThat(pyfunc.status()).as(pyfunc.toString()).isEqualTo(201);
    JsonNode v = pyfunc.json().path("modelVersion");
    assertThat(v.path("format").path("name").asString()).isEqualTo("mlflow");
    assertThat(v.path("tags").path("mlflow.flavor").asString()).isEqualTo("python_function");
    assertThat(v.path("tags").path("mlflow.artifact").asString()).isEqualTo("pyfunc-model");
    assertThat(v.path("artifactUri").asString()).isEqualTo(servedFrom(twoModels.path("modelLocations").path("pyfunc-model")
        .asString()));
    if (mlflowMajor() == 2) {
      assertThat(v.path("artifactUri").asString()).endsWith("/" + runId + "/artifacts/pyfunc-model");
    } else {
      assertThat(v.path("artifactUri").asString()).contains("/models/m-").endsWith("/artifacts");
    }
    assertThat(pyfunc.json().path("warnings")).isEmpty();

    // the other model of the same run is another import, not a re-import
    Api.Answer sklearn = alice.post("/api/v1/imports/mlflow", Api.object().put("runId", runId).put("model", "churn-two")
        .put("artifactPath", "model"));
    assertThat(sklearn.status()).as(sklearn.toString()).isEqualTo(201);
    assertThat(sklearn.json().path("modelVersion").path("format").path("name").asString()).isEqualTo("sklearn");
    assertThat(sklearn.json().path("modelVersion").path("version").asInt()).isEqualTo(v.path("version").asInt() + 1);
  }

  @Test
  void requestNamingNeitherRunNorModelIs400() {
    Api.Answer answer = alice.post("/api/v1/imports/mlflow", Api.object().put("model", "churn"));
    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
  }

  @Test
  void importNeedsTheMlEngineerRole() {
    Api reviewer = alice.as(steward.admin().issue("rita", "reviewer"));
    Api.Answer answer = reviewer.post("/api/v1/imports/mlflow", Api.object()
        .put("runId", runOnly.path("runId").asString()).put("model", "churn-forbidden"));
    assertThat(answer.status()).isEqualTo(403);
  }

  @Test
  void importOfARunTaggedWithARetrainRunRecordsTheRunAsProducerAndLineageShowsTheRunAndItsCause() {
    String retrainRun = startRetrainRun("churn-retrained", null);
    JsonNode tagged = mlflow.train("--experiment", "steward-import-retrain", "--retrain-run", retrainRun, "--seed", "13");
    Api.Answer answer = alice.post("/api/v1/imports/mlflow", Api.object()
        .put("runId", tagged.path("runId").asString()).put("model", "churn-retrained"));
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    JsonNode v = answer.json().path("modelVersion");
    assertMatchesRun(v, tagged);
    assertThat(v.path("producedBy").path("retrainRun").asString()).isEqualTo(retrainRun);
    assertThat(v.path("registeredBy").asString()).isEqualTo("alice");
    assertThat(v.path("tags").path("steward.retrain_run").asString()).isEqualTo(retrainRun);
    int version = v.path("version").asInt();

    JsonNode up = alice.get("/api/v1/lineage/models/churn-retrained/versions/" + version + "?direction=upstream").json();
    assertThat(RetrainRunsTests.links(up)).contains(
        "model-version:churn-retrained/" + version + " -produced-by-> retrain-run:" + retrainRun,
        "retrain-run:" + retrainRun + " -triggered-by-> request:alice");
    assertThat(up.path("mlflowRun").path("runId").asString()).isEqualTo(tagged.path("runId").asString());
    assertThat(alice.get("/api/v1/retrain/runs/" + retrainRun).json().path("producedVersion").asInt()).isEqualTo(version);

    // importing it again answers the same version; a second version for the same retrain run is refused
    Api.Answer again = alice.post("/api/v1/imports/mlflow", Api.object()
        .put("runId", tagged.path("runId").asString()).put("model", "churn-retrained"));
    assertThat(again.status()).as(again.toString()).isEqualTo(200);
    assertThat(again.json().path("modelVersion")).isEqualTo(v);
    JsonNode sibling = mlflow.train("--experiment", "steward-import-retrain", "--retrain-run", retrainRun, "--seed", "17");
    String head = lineage.head().orElseThrow();
    Api.Answer second = alice.post("/api/v1/imports/mlflow", Api.object()
        .put("runId", sibling.path("runId").asString()).put("model", "churn-retrained"));
    assertThat(second.status()).as(second.toString()).isEqualTo(409);
    assertThat(second.contentType()).startsWith("application/problem+json");
    assertThat(second.text("tag")).isEqualTo("steward.retrain_run");
    assertThat(second.text("detail")).contains(retrainRun, "churn-retrained/" + version, "one version");
    assertThat(registryChangesSince(head)).isEmpty();
    assertThat(alice.get("/api/v1/models/churn-retrained/versions").json().path("total").asInt()).isEqualTo(1);
  }

  @Test
  void tagNamingAnUnknownRetrainRunOrARunOfAnotherModelIs422AndChangesNothing() {
    String retrainRun = startRetrainRun("churn-tag-owner", null);
    JsonNode tagged = mlflow.train("--experiment", "steward-import-retrain", "--retrain-run", "no-such-run", "--seed", "23");
    String runId = tagged.path("runId").asString();
    String head = lineage.head().orElseThrow();

    Api.Answer unknown = alice.post("/api/v1/imports/mlflow", Api.object().put("runId", runId).put("model", "churn-tag-owner"));
    assertThat(unknown.status()).as(unknown.toString()).isEqualTo(422);
    assertThat(unknown.contentType()).startsWith("application/problem+json");
    assertThat(unknown.text("tag")).isEqualTo("steward.retrain_run");
    assertThat(unknown.text("retrainRun")).isEqualTo("no-such-run");
    assertThat(unknown.text("detail")).contains("steward.retrain_run=no-such-run", "no retrain run no-such-run");

    mlflow.setTag(runId, "steward.retrain_run", retrainRun);
    Api.Answer otherModel = alice.post("/api/v1/imports/mlflow", Api.object().put("runId", runId)
        .put("model", "churn-tag-elsewhere"));
    assertThat(otherModel.status()).as(otherModel.toString()).isEqualTo(422);
    assertThat(otherModel.text("tag")).isEqualTo("steward.retrain_run");
    assertThat(otherModel.text("detail")).contains(retrainRun, "retrains model churn-tag-owner, not churn-tag-elsewhere");

    assertThat(registryChangesSince(head)).isEmpty();
    assertThat(alice.get("/api/v1/models/churn-tag-elsewhere").status()).isEqualTo(404);
    assertThat(alice.get("/api/v1/models/churn-tag-owner/versions").json().path("total").asInt()).isZero();
    assertThat(alice.get("/api/v1/retrain/runs/" + retrainRun).json().path("producedVersion").isNumber()).isFalse();
    assertThat(registrationClaims(retrainRun)).isZero();

    // the refusals kept nothing reserved: the import the tag is right for goes through
    Api.Answer right = alice.post("/api/v1/imports/mlflow", Api.object().put("runId", runId).put("model", "churn-tag-owner"));
    assertThat(right.status()).as(right.toString()).isEqualTo(201);
    assertThat(right.json().path("modelVersion").path("producedBy").path("retrainRun").asString()).isEqualTo(retrainRun);
  }

  @Test
  void importWithARunTokenRecordsItsRunOnceAndOnlyForItsOwnModel() throws Exception {
    Path tokenFile = dataDir.resolve("token-" + System.nanoTime());
    String retrainRun = startRetrainRun("churn-token", tokenFile);
    await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(tokenFile) && Files.size(tokenFile) > 10);
    Api run = steward.api(Files.readString(tokenFile).strip());
    String head = lineage.head().orElseThrow();

    Api.Answer foreign = run.post("/api/v1/imports/mlflow", Api.object()
        .put("runId", runOnly.path("runId").asString()).put("model", "churn-from-run"));
    assertThat(foreign.status()).as(foreign.toString()).isEqualTo(403);
    assertThat(foreign.text("detail")).contains("churn-token", retrainRun);
    assertThat(registryChangesSince(head)).isEmpty();

    Api.Answer first = run.post("/api/v1/imports/mlflow", Api.object()
        .put("runId", runOnly.path("runId").asString()).put("model", "churn-token"));
    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    JsonNode v = first.json().path("modelVersion");
    assertThat(v.path("producedBy").path("retrainRun").asString()).isEqualTo(retrainRun);
    assertThat(v.path("registeredBy").asString()).isEqualTo("retrain-run:" + retrainRun);
    JsonNode up = alice.get("/api/v1/lineage/models/churn-token/versions/" + v.path("version").asInt()
        + "?direction=upstream").json();
    assertThat(RetrainRunsTests.links(up)).contains(
        "model-version:churn-token/" + v.path("version").asInt() + " -produced-by-> retrain-run:" + retrainRun,
        "retrain-run:" + retrainRun + " -triggered-by-> request:alice");

    String afterFirst = lineage.head().orElseThrow();
    Api.Answer second = run.post("/api/v1/imports/mlflow", Api.object().put("registeredModel", "Churn Classifier")
        .put("alias", "candidate").put("model", "churn-token"));
    assertThat(second.status()).as(second.toString()).isEqualTo(409);
    assertThat(second.text("detail")).contains(retrainRun, "one version");
    // a run tagged with another retrain run than the token's has two producers: refused before the reservation
    JsonNode taggedElsewhere = mlflow.train("--experiment", "steward-import-retrain", "--retrain-run", "another-run",
        "--seed", "29");
    Api.Answer twoRuns = run.post("/api/v1/imports/mlflow", Api.object()
        .put("runId", taggedElsewhere.path("runId").asString()).put("model", "churn-token"));
    assertThat(twoRuns.status()).as(twoRuns.toString()).isEqualTo(422);
    assertThat(twoRuns.text("tag")).isEqualTo("steward.retrain_run");
    assertThat(twoRuns.text("detail")).contains("steward.retrain_run=another-run", retrainRun);
    Api.Answer registration = run.post("/api/v1/models/churn-token/versions", RegistryFixtures.minimalModelVersion());
    assertThat(registration.status()).as(registration.toString()).isEqualTo(409);
    assertThat(registryChangesSince(afterFirst)).isEmpty();
    assertThat(alice.get("/api/v1/models/churn-token/versions").json().path("total").asInt()).isEqualTo(1);
  }

  // ---- helpers ----------------------------------------------------------------------------------

  /**
   * Registers {@code model} with a manual retrain plan whose process stays running (writing its token to
   * {@code tokenFile} when given), starts a run of it and waits until it is launched; answers the run's id.
   */
  private String startRetrainRun(String model, Path tokenFile) {
    RegistryFixtures.expectCreated(alice.post("/api/v1/models", RegistryFixtures.model(model)));
    // the process runs until the test's data directory is removed, so the run stays open and leaves nothing behind
    String command = (tokenFile == null ? "" : "echo \"$STEWARD_RUN_TOKEN\" > " + tokenFile + "; ")
        + "while [ -d '" + dataDir + "' ]; do sleep 1; done";
    Api.Answer plan = alice.post("/api/v1/retrain/plans", RetrainRunsTests.plan(model,
        RetrainRunsTests.process(List.of("sh", "-c", command), Map.of()), RetrainRunsTests.manual()));
    assertThat(plan.status()).as(plan.toString()).isEqualTo(201);
    Api.Answer started = alice.post("/api/v1/retrain/plans/" + model + "/runs", Api.object().put("reason", "train"));
    assertThat(started.status()).as(started.toString()).isEqualTo(201);
    String id = started.text("id");
    await().atMost(Duration.ofSeconds(30)).until(() -> alice.get("/api/v1/retrain/runs/" + id).text("state")
        .equals("launched"));
    return id;
  }

  /** Commits since {@code head} other than the retrain runs' own (a run's file changes as it goes on). */
  private List<RecordedChange> registryChangesSince(String head) {
    List<RecordedChange> changes = new ArrayList<>();
    lineage.changesSince(head, changes::add);
    return changes.stream().filter(c -> c.files().stream().noneMatch(f -> f.path().startsWith("retrain-runs/")))
        .toList();
  }

  private long registrationClaims(String retrainRun) {
    return steward.bean(JdbcClient.class).sql("select count(*) from retrain_registration_claim where run_id = ?")
        .param(retrainRun).query(Long.class).single();
  }


  /** The storage URI KServe loads an mlflow-artifacts: location from, through the configured mapping. */
  private static String servedFrom(String location) {
    assertThat(location).startsWith("mlflow-artifacts:/");
    return ARTIFACTS_VOLUME + location.substring("mlflow-artifacts:/".length());
  }

  private JsonNode importRun(JsonNode run, String model) {
    Api.Answer answer = alice.post("/api/v1/imports/mlflow", Api.object().put("runId", run.path("runId").asString())
        .put("model", model));
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    return answer.json().path("modelVersion");
  }

  /** Every field of the imported version against what train_and_register.py logged. */
  private void assertMatchesRun(JsonNode v, JsonNode run) {
    String runId = run.path("runId").asString();
    assertThat(v.path("mlflowRun").path("runId").asString()).isEqualTo(runId);
    assertThat(v.path("mlflowRun").path("trackingUri").asString()).isEqualTo(mlflow.uri());
    String location = run.path("modelLocations").path(run.path("artifactPath").asString()).asString();
    if (mlflowMajor() == 2) {
      assertThat(location).isEqualTo(run.path("artifactUri").asString() + "/" + run.path("artifactPath").asString());
    } else {
      // MLflow 3: the LoggedModel's own artifact location, outside the run's artifacts
      assertThat(location).contains("/models/" + run.path("modelId").asString() + "/artifacts");
    }
    assertThat(v.path("artifactUri").asString()).isEqualTo(servedFrom(location));
    assertThat(v.path("format").path("name").asString()).isEqualTo("sklearn");
    assertThat(v.path("format").path("version").asString())
        .isEqualTo(run.path("sklearnVersion").asString().substring(0, run.path("sklearnVersion").asString().indexOf('.')));
    ObjectNode expectedMetrics = Api.object();
    run.path("metrics").properties().forEach(e -> expectedMetrics.put(e.getKey(), e.getValue().asDouble()));
    assertThat(v.path("metrics")).isEqualTo(expectedMetrics);
    assertThat(v.path("params")).isEqualTo(run.path("params"));
    JsonNode tags = v.path("tags");
    run.path("tags").properties().forEach(e -> assertThat(tags.path(e.getKey()).asString()).isEqualTo(e.getValue().asString()));
    assertThat(tags.path("mlflow.run_id").asString()).isEqualTo(runId);
    assertThat(tags.path("mlflow.artifact").asString()).isEqualTo(run.path("artifactPath").asString());
    assertThat(tags.path("mlflow.flavor").asString()).isEqualTo("sklearn");
    assertThat(tags.path("mlflow.flavor_version").asString()).isEqualTo(run.path("sklearnVersion").asString());
    assertThat(tags.path("mlflow.runName").asString()).isEqualTo(run.path("runName").asString());
    assertThat(v.path("datasets")).hasSize(run.path("datasets").size());
    assertThat(v.path("description").asString()).contains(runId);
  }

  private void assertDatasetsMatchRun(List<JsonNode> imported, JsonNode run) {
    for (JsonNode d : imported) {
      JsonNode logged = loggedDataset(run, d.path("name").asString());
      assertThat(d.path("tags").path("mlflow.digest").asString()).isEqualTo(logged.path("digest").asString());
      assertThat(d.path("tags").path("mlflow.source_type").asString()).isEqualTo(logged.path("sourceType").asString());
      assertThat(d.path("contentDigest").asString()).matches("sha256:[0-9a-f]{64}");
      JsonNode profile = Api.JSON.readTree(logged.path("profile").asString());
      assertThat(d.path("rowCount").asLong()).isEqualTo(profile.path("num_rows").asLong());
      JsonNode schema = Api.JSON.readTree(logged.path("schema").asString()).path("mlflow_colspec");
      assertThat(d.path("schema")).hasSize(schema.size());
      for (int i = 0; i < schema.size(); i++) {
        assertThat(d.path("schema").get(i).path("name").asString()).isEqualTo(schema.get(i).path("name").asString());
        assertThat(d.path("schema").get(i).path("type").asString()).isEqualTo(schema.get(i).path("type").asString());
      }
      JsonNode source = Api.JSON.readTree(logged.path("source").asString());
      String where = source.has("url") ? source.path("url").asString() : "file://" + source.path("uri").asString();
      assertThat(d.path("uri").asString()).isEqualTo(where);
      assertThat(d.path("description").asString()).contains(logged.path("digest").asString());
    }
  }

  private static JsonNode loggedDataset(JsonNode run, String name) {
    for (JsonNode d : run.path("datasets")) {
      if (d.path("name").asString().equals(name)) {
        return d;
      }
    }
    throw new AssertionError("the run logged no dataset " + name);
  }

  private static String runTag(JsonNode run, String key) {
    for (JsonNode t : run.path("run").path("data").path("tags")) {
      if (t.path("key").asString().equals(key)) {
        return t.path("value").asString();
      }
    }
    return null;
  }
}
