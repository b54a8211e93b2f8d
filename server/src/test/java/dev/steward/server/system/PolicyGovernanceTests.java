package dev.steward.server.system;

import static dev.steward.server.system.RegistryFixtures.expectCreated;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.lineage.CommitSummary;
import dev.steward.lineage.Lineage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Governance cannot be swapped out from under a promotion: only policy admins register policies, a new
 * version takes effect only once a second one approves it, and a promotion is judged by the version
 * pinned when it was requested. A newer version supersedes an older pending request instead of waiting
 * behind it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class PolicyGovernanceTests {
  Path dataDir;
  Steward steward;
  Api alice;
  Api bob;
  Api rita;
  Api ada;
  Api grace;

  abstract Database database();

  @BeforeAll
  void start() throws java.io.IOException {
    dataDir = Files.createTempDirectory("steward-governance");
    steward = Steward.start(dataDir, database());
    Api admin = steward.admin();
    alice = admin.as(admin.issue("alice", "ml-engineer"));
    bob = admin.as(admin.issue("bob", "ml-engineer"));
    rita = admin.as(admin.issue("rita", "reviewer"));
    ada = admin.as(admin.issue("ada", "policy-admin"));
    grace = admin.as(admin.issue("grace", "policy-admin"));
    RegistryFixtures.registerChurn(alice);
  }

  @AfterAll
  void stop() {
    if (steward != null) {
      steward.close();
    }
    Steward.deleteRecursively(dataDir);
  }

  private String versionInStaging(String model) {
    expectCreated(alice.post("/api/v1/models", RegistryFixtures.model(model)));
    JsonNode v = expectCreated(alice.post("/api/v1/models/" + model + "/versions", RegistryFixtures.modelVersion(
        "churn-events", "churn-features", "churn-thresholds", "churn-reasons"))).json();
    int version = v.path("version").asInt();
    for (String env : new String[] {"dev", "staging"}) {
      assertThat(expectCreated(bob.post("/api/v1/promotions", PromotionJourneyTests.promotion(model, version, env)))
          .text("state")).isEqualTo("approved");
    }
    return model;
  }

  private static ObjectNode permissive() {
    ObjectNode policy = Api.object().put("name", "production-gate").put("description", "anything goes");
    policy.putArray("rules").addObject().put("id", "anything").put("expression", "true");
    return policy;
  }

  @Test
  @Order(2)
  void aSwappedPolicyDoesNotApproveAPendingPromotionUntilASecondAdminApprovesIt() {
    String model = versionInStaging("fraud");
    JsonNode pending = expectCreated(bob.post("/api/v1/promotions",
        PromotionJourneyTests.promotion(model, 1, "production"))).json();
    String id = pending.path("id").asString();
    assertThat(pending.path("state").asString()).isEqualTo("pending");
    assertThat(pending.path("policy").path("name").asString()).isEqualTo("production-gate");
    assertThat(pending.path("policy").path("version").asInt()).isEqualTo(1);

    // an engineer may not touch governance at all
    Api.Answer swap = bob.post("/api/v1/policies", permissive());
    assertThat(swap.status()).as(swap.toString()).isEqualTo(403);

    // a policy admin may propose, but the proposal judges nothing yet
    JsonNode proposed = expectCreated(ada.post("/api/v1/policies", permissive())).json();
    assertThat(proposed.path("version").asInt()).isEqualTo(2);
    assertThat(proposed.path("state").asString()).isEqualTo("proposed");
    JsonNode again = bob.post("/api/v1/promotions/" + id + "/evaluations", "").json();
    assertThat(again.path("state").asString()).as(again.toString()).isEqualTo("pending");
    assertThat(again.path("evaluation").path("policy").path("version").asInt()).isEqualTo(1);
    Api.Answer own = ada.post("/api/v1/policies/production-gate/versions/2/decisions",
        Api.object().put("decision", "approve"));
    assertThat(own.status()).as(own.toString()).isEqualTo(403);
    assertThat(own.json().path("detail").asString()).contains("four eyes");

    // approved by a second admin, it judges promotions requested from now on, never one pinned before
    JsonNode approved = grace.post("/api/v1/policies/production-gate/versions/2/decisions",
        Api.object().put("decision", "approve").put("comment", "reviewed")).json();
    assertThat(approved.path("state").asString()).as(approved.toString()).isEqualTo("active");
    assertThat(approved.path("decision").path("decidedBy").asString()).isEqualTo("grace");
    JsonNode pinned = bob.post("/api/v1/promotions/" + id + "/evaluations", "").json();
    assertThat(pinned.path("state").asString()).isEqualTo("pending");
    assertThat(pinned.path("evaluation").path("blockedBy").toString()).contains("two-reviewer-approvals");

    String other = versionInStaging("upsell");
    JsonNode judgedByNew = expectCreated(bob.post("/api/v1/promotions",
        PromotionJourneyTests.promotion(other, 1, "production"))).json();
    assertThat(judgedByNew.path("policy").path("version").asInt()).isEqualTo(2);
    assertThat(judgedByNew.path("state").asString()).isEqualTo("approved");

    // the policy's own history is its audit trail: registered by ada, approved by grace
    assertThat(steward.bean(Lineage.class).history("policies/production-gate/approvals/2.yaml", 5))
        .extracting(CommitSummary::actor).containsExactly("grace");
  }

  @Test
  @Order(1)
  void aNewerVersionSupersedesAnUnapprovedPendingRequestInTheSameCommit() {
    String model = versionInStaging("churn-lane");
    String older = expectCreated(bob.post("/api/v1/promotions",
        PromotionJourneyTests.promotion(model, 1, "production"))).text("id");
    expectCreated(alice.post("/api/v1/models/" + model + "/versions", RegistryFixtures.modelVersion(
        "churn-events", "churn-features", "churn-thresholds", "churn-reasons")));
    expectCreated(bob.post("/api/v1/promotions", PromotionJourneyTests.promotion(model, 2, "dev")));
    expectCreated(bob.post("/api/v1/promotions", PromotionJourneyTests.promotion(model, 2, "staging")));

    JsonNode newer = expectCreated(bob.post("/api/v1/promotions",
        PromotionJourneyTests.promotion(model, 2, "production"))).json();
    assertThat(newer.path("state").asString()).isEqualTo("pending");
    JsonNode cancelled = rita.get("/api/v1/promotions/" + older).json();
    assertThat(cancelled.path("state").asString()).isEqualTo("cancelled");
    assertThat(cancelled.path("closedReason").asString()).isEqualTo("superseded by version 2");
    Lineage lineage = steward.bean(Lineage.class);
    assertThat(lineage.history("promotions/" + older + ".yaml", 1).getFirst().commitId())
        .isEqualTo(lineage.history("promotions/" + newer.path("id").asString() + ".yaml", 1).getFirst().commitId());

    // once a reviewer approved the pending one, a newer request waits: someone decided to ship it
    Api.Answer approval = rita.post("/api/v1/promotions/" + newer.path("id").asString() + "/decisions",
        PromotionJourneyTests.approve("looks right"));
    assertThat(approval.status()).as(approval.toString()).isEqualTo(200);
    expectCreated(alice.post("/api/v1/models/" + model + "/versions", RegistryFixtures.modelVersion(
        "churn-events", "churn-features", "churn-thresholds", "churn-reasons")));
    expectCreated(bob.post("/api/v1/promotions", PromotionJourneyTests.promotion(model, 3, "dev")));
    expectCreated(bob.post("/api/v1/promotions", PromotionJourneyTests.promotion(model, 3, "staging")));
    Api.Answer blocked = bob.post("/api/v1/promotions", PromotionJourneyTests.promotion(model, 3, "production"));
    assertThat(blocked.status()).as(blocked.toString()).isEqualTo(409);
    assertThat(blocked.json().path("detail").asString()).contains("already approved by [rita]");
  }
}
