package dev.steward.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The deployment status and the rollout controls over HTTP on the embedded default (dry-run): status shows
 * desired beside observed, controls are for on-call and admins, and steering a target that does not roll out
 * is a clear 409 that changes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeploymentControlsTests {
  private Path dataDir;
  private Steward steward;
  private Api alice;
  private Api olga;

  @BeforeAll
  void start() throws IOException {
    dataDir = Files.createTempDirectory("steward-controls");
    steward = Steward.start(dataDir, Database.h2(), Map.of());
    Api admin = steward.admin();
    alice = admin.as(admin.issue("alice", "ml-engineer"));
    olga = admin.as(admin.issue("olga", "oncall"));
    DriftTraffic.registerModel(alice, "churn");
    assertThat(alice.post("/api/v1/promotions", Api.object().put("model", "churn").put("version", 1)
        .put("environment", "dev").put("reason", "first cut")).text("state")).isEqualTo("approved");
  }

  @AfterAll
  void stop() {
    if (steward != null) {
      steward.close();
    }
    Steward.deleteRecursively(dataDir);
  }

  @Test
  void statusShowsTheDesiredStateBesideWhatIsObserved() {
    JsonNode status = alice.get("/api/v1/deployments/dev/churn").json();
    assertThat(status.path("version").asInt()).isEqualTo(1);
    assertThat(status.path("target").asString()).isEqualTo("dry-run");
    assertThat(status.path("desired").path("version").asInt()).isEqualTo(1);
    assertThat(status.path("desired").path("strategy").asString()).isEqualTo("direct");
    assertThat(status.path("desired").path("commit").asString()).hasSize(40);
    assertThat(status.has("observed")).isFalse();
  }

  @Test
  void controlsAreForOnCallAndRefusedWhereNothingRollsOut() {
    String head = steward.bean(dev.steward.lineage.Lineage.class).head().orElseThrow();
    Api.Answer engineer = alice.post("/api/v1/deployments/dev/churn/pause", Api.object());
    assertThat(engineer.status()).as(engineer.toString()).isEqualTo(403);
    for (String control : new String[] {"promote", "abort", "pause", "resume"}) {
      Api.Answer answer = olga.post("/api/v1/deployments/dev/churn/" + control, Api.object().put("reason", "test"));
      assertThat(answer.status()).as(answer.toString()).isEqualTo(409);
      assertThat(answer.contentType()).startsWith("application/problem+json");
      assertThat(answer.text("detail")).contains("dry-run target").contains("nothing to " + control);
    }
    Api.Answer unknown = olga.post("/api/v1/deployments/moon/churn/abort", Api.object());
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.text("detail")).contains("environment moon is not configured");
    assertThat(steward.bean(dev.steward.lineage.Lineage.class).head()).contains(head);
  }
}
