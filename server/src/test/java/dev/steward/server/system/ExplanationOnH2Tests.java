package dev.steward.server.system;

import static dev.steward.server.system.RegistryFixtures.expectCreated;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.lineage.Lineage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Explanations over HTTP: the reasons of a prediction and of a batch from the version's template, the pii feature
 * never in an answer, and bad requests refused with the field at fault (explaining records nothing anyway). The
 * answer does not depend on the database, so H2 alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExplanationOnH2Tests {
  private Path dataDir;
  private Steward steward;
  private Api alice;
  private Api rita;

  @BeforeAll
  void start() throws Exception {
    dataDir = Files.createTempDirectory("steward-explanations");
    steward = Steward.start(dataDir, Database.h2());
    Api admin = steward.admin();
    alice = admin.as(admin.issue("alice", "ml-engineer"));
    rita = admin.as(admin.issue("rita", "reviewer"));
    RegistryFixtures.registerChurn(alice);
    ObjectNode worded = Api.object().put("name", "churn-words").put("topK", 2).put("locale", "de");
    worded.set("featureSet", RegistryFixtures.ref("churn-features", 1));
    worded.putObject("reasons").put("tenure", "Eine Kundendauer von {value} Monaten {direction} das Risiko")
        .put("plan", "raises: Der Tarif {value} erhöht das Risiko || lowers: Der Tarif {value} senkt das Risiko");
    expectCreated(alice.post("/api/v1/explanation-templates", worded));
    ObjectNode partial = Api.object().put("name", "churn-partial").put("topK", 2).put("locale", "en");
    partial.set("featureSet", RegistryFixtures.ref("churn-features", 1));
    partial.putObject("reasons").put("tenure", "Customers who joined recently leave more often");
    expectCreated(alice.post("/api/v1/explanation-templates", partial));
    // 1: the fixture template; 2: German with values; 3: a template missing plan; 4: no template at all
    expectCreated(alice.post("/api/v1/models/churn/versions", RegistryFixtures.modelVersion("churn-events",
        "churn-features", "churn-thresholds", "churn-reasons")));
    expectCreated(alice.post("/api/v1/models/churn/versions", RegistryFixtures.modelVersion("churn-events",
        "churn-features", "churn-thresholds", "churn-words")));
    expectCreated(alice.post("/api/v1/models/churn/versions", RegistryFixtures.modelVersion("churn-events",
        "churn-features", "churn-thresholds", "churn-partial")));
    ObjectNode bare = RegistryFixtures.modelVersion("churn-events", "churn-features", "churn-thresholds", "x");
    bare.remove("explanationTemplate");
    expectCreated(alice.post("/api/v1/models/churn/versions", bare));
  }

  @AfterAll
  void stop() {
    steward.close();
    Steward.deleteRecursively(dataDir);
  }

  @Test
  void explainsAPredictionInBusinessLanguageWithoutThePiiFeature() {
    ObjectNode body = Api.object();
    body.putObject("contributions").put("tenure", -0.12).put("plan", 0.3).put("email", 4.2);
    body.putObject("values").put("email", "jane.doe@example.com");
    Api.Answer answer = rita.post("/api/v1/models/churn/versions/1/explanations", body);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    JsonNode reasons = answer.json().path("reasons");
    assertThat(reasons.size()).isEqualTo(2);
    assertThat(reasons.get(0).path("feature").asString()).isEqualTo("plan");
    assertThat(reasons.get(0).path("label").asString()).isEqualTo("Price plan");
    assertThat(reasons.get(0).path("direction").asString()).isEqualTo("raises");
    assertThat(reasons.get(0).path("text").asString()).isEqualTo("Customers on this plan leave more often");
    assertThat(reasons.get(1).path("direction").asString()).isEqualTo("lowers");
    assertThat(answer.json().path("template").path("name").asString()).isEqualTo("churn-reasons");
    assertThat(answer.body()).doesNotContain("email", "E-mail", "jane.doe", "4.2");
  }

  @Test
  void explainsABatchInTheTemplatesLocale() {
    ObjectNode body = Api.object().put("topK", 1);
    var predictions = body.putArray("predictions");
    ObjectNode first = predictions.addObject().put("id", "customer-a");
    first.putObject("contributions").put("tenure", -0.5).put("plan", 0.1);
    first.putObject("values").put("tenure", 30.5).put("plan", "Basis");
    ObjectNode second = predictions.addObject().put("id", "customer-b");
    second.putObject("contributions").put("tenure", 0.1).put("plan", -0.4).put("email", 9);
    second.putObject("values").put("plan", "Premium");
    Api.Answer answer = alice.post("/api/v1/models/churn/versions/2/explanations", body);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    assertThat(answer.json().path("locale").asString()).isEqualTo("de");
    JsonNode batch = answer.json().path("predictions");
    assertThat(batch.get(0).path("id").asString()).isEqualTo("customer-a");
    assertThat(batch.get(0).path("reasons").get(0).path("text").asString())
        .isEqualTo("Eine Kundendauer von 30,5 Monaten senkt das Risiko");
    assertThat(batch.get(1).path("reasons").get(0).path("text").asString()).isEqualTo("Der Tarif Premium senkt das Risiko");
  }

  @Test
  void refusesBadRequestsNamingTheFieldAndRecordsNothing() {
    Lineage lineage = steward.bean(Lineage.class);
    String head = lineage.head().orElseThrow();

    ObjectNode notNumbers = Api.object();
    notNumbers.putObject("contributions").put("tenure", "high").put("plan", 0.1).put("email", "x");
    Api.Answer a = alice.post("/api/v1/models/churn/versions/1/explanations", notNumbers);
    assertThat(a.status()).as(a.toString()).isEqualTo(400);
    assertThat(a.text("field")).isEqualTo("contributions.tenure");
    assertThat(a.body()).contains("must be a number").doesNotContain("email");

    ObjectNode unknown = Api.object();
    unknown.putObject("contributions").put("tenure", 0.1).put("plan", 0.1).put("zip_code", 0.2);
    a = alice.post("/api/v1/models/churn/versions/1/explanations", unknown);
    assertThat(a.status()).as(a.toString()).isEqualTo(400);
    assertThat(a.text("field")).isEqualTo("contributions.zip_code");

    ObjectNode missing = Api.object();
    missing.putObject("contributions").put("tenure", 0.1);
    a = alice.post("/api/v1/models/churn/versions/1/explanations", missing);
    assertThat(a.status()).as(a.toString()).isEqualTo(400);
    assertThat(a.text("field")).isEqualTo("contributions");
    assertThat(a.text("detail")).contains("has no contribution for plan");

    ObjectNode fine = Api.object();
    fine.putObject("contributions").put("tenure", 0.1).put("plan", 0.2);
    a = alice.post("/api/v1/models/churn/versions/3/explanations", fine);
    assertThat(a.status()).as(a.toString()).isEqualTo(422);
    assertThat(a.text("field")).isEqualTo("explanationTemplate");
    assertThat(a.text("detail")).contains("gives no reason for plan");

    a = alice.post("/api/v1/models/churn/versions/4/explanations", fine);
    assertThat(a.status()).as(a.toString()).isEqualTo(422);
    assertThat(a.text("field")).isEqualTo("explanationTemplate");

    a = alice.post("/api/v1/models/churn/versions/2/explanations", fine);
    assertThat(a.status()).as(a.toString()).isEqualTo(400);
    assertThat(a.text("field")).isEqualTo("values.plan");

    a = alice.post("/api/v1/models/churn/versions/9/explanations", fine);
    assertThat(a.status()).as(a.toString()).isEqualTo(404);
    assertThat(a.text("field")).isEqualTo("version");

    assertThat(lineage.head()).contains(head);
  }
}
