package dev.steward.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The rendered InferenceService's payload logger reaches the drift monitor: the URL and the forwarded
 * annotations are taken from the manifest of a promotion to dev, and a KServe CloudEvent pair posted to
 * exactly that URL, as KServe's agent would, is ingested for the promoted version in dev.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeploymentPayloadLoggerTests {
  private Path dataDir;
  private Steward steward;
  private Api alice;
  private String token;

  @BeforeAll
  void start() throws IOException {
    dataDir = Files.createTempDirectory("steward-logger");
    int port = freePort();
    steward = Steward.start(dataDir, Database.h2(), Map.of("server.port", String.valueOf(port),
        "steward.deployer.public-url", "http://127.0.0.1:" + port, "steward.drift.kserve.ingest-key", "s3cr3t-key"));
    token = steward.admin().issue("alice", "ml-engineer");
    alice = steward.api(token);
    DriftTraffic.registerModel(alice, "churn");
  }

  @AfterAll
  void stop() {
    if (steward != null) {
      steward.close();
    }
    Steward.deleteRecursively(dataDir);
  }

  @Test
  void aCloudEventPairPostedToTheRenderedLoggerUrlIsIngestedForTheDeployedVersion() {
    Api.Answer promoted = alice.post("/api/v1/promotions", Api.object().put("model", "churn").put("version", 1)
        .put("environment", "dev").put("reason", "first cut"));
    assertThat(promoted.status()).as(promoted.toString()).isEqualTo(201);
    assertThat(promoted.text("state")).isEqualTo("approved");
    JsonNode manifest = alice.get("/api/v1/deployments/dev/churn/manifest").json();
    JsonNode logger = manifest.path("spec").path("predictor").path("logger");
    URI url = URI.create(logger.path("url").asString());
    assertThat(url.getPath()).isEqualTo("/api/v1/drift/kserve/s3cr3t-key");
    assertThat(url.getPort()).isEqualTo(steward.port());
    // KServe's agent forwards the annotations the logger names, as JSON in ce-annotations
    Map<String, String> forwarded = new HashMap<>();
    for (JsonNode name : logger.path("metadataAnnotations")) {
      forwarded.put(name.asString(), manifest.path("metadata").path("annotations").path(name.asString()).asString());
    }
    assertThat(forwarded).containsEntry("steward.dev/model", "churn").containsEntry("steward.dev/model-version", "1")
        .containsEntry("steward.dev/environment", "dev");
    String service = manifest.path("metadata").path("name").asString();
    String namespace = manifest.path("metadata").path("namespace").asString();
    DriftTraffic.jsonLines("http://127.0.0.1:" + steward.port(), token,
        "/api/v1/drift/models/churn/versions/1/reference", DriftTraffic.reference("churn", 5, 2_000));

    java.time.Instant served = java.time.Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    Map<String, String> headers = new HashMap<>(Map.of("Ce-Specversion", "1.0",
        "Ce-Id", "0009174a-24a8-4603-b098-09c8799950e9", "Ce-Source", service + "-predictor-00001-deployment-abc",
        "Ce-Time", served.toString(), "Ce-Recordedtime", served.plusMillis(10).toString(),
        "Ce-Inferenceservicename", service, "Ce-Namespace", namespace, "Ce-Component", "predictor",
        "Ce-Metadata", "{}"));
    headers.put("Ce-Annotations", Api.JSON.writeValueAsString(forwarded));
    Map<String, String> request = new HashMap<>(headers);
    request.put("Ce-Type", "org.kubeflow.serving.inference.request");
    Map<String, String> response = new HashMap<>(headers);
    response.put("Ce-Type", "org.kubeflow.serving.inference.response");
    String base = url.getScheme() + "://" + url.getHost() + ":" + url.getPort();

    Api.Answer first = DriftTraffic.send(base, null, "POST", url.getPath(), "application/json",
        "{\"instances\": [[0.3, \"a\"]]}".getBytes(StandardCharsets.UTF_8), request);
    Api.Answer second = DriftTraffic.send(base, null, "POST", url.getPath(), "application/json",
        "{\"predictions\": [0.8]}".getBytes(StandardCharsets.UTF_8), response);

    assertThat(first.status()).as(first.toString()).isEqualTo(202);
    assertThat(second.status()).as(second.toString()).isEqualTo(202);
    assertThat(second.json().path("result").path("accepted").asInt()).as(second.toString()).isEqualTo(1);
    JsonNode windows = alice.get("/api/v1/drift/windows").json();
    assertThat(windows.toString()).contains("\"model\":\"churn\"").contains("\"environment\":\"dev\"");
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
