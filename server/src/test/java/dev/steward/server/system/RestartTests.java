package dev.steward.server.system;

import static dev.steward.server.system.RegistryFixtures.expectCreated;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.lineage.Lineage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The index is derived from Git: deleting it and restarting, or rebuilding it, gives back the same registry. */
abstract class RestartTests {

  abstract Database database();

  @Test
  void answersExactlyAsBeforeAfterTheDatabaseIsDeleted() throws Exception {
    Path dataDir = Files.createTempDirectory("steward-restart");
    try (Steward steward = Steward.start(dataDir, database())) {
      String aliceToken = steward.admin().issue("alice", "ml-engineer");
      Api alice = steward.admin().as(aliceToken);
      RegistryFixtures.registerChurn(alice);
      expectCreated(alice.post("/api/v1/datasets", RegistryFixtures.dataset("churn-events")));
      // past 100 versions, so the files span two group folders (versions/0-99/, versions/100-199/)
      for (int i = 0; i < 101; i++) {
        expectCreated(alice.post("/api/v1/models/churn/versions",
            RegistryFixtures.modelVersion("churn-events", "churn-features", "churn-thresholds", "churn-reasons")));
      }
      assertThat(alice.put("/api/v1/models/churn/aliases/champion", Api.object().put("version", 100)).status()).isEqualTo(200);
      assertThat(steward.bean(Lineage.class).read("models/churn/versions/100-199/101.yaml")).isPresent();
      List<JsonNode> before = RegistrySnapshot.of(alice);
      assertThat(RegistrySnapshot.all(alice, "/api/v1/models/churn/versions")).hasSize(101);

      steward.restartWithEmptyDatabase();

      Api again = steward.api(aliceToken);
      assertThat(RegistrySnapshot.of(again)).isEqualTo(before);
      assertThat(again.get("/api/v1/lineage/verify").json().path("ok").asBoolean()).isTrue();
    } finally {
      Steward.deleteRecursively(dataDir);
    }
  }

  @Test
  void rebuildGivesTheSameIndexAsFollowingCommits() throws Exception {
    Path dataDir = Files.createTempDirectory("steward-rebuild");
    try (Steward steward = Steward.start(dataDir, database())) {
      Api alice = steward.admin().as(steward.admin().issue("alice", "ml-engineer"));
      RegistryFixtures.registerChurn(alice);
      expectCreated(alice.post("/api/v1/models/churn/versions", RegistryFixtures.minimalModelVersion()));
      assertThat(alice.put("/api/v1/models/churn/aliases/champion", Api.object().put("version", 1)).status()).isEqualTo(200);
      List<JsonNode> before = RegistrySnapshot.of(alice);

      Api.Answer rebuilt = steward.admin().post("/api/v1/admin/index/rebuild", "");
      assertThat(rebuilt.status()).as(rebuilt.toString()).isEqualTo(200);
      assertThat(rebuilt.json().path("commits").asInt()).isGreaterThanOrEqualTo(9);

      assertThat(RegistrySnapshot.of(alice)).isEqualTo(before);
    } finally {
      Steward.deleteRecursively(dataDir);
    }
  }
}
