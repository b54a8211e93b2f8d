package dev.steward.server.system;

import static dev.steward.server.system.RegistryFixtures.expectCreated;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.lineage.Lineage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bad promotions, decisions, rollbacks and policies get a 4xx problem detail that says why, and change
 * nothing: no commit in the registry repository and no row in the index.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RejectedPromotionsTests {
  private static final String[] TABLES = {"policy_version", "promotion", "deployment", "deployment_history",
      "registry_change", "registry_entity"};

  Path dataDir;
  Steward steward;
  Map<String, Api> callers = new LinkedHashMap<>();
  String pendingId;
  String approvedId;

  abstract Database database();

  @BeforeAll
  void start() throws java.io.IOException {
    dataDir = java.nio.file.Files.createTempDirectory("steward-test");
    steward = Steward.start(dataDir, database());
    Api admin = steward.admin();
    callers.put("alice", admin.as(admin.issue("alice", "ml-engineer", "reviewer")));
    callers.put("bob", admin.as(admin.issue("bob", "ml-engineer", "reviewer")));
    callers.put("carl", admin.as(admin.issue("carl", "ml-engineer")));
    callers.put("rita", admin.as(admin.issue("rita", "reviewer")));
    callers.put("olga", admin.as(admin.issue("olga", "oncall")));
    callers.put("ada", admin.as(admin.issue("ada", "policy-admin")));
    callers.put("admin", admin);
    ObjectNode proposed = Api.object().put("name", "canary-gate");
    proposed.putArray("rules").addObject().put("id", "anything").put("expression", "true");
    assertThat(expectCreated(callers.get("ada").post("/api/v1/policies", proposed)).text("state")).isEqualTo("proposed");
    Api alice = callers.get("alice");
    Api bob = callers.get("bob");
    RegistryFixtures.registerChurn(alice);
    ObjectNode version = RegistryFixtures.modelVersion("churn-events", "churn-features", "churn-thresholds", "churn-reasons");
    expectCreated(alice.post("/api/v1/models/churn/versions", version));
    expectCreated(alice.post("/api/v1/models/churn/versions", version));
    approvedId = expectCreated(bob.post("/api/v1/promotions", PromotionJourneyTests.promotion("churn", 1, "dev"))).text("id");
    expectCreated(bob.post("/api/v1/promotions", PromotionJourneyTests.promotion("churn", 1, "staging")));
    pendingId = expectCreated(bob.post("/api/v1/promotions", PromotionJourneyTests.promotion("churn", 1, "production")))
        .text("id");
    Api.Answer first = callers.get("rita").post("/api/v1/promotions/" + pendingId + "/decisions",
        PromotionJourneyTests.approve("first"));
    assertThat(first.status()).as(first.toString()).isEqualTo(200);
  }

  @AfterAll
  void stop() {
    if (steward != null) {
      steward.close();
    }
    Steward.deleteRecursively(dataDir);
  }

  static Stream<Arguments> badRequests() {
    ObjectNode broken = Api.object().put("name", "broken-gate");
    broken.putArray("rules").addObject().put("id", "ok").put("expression", "true");
    ((tools.jackson.databind.node.ArrayNode) broken.get("rules")).addObject().put("id", "broken")
        .put("expression", "model.metrics.auc >=");
    ObjectNode unknownFunction = Api.object().put("name", "odd-gate");
    unknownFunction.putArray("rules").addObject().put("id", "odd").put("expression", "approve(approvals)");
    ObjectNode noRules = Api.object().put("name", "empty-gate");
    noRules.putArray("rules");
    ObjectNode missingVersion = PromotionJourneyTests.promotion("churn", 1, "dev");
    missingVersion.remove("version");
    ObjectNode reject = Api.object().put("decision", "maybe");
    ObjectNode approve = PromotionJourneyTests.approve("again");
    ObjectNode rollback = Api.object().put("reason", "alert");
    Map<String, Object[]> cases = new LinkedHashMap<>();
    cases.put("approving twice", new Object[] {"rita", "POST", "/decisions", approve, 409, "already decided"});
    cases.put("approving one's own request", new Object[] {"bob", "POST", "/decisions", approve, 403, "bob requested"});
    cases.put("approving one's own model", new Object[] {"alice", "POST", "/decisions", approve, 403, "alice registered"});
    cases.put("deciding on an approved promotion", new Object[] {"rita", "POST", "approved/decisions", approve, 409,
        "approved, not pending"});
    cases.put("deciding on an unknown promotion", new Object[] {"rita", "POST", "/api/v1/promotions/nope/decisions",
        approve, 404, "nope"});
    cases.put("an unknown decision", new Object[] {"rita", "POST", "/decisions", reject, 400, "maybe"});
    cases.put("an engineer deciding", new Object[] {"carl", "POST", "/decisions", approve, 403, "roles"});
    cases.put("skipping staging", new Object[] {"bob", "POST", "/api/v1/promotions",
        PromotionJourneyTests.promotion("churn", 2, "production"), 409, "has not reached staging"});
    cases.put("skipping dev", new Object[] {"bob", "POST", "/api/v1/promotions",
        PromotionJourneyTests.promotion("churn", 2, "staging"), 409, "has not reached dev"});
    cases.put("an unknown environment", new Object[] {"bob", "POST", "/api/v1/promotions",
        PromotionJourneyTests.promotion("churn", 1, "qa"), 422, "'qa' is not an environment"});
    cases.put("an unknown version", new Object[] {"bob", "POST", "/api/v1/promotions",
        PromotionJourneyTests.promotion("churn", 99, "dev"), 422, "churn version 99"});
    cases.put("an unknown model", new Object[] {"bob", "POST", "/api/v1/promotions",
        PromotionJourneyTests.promotion("fraud", 1, "dev"), 422, "fraud version 1"});
    cases.put("no version", new Object[] {"bob", "POST", "/api/v1/promotions", missingVersion, 400, "version"});
    cases.put("the version already deployed", new Object[] {"bob", "POST", "/api/v1/promotions",
        PromotionJourneyTests.promotion("churn", 1, "dev"), 409, "already the desired state"});
    cases.put("a second pending promotion", new Object[] {"bob", "POST", "/api/v1/promotions",
        PromotionJourneyTests.promotion("churn", 1, "production"), 409, "still pending"});
    cases.put("a reviewer requesting", new Object[] {"rita", "POST", "/api/v1/promotions",
        PromotionJourneyTests.promotion("churn", 2, "dev"), 403, "roles"});
    cases.put("cancelling someone else's promotion", new Object[] {"carl", "POST", "/cancel", Api.object(), 403,
        "only bob"});
    cases.put("a policy with a CEL error", new Object[] {"ada", "POST", "/api/v1/policies", broken, 422,
        "rule 'broken' does not compile at line 1, column"});
    cases.put("a policy calling an unknown function", new Object[] {"ada", "POST", "/api/v1/policies",
        unknownFunction, 422, "rule 'odd' does not compile"});
    cases.put("a policy without rules", new Object[] {"ada", "POST", "/api/v1/policies", noRules, 400, "rules"});
    ObjectNode permissive = Api.object().put("name", "production-gate");
    permissive.putArray("rules").addObject().put("id", "anything").put("expression", "true");
    cases.put("an engineer registering a policy", new Object[] {"alice", "POST", "/api/v1/policies", permissive, 403,
        "roles"});
    cases.put("approving one's own policy", new Object[] {"ada", "POST",
        "/api/v1/policies/canary-gate/versions/1/decisions", approve, 403, "ada registered policy canary-gate"});
    cases.put("a reviewer approving a policy", new Object[] {"rita", "POST",
        "/api/v1/policies/canary-gate/versions/1/decisions", approve, 403, "roles"});
    cases.put("approving an active policy", new Object[] {"admin", "POST",
        "/api/v1/policies/dev-gate/versions/1/decisions", approve, 409, "is active, not proposed"});
    cases.put("approving an unknown policy version", new Object[] {"admin", "POST",
        "/api/v1/policies/canary-gate/versions/7/decisions", approve, 404, "canary-gate version 7"});
    cases.put("a reviewer rolling back", new Object[] {"rita", "POST", "/api/v1/deployments/dev/churn/rollback",
        rollback, 403, "roles"});
    cases.put("rolling back in an unknown environment", new Object[] {"olga", "POST",
        "/api/v1/deployments/qa/churn/rollback", rollback, 404, "qa"});
    cases.put("rolling back what was never deployed", new Object[] {"olga", "POST",
        "/api/v1/deployments/production/churn/rollback", rollback, 404, "no desired state in production"});
    cases.put("rolling back without an earlier version", new Object[] {"olga", "POST",
        "/api/v1/deployments/dev/churn/rollback", rollback, 409, "no earlier version"});
    cases.put("rolling back without a reason", new Object[] {"olga", "POST", "/api/v1/deployments/dev/churn/rollback",
        Api.object(), 400, "reason"});
    cases.put("listing an unknown state", new Object[] {"rita", "GET", "/api/v1/promotions?state=done", null, 400,
        "done"});
    return cases.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()[0], e.getValue()[1],
        e.getValue()[2], e.getValue()[3], e.getValue()[4], e.getValue()[5]));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void rejectsWithProblemDetailAndChangesNothing(String label, String caller, String method, String path, Object body,
      int status, String mention) {
    Lineage lineage = steward.bean(Lineage.class);
    String headBefore = lineage.head().orElseThrow();
    Map<String, Long> rowsBefore = steward.rowCounts(TABLES);
    String target = switch (path) {
      case "/decisions" -> "/api/v1/promotions/" + pendingId + "/decisions";
      case "approved/decisions" -> "/api/v1/promotions/" + approvedId + "/decisions";
      case "/cancel" -> "/api/v1/promotions/" + pendingId + "/cancel";
      default -> path;
    };
    String json = body == null ? null : Api.JSON.writeValueAsString(body);
    Api.Answer answer = callers.get(caller).send(method, target, json);

    assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
    assertThat(answer.contentType()).as(answer.toString()).startsWith("application/problem+json");
    assertThat(answer.json().path("detail").asString()).as(answer.toString()).contains(mention);
    assertThat(lineage.head()).contains(headBefore);
    assertThat(steward.rowCounts(TABLES)).isEqualTo(rowsBefore);
  }
}
