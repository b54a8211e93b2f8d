package dev.steward.server.system;

import static dev.steward.server.system.RegistryFixtures.expectCreated;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.lineage.CommitSummary;
import dev.steward.lineage.Lineage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * The reviewer journey through the HTTP API: a version climbs dev and staging on their policies alone,
 * production needs two reviewers and four eyes, the desired state lands in Git with both approvals, and
 * on-call rolls back. Blocked promotions show which rule failed and why.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class PromotionJourneyTests {
  Path dataDir;
  Steward steward;
  Api alice;
  Api bob;
  Api rita;
  Api rob;
  Api olga;

  abstract Database database();

  @BeforeAll
  void start() throws java.io.IOException {
    dataDir = java.nio.file.Files.createTempDirectory("steward-test");
    steward = Steward.start(dataDir, database());
    Api admin = steward.admin();
    alice = admin.as(admin.issue("alice", "ml-engineer", "reviewer"));
    bob = admin.as(admin.issue("bob", "ml-engineer", "reviewer"));
    rita = admin.as(admin.issue("rita", "reviewer"));
    rob = admin.as(admin.issue("rob", "reviewer"));
    olga = admin.as(admin.issue("olga", "oncall"));
    RegistryFixtures.registerChurn(alice);
    expectCreated(alice.post("/api/v1/models/churn/versions", RegistryFixtures.modelVersion("churn-events",
        "churn-features", "churn-thresholds", "churn-reasons")));
  }

  @AfterAll
  void stop() {
    if (steward != null) {
      steward.close();
    }
    Steward.deleteRecursively(dataDir);
  }

  static ObjectNode promotion(String model, int version, String environment) {
    return Api.object().put("model", model).put("version", version).put("environment", environment)
        .put("reason", "better AUC on the November data");
  }

  static ObjectNode approve(String comment) {
    return Api.object().put("decision", "approve").put("comment", comment);
  }

  static JsonNode rule(JsonNode promotion, String id) {
    for (JsonNode r : promotion.path("evaluation").path("results")) {
      if (r.path("id").asString().equals(id)) {
        return r;
      }
    }
    throw new AssertionError("no result for rule " + id + " in " + promotion);
  }

  @Test
  @Order(1)
  void reviewerJourneyFromDevToProductionAndRollback() {
    Lineage lineage = steward.bean(Lineage.class);

    // dev and staging: their policies need no approval, only the metrics against the threshold set
    for (String environment : List.of("dev", "staging")) {
      JsonNode p = expectCreated(bob.post("/api/v1/promotions", promotion("churn", 1, environment))).json();
      assertThat(p.path("state").asString()).as(p.toString()).isEqualTo("approved");
      assertThat(rule(p, "metrics-meet-thresholds").path("outcome").asString()).isEqualTo("pass");
      assertThat(rule(p, "metrics-meet-thresholds").path("explanation").asString()).contains("auc 0.91 >= min_auc 0.8");
      assertThat(p.path("desiredState").path("path").asString()).isEqualTo("deployments/" + environment + "/churn.yaml");
      assertThat(lineage.read("deployments/" + environment + "/churn.yaml")).isPresent();
      assertThat(lineage.history("promotions/" + p.path("id").asString() + ".yaml", 5))
          .extracting(CommitSummary::action).containsExactly("request-promotion");
    }

    // production: pending until two reviewers approved
    JsonNode requested = expectCreated(bob.post("/api/v1/promotions", promotion("churn", 1, "production"))).json();
    String id = requested.path("id").asString();
    assertThat(requested.path("state").asString()).isEqualTo("pending");
    assertThat(requested.path("evaluation").path("blockedBy").toString()).contains("two-reviewer-approvals");
    assertThat(rule(requested, "explanation-complete").path("outcome").asString()).isEqualTo("pass");
    assertThat(rule(requested, "soaked-in-staging").path("severity").asString()).isEqualTo("warn");
    JsonNode pending = rita.get("/api/v1/promotions?state=pending&model=churn").json();
    assertThat(pending.path("total").asLong()).isEqualTo(1);
    assertThat(pending.path("items").get(0).path("id").asString()).isEqualTo(id);

    String head = lineage.head().orElseThrow();
    Api.Answer own = bob.post("/api/v1/promotions/" + id + "/decisions", approve("mine"));
    assertThat(own.status()).as(own.toString()).isEqualTo(403);
    assertThat(own.text("detail")).contains("bob requested promotion");
    Api.Answer author = alice.post("/api/v1/promotions/" + id + "/decisions", approve("my model"));
    assertThat(author.status()).as(author.toString()).isEqualTo(403);
    assertThat(author.text("detail")).contains("alice registered model churn version 1");
    assertThat(lineage.head()).contains(head);

    JsonNode one = rita.post("/api/v1/promotions/" + id + "/decisions", approve("metrics look right")).json();
    assertThat(one.path("state").asString()).as(one.toString()).isEqualTo("pending");
    assertThat(rule(one, "two-reviewer-approvals").path("outcome").asString()).isEqualTo("fail");
    assertThat(rule(one, "two-reviewer-approvals").path("explanation").asString())
        .contains("1 approval(s) from role reviewer (rita)");
    assertThat(lineage.read("deployments/production/churn.yaml")).isEmpty();

    JsonNode two = rob.post("/api/v1/promotions/" + id + "/decisions", approve("ship it")).json();
    assertThat(two.path("state").asString()).as(two.toString()).isEqualTo("approved");
    assertThat(two.path("evaluation").path("passed").asBoolean()).isTrue();

    // the desired state is in Git, naming both approvals; the promotion's history has both decisions
    String desired = new String(lineage.read("deployments/production/churn.yaml").orElseThrow(), StandardCharsets.UTF_8);
    assertThat(desired).contains("version: 1").contains("- rita").contains("- rob")
        .contains("apiVersion: serving.kserve.io/v1beta1").contains("storageUri: s3://models/churn/run-42/model");
    List<CommitSummary> history = lineage.history("promotions/" + id + ".yaml", 50);
    assertThat(history).filteredOn(c -> c.action().equals("approve-promotion")).extracting(CommitSummary::actor)
        .containsExactlyInAnyOrder("rita", "rob");
    assertThat(history).extracting(CommitSummary::action).containsExactly("approve-promotion", "approve-promotion",
        "request-promotion");
    // the approval that passed the policy and the desired state it wrote are one commit
    CommitSummary written = lineage.history("deployments/production/churn.yaml", 5).getFirst();
    assertThat(written.actor()).isEqualTo("rob");
    assertThat(written.commitId()).isEqualTo(history.getFirst().commitId());
    JsonNode deployment = rita.get("/api/v1/deployments/production/churn").json();
    assertThat(deployment.path("approvals").toString()).contains("rita").contains("rob");
    assertThat(deployment.path("target").asString()).isEqualTo("dry-run");

    // a second version climbs the same ladder, then on-call rolls production back to the first
    expectCreated(alice.post("/api/v1/models/churn/versions", RegistryFixtures.modelVersion("churn-events",
        "churn-features", "churn-thresholds", "churn-reasons").put("artifactUri", "s3://models/churn/run-43/model")));
    expectCreated(bob.post("/api/v1/promotions", promotion("churn", 2, "dev")));
    expectCreated(bob.post("/api/v1/promotions", promotion("churn", 2, "staging")));
    JsonNode second = expectCreated(bob.post("/api/v1/promotions", promotion("churn", 2, "production"))).json();
    assertThat(second.path("comparison").path("deployedVersion").asInt()).isEqualTo(1);
    assertThat(second.path("comparison").path("metrics").path("auc").path("deployed").asDouble()).isEqualTo(0.91);
    String secondId = second.path("id").asString();
    rita.post("/api/v1/promotions/" + secondId + "/decisions", approve("ok"));
    JsonNode approved = rob.post("/api/v1/promotions/" + secondId + "/decisions", approve("ok")).json();
    assertThat(approved.path("state").asString()).isEqualTo("approved");
    assertThat(rita.get("/api/v1/deployments/production/churn").json().path("version").asInt()).isEqualTo(2);

    Api.Answer rollback = olga.post("/api/v1/deployments/production/churn/rollback",
        Api.object().put("reason", "latency alert from Alertmanager"));
    assertThat(rollback.status()).as(rollback.toString()).isEqualTo(200);
    assertThat(rollback.json().path("changed").asBoolean()).isTrue();
    assertThat(rollback.json().path("deployment").path("version").asInt()).isEqualTo(1);
    assertThat(rollback.json().path("deployment").path("previousVersion").asInt()).isEqualTo(2);
    String rolledBack = new String(lineage.read("deployments/production/churn.yaml").orElseThrow(), StandardCharsets.UTF_8);
    assertThat(rolledBack).contains("action: rollback").contains("storageUri: s3://models/churn/run-42/model");
    CommitSummary last = lineage.history("deployments/production/churn.yaml", 1).getFirst();
    assertThat(last.actor()).isEqualTo("olga");
    assertThat(last.action()).isEqualTo("rollback");

    String afterRollback = lineage.head().orElseThrow();
    Api.Answer again = olga.post("/api/v1/deployments/production/churn/rollback",
        Api.object().put("reason", "latency alert from Alertmanager"));
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().path("changed").asBoolean()).isFalse();
    assertThat(again.json().path("deployment").path("version").asInt()).isEqualTo(1);
    assertThat(lineage.head()).contains(afterRollback);
  }

  @Test
  @Order(2)
  void blocksAPromotionWhoseMetricMissesTheThresholdAndSaysWhich() {
    expectCreated(alice.post("/api/v1/models", RegistryFixtures.model("weak")));
    ObjectNode weak = RegistryFixtures.modelVersion("churn-events", "churn-features", "churn-thresholds", "churn-reasons");
    ((ObjectNode) weak.get("metrics")).put("auc", 0.71);
    expectCreated(alice.post("/api/v1/models/weak/versions", weak));

    JsonNode p = expectCreated(bob.post("/api/v1/promotions", promotion("weak", 1, "dev"))).json();
    // the metrics of a version never change, so the rule can never pass: rejected at once, not left pending
    assertThat(p.path("state").asString()).isEqualTo("rejected");
    assertThat(p.path("closedReason").asString()).contains("rule metrics-meet-thresholds can never pass")
        .contains("auc 0.71 < min_auc 0.8");
    assertThat(p.path("evaluation").path("blockedBy").toString()).contains("metrics-meet-thresholds");
    JsonNode r = rule(p, "metrics-meet-thresholds");
    assertThat(r.path("outcome").asString()).isEqualTo("fail");
    assertThat(r.path("explanation").asString()).contains("auc 0.71 < min_auc 0.8");
    assertThat(rita.get("/api/v1/promotions/" + p.path("id").asString()).json().path("evaluation")
        .path("blockedBy").toString()).contains("metrics-meet-thresholds");
    assertThat(steward.bean(Lineage.class).read("deployments/dev/weak.yaml")).isEmpty();

    // the lane is free: the next version, which meets the thresholds, goes through at once
    expectCreated(alice.post("/api/v1/models/weak/versions", RegistryFixtures.modelVersion("churn-events",
        "churn-features", "churn-thresholds", "churn-reasons")));
    assertThat(expectCreated(bob.post("/api/v1/promotions", promotion("weak", 2, "dev"))).text("state"))
        .isEqualTo("approved");
  }

  @Test
  @Order(3)
  void blocksAProductionPromotionWhoseExplanationTemplateMissesAFeature() {
    expectCreated(alice.post("/api/v1/explanation-templates", RegistryFixtures.explanationTemplate("thin-reasons",
        "churn-features", 1).set("reasons", Api.object().put("tenure", "Customers who joined recently leave more often"))));
    expectCreated(alice.post("/api/v1/models", RegistryFixtures.model("thin")));
    expectCreated(alice.post("/api/v1/models/thin/versions", RegistryFixtures.modelVersion("churn-events",
        "churn-features", "churn-thresholds", "thin-reasons")));
    expectCreated(bob.post("/api/v1/promotions", promotion("thin", 1, "dev")));
    expectCreated(bob.post("/api/v1/promotions", promotion("thin", 1, "staging")));
    JsonNode p = expectCreated(bob.post("/api/v1/promotions", promotion("thin", 1, "production"))).json();

    // the template of a version never changes: rejected at the request, before any reviewer spends time on it
    assertThat(p.path("state").asString()).as(p.toString()).isEqualTo("rejected");
    assertThat(p.path("closedReason").asString()).contains("rule explanation-complete can never pass");
    assertThat(rule(p, "two-reviewer-approvals").path("outcome").asString()).isEqualTo("fail");
    JsonNode r = rule(p, "explanation-complete");
    assertThat(r.path("outcome").asString()).isEqualTo("fail");
    assertThat(r.path("explanation").asString()).contains("no reason text for feature(s) plan");
    assertThat(p.path("evaluation").path("blockedBy").toString())
        .isEqualTo("[\"two-reviewer-approvals\",\"explanation-complete\"]");
  }

  @Test
  @Order(3)
  void rejectsAtOnceAPromotionWhoseRuleCannotBeEvaluatedForThisVersion() {
    // no explanation template: explanation-complete cannot be judged, and never will be for this version
    expectCreated(alice.post("/api/v1/models", RegistryFixtures.model("bare")));
    ObjectNode bare = RegistryFixtures.modelVersion("churn-events", "churn-features", "churn-thresholds", "churn-reasons");
    bare.remove("explanationTemplate");
    expectCreated(alice.post("/api/v1/models/bare/versions", bare));
    expectCreated(bob.post("/api/v1/promotions", promotion("bare", 1, "dev")));
    expectCreated(bob.post("/api/v1/promotions", promotion("bare", 1, "staging")));
    JsonNode p = expectCreated(bob.post("/api/v1/promotions", promotion("bare", 1, "production"))).json();

    assertThat(p.path("state").asString()).as(p.toString()).isEqualTo("rejected");
    assertThat(rule(p, "explanation-complete").path("outcome").asString()).isEqualTo("error");
    assertThat(p.path("closedReason").asString()).contains("rule explanation-complete can never pass")
        .contains("no explanation template");
    // the lane is free for the next version
    expectCreated(alice.post("/api/v1/models/bare/versions", RegistryFixtures.modelVersion("churn-events",
        "churn-features", "churn-thresholds", "churn-reasons")));
    expectCreated(bob.post("/api/v1/promotions", promotion("bare", 2, "dev")));
    expectCreated(bob.post("/api/v1/promotions", promotion("bare", 2, "staging")));
    assertThat(expectCreated(bob.post("/api/v1/promotions", promotion("bare", 2, "production"))).text("state"))
        .isEqualTo("pending");
  }

  @Test
  @Order(4)
  void registersAPolicyAndListsTheLadder() {
    ObjectNode policy = Api.object().put("name", "canary-gate").put("description", "Custom gate");
    policy.putArray("rules").addObject().put("id", "oncall-approval").put("severity", "block")
        .put("expression", "approvalsFrom(approvals, 'oncall') >= 1 && outsideFreeze(now, '2026-12-20T00:00:00Z', '2027-01-04T00:00:00Z')");
    Api ada = steward.admin().as(steward.admin().issue("ada", "policy-admin"));
    JsonNode created = expectCreated(ada.post("/api/v1/policies", policy)).json();
    assertThat(created.path("version").asInt()).isEqualTo(1);
    assertThat(created.path("state").asString()).isEqualTo("proposed");
    assertThat(created.path("digest").asString()).startsWith("sha256:");
    assertThat(steward.bean(Lineage.class).read("policies/canary-gate/1.yaml")).isPresent();
    assertThat(rita.get("/api/v1/policies/canary-gate/versions/1").json().path("rules").size()).isEqualTo(1);
    List<String> names = new ArrayList<>();
    rita.get("/api/v1/environments").json().forEach(e -> names.add(e.path("name").asString()));
    assertThat(names).containsExactly("dev", "staging", "production");
    assertThat(rita.get("/api/v1/policies").json().toString()).contains("production-gate").contains("canary-gate");
    assertThat(rita.get("/v3/api-docs").body()).contains("/api/v1/promotions/{id}/decisions")
        .contains("/api/v1/deployments/{environment}/{model}/rollback");
  }

  @Test
  @Order(5)
  void concurrentApprovalsWriteTheDesiredStateOnce() throws Exception {
    expectCreated(alice.post("/api/v1/models", RegistryFixtures.model("race")));
    expectCreated(alice.post("/api/v1/models/race/versions", RegistryFixtures.modelVersion("churn-events",
        "churn-features", "churn-thresholds", "churn-reasons")));
    expectCreated(bob.post("/api/v1/promotions", promotion("race", 1, "dev")));
    expectCreated(bob.post("/api/v1/promotions", promotion("race", 1, "staging")));
    String id = expectCreated(bob.post("/api/v1/promotions", promotion("race", 1, "production"))).text("id");

    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
      var first = pool.submit(() -> rita.post("/api/v1/promotions/" + id + "/decisions", approve("ok")));
      var second = pool.submit(() -> rob.post("/api/v1/promotions/" + id + "/decisions", approve("ok")));
      assertThat(first.get().status()).as(first.get().toString()).isEqualTo(200);
      assertThat(second.get().status()).as(second.get().toString()).isEqualTo(200);
    }

    JsonNode p = rita.get("/api/v1/promotions/" + id).json();
    assertThat(p.path("state").asString()).isEqualTo("approved");
    assertThat(p.path("decisions").size()).isEqualTo(2);
    assertThat(steward.bean(Lineage.class).history("deployments/production/race.yaml", 50)).hasSize(1);
  }

  @Test
  @Order(6)
  void rebuildsPromotionsAndDeploymentsFromGit() {
    String before = rita.get("/api/v1/deployments").body() + rita.get("/api/v1/promotions?size=500").body();
    steward.restartWithEmptyDatabase();
    Api reader = steward.admin();
    String after = reader.get("/api/v1/deployments").body() + reader.get("/api/v1/promotions?size=500").body();
    assertThat(after).isEqualTo(before);
  }
}
