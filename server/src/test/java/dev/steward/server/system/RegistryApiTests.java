package dev.steward.server.system;

import static dev.steward.server.system.RegistryFixtures.expectCreated;
import static dev.steward.server.system.RegistryFixtures.ref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.lineage.Change;
import dev.steward.lineage.FileChange;
import dev.steward.lineage.Lineage;
import dev.steward.lineage.RecordedChange;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/** The registry through its HTTP API, as ML engineers use it: register, read, alias, lineage, history. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RegistryApiTests {
  Path dataDir;
  Steward steward;
  Api alice;

  abstract Database database();

  @BeforeAll
  void start() throws java.io.IOException {
    dataDir = java.nio.file.Files.createTempDirectory("steward-test");
    steward = Steward.start(dataDir, database());
    alice = steward.admin().as(steward.admin().issue("alice", "ml-engineer"));
    RegistryFixtures.registerChurn(alice);
  }

  @AfterAll
  void stop() {
    if (steward != null) {
      steward.close();
    }
    Steward.deleteRecursively(dataDir);
  }

  @Test
  void registersModelVersionWithPinnedReferences() {
    Api.Answer created = expectCreated(alice.post("/api/v1/models/churn/versions",
        RegistryFixtures.modelVersion("churn-events", "churn-features", "churn-thresholds", "churn-reasons")));
    JsonNode v = created.json();
    int version = v.path("version").asInt();
    assertThat(version).isPositive();
    assertThat(v.path("registeredBy").asString()).isEqualTo("alice");
    assertThat(v.path("digest").asString()).matches("sha256:[0-9a-f]{64}");
    String datasetDigest = alice.get("/api/v1/datasets/churn-events/versions/1").text("digest");
    assertThat(v.path("datasets").get(0).path("digest").asString()).isEqualTo(datasetDigest);
    assertThat(created.contentType()).startsWith("application/json");

    Api.Answer read = alice.get("/api/v1/models/churn/versions/" + version);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json()).isEqualTo(v);
  }

  @Test
  void recordsEachRegistrationAsOneCommitWithActorTrailers() {
    Lineage lineage = steward.bean(Lineage.class);
    String before = lineage.head().orElseThrow();
    Api.Answer created = expectCreated(alice.post("/api/v1/datasets", RegistryFixtures.dataset("audit-events")));
    List<RecordedChange> changes = new ArrayList<>();
    lineage.changesSince(before, changes::add);
    assertThat(changes).hasSize(1);
    RecordedChange c = changes.getFirst();
    assertThat(c.actor()).isEqualTo("alice");
    assertThat(c.action()).isEqualTo("register");
    assertThat(c.subject()).isEqualTo("dataset audit-events/1");
    assertThat(c.files()).singleElement().satisfies(f -> {
      assertThat(f.path()).isEqualTo("datasets/audit-events/0-99/1.yaml");
      assertThat(dev.steward.registry.EntityDocuments.digest(f.content())).isEqualTo(created.text("digest"));
    });
  }

  @Test
  void numbersVersionsPerNameFromOne() {
    expectCreated(alice.post("/api/v1/datasets", RegistryFixtures.dataset("numbered")));
    Api.Answer second = expectCreated(alice.post("/api/v1/datasets", RegistryFixtures.dataset("numbered")));
    assertThat(second.json().path("version").asInt()).isEqualTo(2);
    assertThat(alice.get("/api/v1/datasets/numbered/versions").json().path("total").asLong()).isEqualTo(2);
    assertThat(second.contentType()).startsWith("application/json");
  }

  @Test
  void movesAndRemovesAliases() {
    expectCreated(alice.post("/api/v1/models", RegistryFixtures.model("aliased")));
    expectCreated(alice.post("/api/v1/models/aliased/versions", RegistryFixtures.minimalModelVersion()));
    expectCreated(alice.post("/api/v1/models/aliased/versions", RegistryFixtures.minimalModelVersion()));

    assertThat(alice.put("/api/v1/models/aliased/aliases/champion", Api.object().put("version", 1)).status()).isEqualTo(200);
    assertThat(alice.get("/api/v1/models/aliased/aliases/champion").json().path("version").asInt()).isEqualTo(1);
    assertThat(alice.put("/api/v1/models/aliased/aliases/champion", Api.object().put("version", 2)).status()).isEqualTo(200);
    assertThat(alice.get("/api/v1/models/aliased/aliases/champion").json().path("version").asInt()).isEqualTo(2);

    assertThat(alice.delete("/api/v1/models/aliased/aliases/champion").status()).isEqualTo(204);
    assertThat(alice.get("/api/v1/models/aliased/aliases/champion").status()).isEqualTo(404);
    JsonNode history = alice.get("/api/v1/history/models/aliased").json();
    assertThat(history.path("items")).extracting(e -> e.path("action").asString())
        .containsExactly("remove-alias", "move-alias", "move-alias", "register", "register", "register");
  }

  @Test
  void answersUpstreamLineageOfModelVersion() {
    int version = expectCreated(alice.post("/api/v1/models/churn/versions",
        RegistryFixtures.modelVersion("churn-events", "churn-features", "churn-thresholds", "churn-reasons")))
        .json().path("version").asInt();
    JsonNode lineage = alice.get("/api/v1/lineage/models/churn/versions/" + version + "?direction=upstream").json();
    assertThat(lineage.path("nodes")).extracting(n -> n.path("kind").asString() + ":" + n.path("name").asString())
        .contains("model-version:churn", "dataset:churn-events", "feature-set:churn-features",
            "threshold-set:churn-thresholds", "explanation-template:churn-reasons");
    assertThat(lineage.path("edges")).allSatisfy(e -> assertThat(e.path("intact").asBoolean()).isTrue());
  }

  @Test
  void answersDownstreamLineageOfDataset() {
    expectCreated(alice.post("/api/v1/datasets", RegistryFixtures.dataset("consent")));
    expectCreated(alice.post("/api/v1/feature-sets", RegistryFixtures.featureSet("consent-features", "consent", 1)));
    expectCreated(alice.post("/api/v1/models", RegistryFixtures.model("consent-model")));
    var v = RegistryFixtures.minimalModelVersion();
    v.putArray("datasets").add(ref("consent", 1));
    v.set("featureSet", ref("consent-features", 1));
    expectCreated(alice.post("/api/v1/models/consent-model/versions", v));

    JsonNode down = alice.get("/api/v1/lineage/datasets/consent/versions/1?direction=downstream").json();
    assertThat(down.path("nodes")).extracting(n -> n.path("kind").asString() + ":" + n.path("name").asString()
            + "/" + n.path("version").asInt())
        .containsExactlyInAnyOrder("dataset:consent/1", "feature-set:consent-features/1", "model-version:consent-model/1");
  }

  @Test
  void listsWithPrefixTagAndPaging() {
    for (String name : List.of("page-a", "page-b", "page-c")) {
      expectCreated(alice.post("/api/v1/datasets", RegistryFixtures.dataset(name)));
    }
    var untagged = RegistryFixtures.dataset("page-d");
    untagged.remove("tags");
    expectCreated(alice.post("/api/v1/datasets", untagged));

    JsonNode first = alice.get("/api/v1/datasets?prefix=page-&size=2&page=0").json();
    assertThat(first.path("total").asLong()).isEqualTo(4);
    assertThat(first.path("items")).extracting(i -> i.path("name").asString()).containsExactly("page-a", "page-b");
    JsonNode second = alice.get("/api/v1/datasets?prefix=page-&size=2&page=1").json();
    assertThat(second.path("items")).extracting(i -> i.path("name").asString()).containsExactly("page-c", "page-d");
    JsonNode tagged = alice.get("/api/v1/datasets?prefix=page-&tag=team=retention").json();
    assertThat(tagged.path("total").asLong()).isEqualTo(3);
    assertThat(alice.get("/api/v1/datasets?prefix=page-&tag=team=other").json().path("total").asLong()).isZero();
  }

  @Test
  void verifiesEveryDigest() {
    JsonNode report = alice.get("/api/v1/lineage/verify").json();
    assertThat(report.path("ok").asBoolean()).as(report.toString()).isTrue();
    assertThat(report.path("files").asInt()).isPositive();
    assertThat(report.path("references").asInt()).isPositive();
  }

  @Test
  void verifyReportsAVersionFileOutsideItsGroupFolder() {
    Lineage lineage = steward.bean(Lineage.class);
    byte[] content = lineage.read("datasets/churn-events/0-99/1.yaml").orElseThrow();
    String stray = "datasets/churn-events/1.yaml"; // where a version sat before versions were grouped
    lineage.record(new Change("alice", "test", "datasets/churn-events", "A stray copy", List.of(FileChange.create(stray, content))));
    try {
      JsonNode report = alice.get("/api/v1/lineage/verify").json();
      assertThat(report.path("ok").asBoolean()).isFalse();
      assertThat(report.path("mismatches")).singleElement().satisfies(m -> {
        assertThat(m.path("path").asString()).isEqualTo(stray);
        assertThat(m.path("problem").asString()).contains("not a registry file");
      });
    } finally {
      lineage.record(new Change("alice", "test", "datasets/churn-events", "Remove the stray copy",
          List.of(FileChange.delete(stray))));
    }
    assertThat(alice.get("/api/v1/lineage/verify").json().path("ok").asBoolean()).isTrue();
  }

  @Test
  void servesOpenApiDocument() {
    Api.Answer doc = new Api("http://127.0.0.1:" + steward.port(), null).get("/v3/api-docs");
    assertThat(doc.status()).isEqualTo(200);
    assertThat(doc.json().path("paths").has("/api/v1/models/{name}/versions")).isTrue();
  }
}
