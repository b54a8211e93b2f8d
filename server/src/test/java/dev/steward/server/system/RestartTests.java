package dev.steward.server.system;

import static dev.steward.server.system.RegistryFixtures.expectCreated;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.lineage.Lineage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

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

  /**
   * Every kind of file the repository holds, rewritten and deleted where the API allows: aliases moved
   * and removed, promotions pending, approved, rejected and cancelled, a policy, desired states with a
   * rollback, tokens issued and revoked. The admin rebuild replays them all (it answered 500 on the
   * first rewritten promotion) and gives the same answers, and a revoked token stays revoked.
   */
  @Test
  void rebuildAndEmptyDatabaseRestoreEveryKindOfFile() throws Exception {
    Path dataDir = Files.createTempDirectory("steward-every-kind");
    try (Steward steward = Steward.start(dataDir, database())) {
      Api admin = steward.admin();
      String aliceToken = admin.issue("alice", "ml-engineer");
      Api alice = admin.as(aliceToken);
      Api rita = admin.as(admin.issue("rita", "reviewer"));
      Api rob = admin.as(admin.issue("rob", "reviewer"));
      Api olga = admin.as(admin.issue("olga", "oncall"));
      String revoked = admin.issue("mallory", "ml-engineer");
      String revokedId = tokenId(steward, "mallory");
      assertThat(admin.delete("/api/v1/admin/tokens/" + revokedId).status()).isEqualTo(204);

      RegistryFixtures.registerChurn(alice);
      for (int i = 0; i < 3; i++) {
        expectCreated(alice.post("/api/v1/models/churn/versions", RegistryFixtures.modelVersion("churn-events",
            "churn-features", "churn-thresholds", "churn-reasons").put("artifactUri", "s3://models/churn/run-" + i)));
      }
      assertThat(alice.put("/api/v1/models/churn/aliases/champion", Api.object().put("version", 1)).status()).isEqualTo(200);
      assertThat(alice.put("/api/v1/models/churn/aliases/champion", Api.object().put("version", 2)).status()).isEqualTo(200);
      assertThat(alice.put("/api/v1/models/churn/aliases/challenger", Api.object().put("version", 3)).status()).isEqualTo(200);
      assertThat(alice.delete("/api/v1/models/churn/aliases/challenger").status()).isEqualTo(204);

      Api ada = admin.as(admin.issue("ada", "policy-admin"));
      ObjectNode policy = Api.object().put("name", "audit-gate");
      policy.putArray("rules").addObject().put("id", "always").put("expression", "true");
      expectCreated(ada.post("/api/v1/policies", policy));
      expectCreated(ada.post("/api/v1/policies", policy));
      assertThat(admin.post("/api/v1/policies/audit-gate/versions/1/decisions", Api.object().put("decision", "approve"))
          .status()).isEqualTo(200);

      for (int v = 1; v <= 2; v++) {
        for (String env : List.of("dev", "staging")) {
          assertThat(expectCreated(alice.post("/api/v1/promotions", promotion(v, env))).text("state")).isEqualTo("approved");
        }
      }
      String pending = expectCreated(alice.post("/api/v1/promotions", promotion(1, "production"))).text("id");
      assertThat(rita.post("/api/v1/promotions/" + pending + "/decisions", decision("approve")).status()).isEqualTo(200);
      assertThat(rob.post("/api/v1/promotions/" + pending + "/decisions", decision("reject")).status()).isEqualTo(200);
      String cancelled = expectCreated(alice.post("/api/v1/promotions", promotion(2, "production"))).text("id");
      assertThat(alice.post("/api/v1/promotions/" + cancelled + "/cancel", Api.object().put("reason", "wrong day"))
          .status()).isEqualTo(200);
      expectCreated(alice.post("/api/v1/promotions", promotion(1, "production")));
      Api.Answer rollback = olga.post("/api/v1/deployments/staging/churn/rollback",
          Api.object().put("reason", "latency"));
      assertThat(rollback.status()).as(rollback.toString()).isEqualTo(200);

      List<JsonNode> before = everything(alice);
      assertThat(steward.api(revoked).get("/api/v1/models").status()).isEqualTo(401);

      Api.Answer rebuilt = admin.post("/api/v1/admin/index/rebuild", "");
      assertThat(rebuilt.status()).as(rebuilt.toString()).isEqualTo(200);
      assertThat(everything(alice)).isEqualTo(before);
      assertThat(steward.api(revoked).get("/api/v1/models").status()).isEqualTo(401);

      steward.restartWithEmptyDatabase();
      assertThat(everything(steward.api(aliceToken))).isEqualTo(before);
      assertThat(steward.api(revoked).get("/api/v1/models").status()).isEqualTo(401);
    } finally {
      Steward.deleteRecursively(dataDir);
    }
  }

  private static String tokenId(Steward steward, String principal) {
    return steward.bean(org.springframework.jdbc.core.simple.JdbcClient.class)
        .sql("select id from access_token where principal = ?").param(principal).query(String.class).single();
  }

  private static ObjectNode promotion(int version, String environment) {
    return Api.object().put("model", "churn").put("version", version).put("environment", environment)
        .put("reason", "rebuild test");
  }

  private static ObjectNode decision(String verdict) {
    return Api.object().put("decision", verdict).put("comment", verdict);
  }

  /** The registry, policies, promotions and deployments as the API answers them. */
  private static List<JsonNode> everything(Api api) {
    List<JsonNode> answers = new java.util.ArrayList<>(RegistrySnapshot.of(api));
    answers.add(api.get("/api/v1/policies").json());
    answers.add(api.get("/api/v1/policies/audit-gate/versions").json());
    answers.add(api.get("/api/v1/promotions?size=500").json());
    answers.add(api.get("/api/v1/deployments").json());
    for (String env : List.of("dev", "staging")) {
      answers.add(api.get("/api/v1/deployments/" + env + "/churn/history").json());
    }
    return answers;
  }
}
