package dev.steward.server.system;

import static dev.steward.server.system.PromotionJourneyTests.approve;
import static dev.steward.server.system.PromotionJourneyTests.promotion;
import static dev.steward.server.system.PromotionJourneyTests.rule;
import static dev.steward.server.system.RegistryFixtures.expectCreated;
import static dev.steward.server.system.RegistryFixtures.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steward.lineage.CommitSummary;
import dev.steward.lineage.Lineage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * Consent revocation on a running Steward: a dataset version that feeds two feature sets, three model versions
 * and a production deployment is revoked; the report lists each with what was done, the production promotion of
 * an affected version is blocked by the production gate's rule, and the retrain plan runs on the successor. Bad
 * revocations change nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class RevocationTests {
  private static final String SUBJECT_1 = "sha256:" + "1f".repeat(32);
  private static final String SUBJECT_2 = "sha256:" + "2e".repeat(32);

  abstract Database database();

  private Path dataDir;
  private Steward steward;
  private Api alice;
  private Api bob;
  private Api rita;
  private Api rob;
  private Api priya;
  private Path trainedOn;

  @BeforeAll
  void start() throws Exception {
    dataDir = Files.createTempDirectory("steward-revocation");
    trainedOn = dataDir.resolve("trained-on.txt");
    steward = Steward.start(dataDir, database(), Map.of("steward.retrain.supervise-interval", "2s"));
    Api admin = steward.admin();
    alice = admin.as(admin.issue("alice", "ml-engineer"));
    bob = admin.as(admin.issue("bob", "ml-engineer"));
    rita = admin.as(admin.issue("rita", "reviewer"));
    rob = admin.as(admin.issue("rob", "reviewer"));
    priya = admin.as(admin.issue("priya", "privacy-officer"));

    expectCreated(alice.post("/api/v1/datasets", RegistryFixtures.dataset("events")));
    ObjectNode successor = RegistryFixtures.dataset("events").put("uri", "s3://lake/events/2026-12-without-revoked");
    successor.putArray("parents").add(ref("events", 1));
    expectCreated(alice.post("/api/v1/datasets", successor));
    expectCreated(alice.post("/api/v1/datasets", RegistryFixtures.dataset("other-events")));
    expectCreated(alice.post("/api/v1/feature-sets", RegistryFixtures.featureSet("fs-a", "events", 1)));
    expectCreated(alice.post("/api/v1/feature-sets", RegistryFixtures.featureSet("fs-b", "events", 1)));
    expectCreated(alice.post("/api/v1/feature-sets", RegistryFixtures.featureSet("fs-clean", "events", 2)));
    expectCreated(alice.post("/api/v1/threshold-sets", RegistryFixtures.thresholdSet("th")));
    for (String fs : List.of("fs-a", "fs-b", "fs-clean")) {
      expectCreated(alice.post("/api/v1/explanation-templates", RegistryFixtures.explanationTemplate("reasons-" + fs,
          fs, 1)));
    }
    expectCreated(alice.post("/api/v1/models", RegistryFixtures.model("churn")));
    // 1: trained on events/1 with fs-a; 2: only through fs-b; 3: on events/1 with a clean feature set; 4: clean
    expectCreated(alice.post("/api/v1/models/churn/versions", version(List.of(ref("events", 1)), "fs-a")));
    expectCreated(alice.post("/api/v1/models/churn/versions", version(List.of(), "fs-b")));
    expectCreated(alice.post("/api/v1/models/churn/versions", version(List.of(ref("events", 1)), "fs-clean")));
    expectCreated(alice.post("/api/v1/models/churn/versions", version(List.of(ref("events", 2)), "fs-clean")));

    // version 1 reaches production; version 2 reaches staging
    for (String environment : List.of("dev", "staging")) {
      assertThat(bob.post("/api/v1/promotions", promotion("churn", 1, environment)).text("state")).isEqualTo("approved");
    }
    String id = expectCreated(bob.post("/api/v1/promotions", promotion("churn", 1, "production"))).text("id");
    rita.post("/api/v1/promotions/" + id + "/decisions", approve("fine"));
    assertThat(rob.post("/api/v1/promotions/" + id + "/decisions", approve("fine")).text("state")).isEqualTo("approved");
    for (String environment : List.of("dev", "staging")) {
      assertThat(bob.post("/api/v1/promotions", promotion("churn", 2, environment)).text("state")).isEqualTo("approved");
    }

    ObjectNode plan = RetrainRunsTests.plan("churn", RetrainRunsTests.process(List.of("sh", "-c",
        "echo \"$STEWARD_CAUSE_DATASET/$STEWARD_CAUSE_DATASET_VERSION\" > " + trainedOn), Map.of()),
        RetrainRunsTests.manual());
    expectCreated(alice.post("/api/v1/retrain/plans", plan));
  }

  @AfterAll
  void stop() {
    steward.close();
    Steward.deleteRecursively(dataDir);
  }

  private static ObjectNode version(List<ObjectNode> datasets, String featureSet) {
    ObjectNode v = RegistryFixtures.modelVersion("events", featureSet, "th", "reasons-" + featureSet);
    var array = v.putArray("datasets");
    datasets.forEach(array::add);
    return v;
  }

  private static ObjectNode revocation(String scope, List<String> subjects, ObjectNode successor) {
    ObjectNode r = Api.object().put("reason", "GDPR erasure request 4411").put("scope", scope);
    var array = r.putArray("subjects");
    subjects.forEach(array::add);
    if (successor != null) {
      r.set("successor", successor);
    }
    return r;
  }

  @Test
  @Order(1)
  void refusedRevocationsChangeNothing() {
    Lineage lineage = steward.bean(Lineage.class);
    String head = lineage.head().orElseThrow();
    Map<String, Long> rows = steward.rowCounts("governance_revocation", "governance_revoked_input");

    Api.Answer unknownVersion = priya.post("/api/v1/datasets/events/versions/9/revocations",
        revocation("version", List.of(), null));
    assertThat(unknownVersion.status()).as(unknownVersion.toString()).isEqualTo(404);
    assertThat(unknownVersion.text("field")).isEqualTo("version");
    assertThat(unknownVersion.text("detail")).contains("dataset events version 9 is not registered");

    Api.Answer unrelated = priya.post("/api/v1/datasets/events/versions/1/revocations",
        revocation("version", List.of(), ref("other-events", 1)));
    assertThat(unrelated.status()).as(unrelated.toString()).isEqualTo(422);
    assertThat(unrelated.text("field")).isEqualTo("successor");
    assertThat(unrelated.text("detail")).contains("other-events/1 does not descend from events/1");

    Api.Answer missing = priya.post("/api/v1/datasets/events/versions/1/revocations",
        revocation("version", List.of(), ref("events", 7)));
    assertThat(missing.status()).as(missing.toString()).isEqualTo(422);
    assertThat(missing.text("field")).isEqualTo("successor");

    Api.Answer plainIds = priya.post("/api/v1/datasets/events/versions/1/revocations",
        revocation("subjects", List.of("customer-4411@example.com", SUBJECT_1, SUBJECT_1), null));
    assertThat(plainIds.status()).as(plainIds.toString()).isEqualTo(400);
    assertThat(plainIds.json().path("errors").toString()).contains("subjects[0]", "never the id itself", "subjects[2]");

    Api.Answer noScope = priya.post("/api/v1/datasets/events/versions/1/revocations",
        Api.object().put("reason", "erasure"));
    assertThat(noScope.status()).isEqualTo(400);
    assertThat(noScope.text("field")).isEqualTo("scope");

    Api.Answer reviewer = rita.post("/api/v1/datasets/events/versions/1/revocations",
        revocation("version", List.of(), null));
    assertThat(reviewer.status()).isEqualTo(403);
    assertThat(reviewer.text("detail")).contains("privacy-officer");

    assertThat(lineage.head()).contains(head);
    assertThat(steward.rowCounts("governance_revocation", "governance_revoked_input")).isEqualTo(rows);
  }

  @Test
  @Order(2)
  void revocationListsItsImpactBlocksProductionAndRetrainsOnTheSuccessor() throws Exception {
    Lineage lineage = steward.bean(Lineage.class);
    JsonNode preview = priya.get("/api/v1/datasets/events/versions/1/impact?successor=events@2").json();
    assertThat(items(preview, "model-version")).containsExactly("churn/1", "churn/2", "churn/3");

    Api.Answer revoked = priya.post("/api/v1/datasets/events/versions/1/revocations",
        revocation("subjects", List.of(SUBJECT_1, SUBJECT_2), ref("events", 2)));
    assertThat(revoked.status()).as(revoked.toString()).isEqualTo(201);
    JsonNode r = revoked.json().path("revocation");
    String id = r.path("id").asString();
    JsonNode impact = r.path("impact");
    assertThat(items(impact, "feature-set")).containsExactly("fs-a/1", "fs-b/1");
    assertThat(items(impact, "model-version")).containsExactly("churn/1", "churn/2", "churn/3");
    assertThat(items(impact, "deployment")).containsExactlyInAnyOrder("dev:churn/2", "staging:churn/2",
        "production:churn/1");
    assertThat(items(impact, "retrain-plan")).containsExactly("churn/1");
    assertThat(items(impact, "dataset")).isEmpty(); // the successor is derived from it but excludes the revoked data
    for (JsonNode item : impact) {
      if (!item.path("kind").asString().equals("retrain-plan")) {
        assertThat(item.path("at").asString()).as(item.toString()).isEqualTo(r.path("revokedAt").asString());
      }
    }
    assertThat(item(impact, "model-version", "churn/2").path("why").asString()).isEqualTo("uses feature set fs-b/1");
    assertThat(item(impact, "model-version", "churn/1").path("action").asString()).isEqualTo("marked");
    assertThat(revoked.json().path("commits").get(0).path("action").asString()).isEqualTo("revoke-consent");
    assertThat(revoked.json().path("commits").get(0).path("actor").asString()).isEqualTo("priya");

    // the marks beside the versions (their files are untouched)
    JsonNode marks = alice.get("/api/v1/models/churn/versions/2/marks").json();
    assertThat(marks.get(0).path("mark").asString()).isEqualTo("revoked-input");
    assertThat(marks.get(0).path("revocation").asString()).isEqualTo(id);
    assertThat(alice.get("/api/v1/models/churn/versions/4/marks").json().size()).isZero();
    assertThat(lineage.history("models/churn/versions", 50)).extracting(CommitSummary::action)
        .containsOnly("register");

    // the retrain plan runs on the successor; a second commit of the revocation records it
    await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(trainedOn) && Files.size(trainedOn) > 0);
    assertThat(Files.readString(trainedOn).strip()).isEqualTo("events/2");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      JsonNode report = alice.get("/api/v1/datasets/events/versions/1/revocations/" + id).json();
      assertThat(item(report.path("revocation").path("impact"), "retrain-plan", "churn/1").path("action").asString())
          .isEqualTo("triggered");
      assertThat(report.path("retrainRuns").get(0).path("state").asString()).isEqualTo("succeeded");
      assertThat(report.path("retrainRuns").get(0).path("dataset").path("version").asInt()).isEqualTo(2);
      assertThat(report.path("commits")).extracting(c -> c.path("action").asString())
          .containsExactly("revoke-consent", "record-revocation-actions");
    });
    List<CommitSummary> history = lineage.history("revocations/events/1/" + id + ".yaml", 10);
    assertThat(history).extracting(CommitSummary::action).containsExactly("record-revocation-actions",
        "revoke-consent");

    // the production promotion of an affected version is blocked by the rule, even with two approvals
    String promotion = expectCreated(bob.post("/api/v1/promotions", promotion("churn", 2, "production"))).text("id");
    rita.post("/api/v1/promotions/" + promotion + "/decisions", approve("fine"));
    JsonNode decided = rob.post("/api/v1/promotions/" + promotion + "/decisions", approve("fine")).json();
    assertThat(decided.path("state").asString()).as(decided.toString()).isEqualTo("pending");
    assertThat(decided.path("evaluation").path("blockedBy").toString()).contains("inputs-not-revoked")
        .doesNotContain("two-reviewer-approvals");
    JsonNode blocked = rule(decided, "inputs-not-revoked");
    assertThat(blocked.path("outcome").asString()).isEqualTo("fail");
    assertThat(blocked.path("explanation").asString()).contains("revoked-input", "dataset events/1 was revoked",
        id, "GDPR erasure request 4411", "train on its successor events/2");
    assertThat(lineage.read("deployments/production/churn.yaml").map(String::new).orElseThrow()).contains("version: 1");

    // the deployment serving a revoked-input version is on the board and in the metric
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(alice.get("/api/v1/revocations/serving")
        .json().toString()).contains("\"environment\":\"production\"", id));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(steward.admin().get("/actuator/prometheus")
        .body()).contains("steward_revoked_input_deployment{environment=\"production\",model=\"churn\",version=\"1\"} 1"));

    // the report as CSV for an auditor: one line per item, then the commits
    Api.Answer csv = priya.send("GET", "/api/v1/datasets/events/versions/1/revocations/" + id,
        Map.of("Accept", "text/csv"), null, false);
    assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    List<String> lines = csv.body().lines().toList();
    assertThat(lines.getFirst()).isEqualTo("revocation,dataset,dataset_version,kind,name,version,environment,digest,"
        + "why,action,detail,at");
    assertThat(lines).anyMatch(l -> l.contains(",model-version,churn,3,") && l.contains(",marked,"));
    assertThat(lines).anyMatch(l -> l.contains(",deployment,churn,1,production,") && l.contains(",flagged,"));
    assertThat(lines).anyMatch(l -> l.contains(",retrain-plan,churn,1,") && l.contains(",triggered,"));
    assertThat(lines).filteredOn(l -> l.contains(",commit,")).hasSize(2);
    assertThat(lines).hasSize(1 + 2 + 3 + 3 + 1 + 2);
  }

  @Test
  @Order(3)
  void revocationsSurviveAnIndexRebuild() {
    JsonNode before = alice.get("/api/v1/revocations").json();
    assertThat(before.path("total").asInt()).isEqualTo(1);
    Api.Answer rebuilt = steward.admin().post("/api/v1/admin/index/rebuild", "");
    assertThat(rebuilt.status()).as(rebuilt.toString()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> alice.get("/api/v1/revocations").status() == 200);
    String id = before.path("items").get(0).path("id").asString();
    JsonNode report = alice.get("/api/v1/datasets/events/versions/1/revocations/" + id).json();
    assertThat(report.path("revocation")).isEqualTo(before.path("items").get(0));
    assertThat(report.path("commits").size()).isEqualTo(2);
    assertThat(alice.get("/api/v1/models/churn/versions/1/marks").json().get(0).path("recorded").asBoolean()).isTrue();
  }

  private static List<String> items(JsonNode impact, String kind) {
    List<String> found = new ArrayList<>();
    for (JsonNode i : impact) {
      if (i.path("kind").asString().equals(kind)) {
        found.add((i.hasNonNull("environment") ? i.path("environment").asString() + ":" : "") + i.path("name").asString()
            + "/" + i.path("version").asInt());
      }
    }
    return found;
  }

  private static JsonNode item(JsonNode impact, String kind, String nameVersion) {
    for (JsonNode i : impact) {
      if (i.path("kind").asString().equals(kind)
          && (i.path("name").asString() + "/" + i.path("version").asInt()).equals(nameVersion)) {
        return i;
      }
    }
    throw new AssertionError("no " + kind + " " + nameVersion + " in " + impact);
  }
}
