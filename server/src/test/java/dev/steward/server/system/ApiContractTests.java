package dev.steward.server.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI document is a contract: the served one must equal the checked-in copy
 * {@value #COPY}, so that a change to the API shows up as a change to that file in review (and the Python
 * client is generated from it). After an intended change, rewrite the copy with
 * {@code server/scripts/update-openapi.sh} (which runs this test with {@code -Dsteward.openapi.update=true})
 * and commit it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiContractTests {
  static final String COPY = "server/api/openapi.json";
  static final String UPDATE = "server/scripts/update-openapi.sh";
  private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  Path dataDir;
  Steward steward;
  JsonNode served;

  @BeforeAll
  void start() throws IOException {
    dataDir = Files.createTempDirectory("steward-contract");
    steward = Steward.start(dataDir, Database.h2());
    Api.Answer answer = steward.admin().as(null).get("/v3/api-docs");
    assertThat(answer.status()).isEqualTo(200);
    served = canonical(answer.json());
  }

  @AfterAll
  void stop() {
    steward.close();
    Steward.deleteRecursively(dataDir);
  }

  @Test
  void servesTheCheckedInDocument() throws IOException {
    Path copy = repositoryRoot().resolve(COPY);
    String text = JSON.writeValueAsString(served) + "\n";
    if (Boolean.getBoolean("steward.openapi.update")) {
      Files.writeString(copy, text);
      return;
    }
    if (!Files.exists(copy)) {
      fail("There is no checked-in OpenAPI document " + COPY + ". Write it with " + UPDATE + " and commit it.");
    }
    JsonNode checkedIn = canonical(JSON.readTree(Files.readString(copy)));
    if (!checkedIn.equals(served)) {
      fail("The served OpenAPI document differs from " + COPY + ":\n  " + String.join("\n  ", differences(checkedIn, served, ""))
          + "\nIf the API changed on purpose, run " + UPDATE + " (or ./mvnw -pl server -am test -Dtest=ApiContractTests "
          + "-Dsurefire.failIfNoSpecifiedTests=false -Dsteward.openapi.update=true), regenerate the Python client with "
          + "clients/python/generate.sh, and commit both.");
    }
  }

  @Test
  void namesAndTagsEveryOperation() {
    List<String> ids = new ArrayList<>();
    served.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
      String label = op.getKey().toUpperCase() + " " + path.getKey();
      assertThat(op.getValue().path("summary").asString()).as(label).isNotBlank();
      assertThat(op.getValue().path("tags")).as(label).hasSize(1);
      assertThat(op.getValue().path("operationId").asString()).as(label).matches("[a-z][A-Za-z]+");
      ids.add(op.getValue().path("operationId").asString());
    }));
    assertThat(ids).doesNotHaveDuplicates();
    assertThat(served.path("info").path("title").asString()).isEqualTo("Steward API");
    assertThat(served.path("info").path("description").asString()).contains("Bearer");
  }

  @Test
  void carriesTheServersValidationRules() {
    JsonNode schemas = served.path("components").path("schemas");
    assertThat(schemas.path("Dataset").path("required").toString()).contains("name", "uri", "contentDigest");
    assertThat(schemas.path("Dataset").path("properties").path("name").path("pattern").asString())
        .isEqualTo("^[a-z0-9][a-z0-9._-]*$");
    assertThat(schemas.path("Dataset").path("properties").path("name").path("maxLength").asInt()).isEqualTo(128);
    assertThat(schemas.path("Dataset").path("properties").path("contentDigest").path("pattern").asString())
        .isEqualTo("^sha256:[0-9a-f]{64}$");
    assertThat(schemas.path("Ref").path("properties").path("version").path("minimum").asInt()).isEqualTo(1);
    assertThat(schemas.path("PromotionRequest").path("required").toString()).contains("model", "version", "environment");
    assertThat(schemas.path("NewModelVersion").path("required").toString()).contains("artifactUri", "format")
        .doesNotContain("metrics");
    JsonNode size = parameter(served.path("paths").path("/api/v1/datasets").path("get"), "size");
    assertThat(size.path("schema").path("maximum").asInt()).isEqualTo(500);
  }

  @Test
  void describesTheTrafficBodies() {
    JsonNode rows = served.path("paths").path("/api/v1/drift/rows").path("post").path("requestBody");
    assertThat(rows.path("content").path("application/x-ndjson").path("schema").path("description").asString())
        .contains("request_id").contains("features");
    assertThat(rows.path("content").path("application/x-ndjson").path("example").asString()).contains("\"score\"");
    JsonNode kserve = served.path("paths").path("/api/v1/drift/kserve/{key}").path("post");
    assertThat(kserve.path("requestBody").path("content").path("application/json").path("schema").path("description")
        .asString()).contains("CloudEvent");
    assertThat(parameter(kserve, "ce-id").path("in").asString()).isEqualTo("header");
  }

  private static JsonNode parameter(JsonNode operation, String name) {
    for (JsonNode p : operation.path("parameters")) {
      if (p.path("name").asString().equals(name)) {
        return p;
      }
    }
    throw new AssertionError("no parameter " + name + " in " + operation);
  }

  /** Object keys sorted, and the server URL (it names the test's port) left out. */
  static JsonNode canonical(JsonNode node) {
    if (node.isObject()) {
      Map<String, JsonNode> sorted = new TreeMap<>();
      node.properties().forEach(e -> sorted.put(e.getKey(), canonical(e.getValue())));
      ObjectNode object = JSON.createObjectNode();
      sorted.forEach((k, v) -> {
        if (!(k.equals("servers") && node.has("openapi"))) {
          object.set(k, v);
        }
      });
      return object;
    }
    if (node.isArray()) {
      ArrayNode array = JSON.createArrayNode();
      node.forEach(e -> array.add(canonical(e)));
      return array;
    }
    return node;
  }

  /** Where two documents differ, as JSON pointers (at most 20). */
  static List<String> differences(JsonNode expected, JsonNode actual, String at) {
    List<String> out = new ArrayList<>();
    collect(expected, actual, at, out);
    return out.size() > 20 ? out.subList(0, 20) : out;
  }

  private static void collect(JsonNode expected, JsonNode actual, String at, List<String> out) {
    if (expected.equals(actual) || out.size() > 20) {
      return;
    }
    if (expected.isObject() && actual.isObject()) {
      expected.propertyNames().forEach(k -> {
        if (!actual.has(k)) {
          out.add("removed " + at + "/" + k);
        } else {
          collect(expected.get(k), actual.get(k), at + "/" + k.replace("~", "~0").replace("/", "~1"), out);
        }
      });
      actual.propertyNames().forEach(k -> {
        if (!expected.has(k)) {
          out.add("added   " + at + "/" + k);
        }
      });
      return;
    }
    out.add("changed " + (at.isEmpty() ? "/" : at) + ": " + abbreviate(expected) + " -> " + abbreviate(actual));
  }

  private static String abbreviate(JsonNode node) {
    String text = node.toString();
    return text.length() <= 100 ? text : text.substring(0, 97) + "...";
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("server/api"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("cannot find server/api above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }
}
