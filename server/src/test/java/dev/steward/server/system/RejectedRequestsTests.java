package dev.steward.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.lineage.Lineage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bad input gets a 4xx problem detail that says what was wrong, and changes nothing: no commit in the
 * registry repository and no row in the index. That holds for what Tomcat, Spring Security and Spring MVC
 * refuse before a controller runs too: every answer is {@code application/problem+json} with a type, no
 * null member, and no Java class or Jackson setting in its detail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RejectedRequestsTests {
  private static final String[] TABLES = {"registry_entity", "registry_tag", "registry_reference", "registry_alias",
      "registry_change", "access_token"};
  /** What a detail must not show a caller: Java names, Jackson's types and settings. */
  private static final Pattern INTERNALS = Pattern.compile(
      "java\\.|javax\\.|jakarta\\.|tools\\.jackson|com\\.fasterxml|dev\\.steward|org\\.springframework|Exception|`"
          + "|FAIL_ON|ACCEPT_|ALLOW_|CoercionConfig|MapperFeature|DeserializationFeature|StreamReadFeature");
  private static final long TRAFFIC_LIMIT = 256 * 1024;

  Path dataDir;
  Steward steward;
  Api alice;
  Api rita;
  Api feeder;

  abstract Database database();

  @BeforeAll
  void start() throws java.io.IOException {
    dataDir = java.nio.file.Files.createTempDirectory("steward-test");
    steward = Steward.start(dataDir, database(), Map.of("steward.max-traffic-request-size", TRAFFIC_LIMIT + "B"));
    alice = steward.admin().as(steward.admin().issue("alice", "ml-engineer"));
    rita = steward.admin().as(steward.admin().issue("rita", "reviewer"));
    feeder = steward.admin().as(steward.admin().issue("traffic-feeder", "ingest"));
    RegistryFixtures.registerChurn(alice);
    RegistryFixtures.expectCreated(alice.post("/api/v1/models/churn/versions", RegistryFixtures.minimalModelVersion()));
    // version 2 has a feature set, so drift monitoring checks what is sent against it
    ObjectNode withFeatures = RegistryFixtures.minimalModelVersion().put("artifactUri", "s3://models/churn/v2");
    withFeatures.set("featureSet", RegistryFixtures.ref("churn-features", 1));
    RegistryFixtures.expectCreated(alice.post("/api/v1/models/churn/versions", withFeatures));
  }

  @AfterAll
  void stop() {
    if (steward != null) {
      steward.close();
    }
    Steward.deleteRecursively(dataDir);
  }

  /** Who sends it: the admin, alice (ml-engineer), rita (reviewer), a traffic feeder, nobody, or a made-up token. */
  enum Caller { ADMIN, ALICE, RITA, FEEDER, ANONYMOUS, FORGED }

  /** A body sent as it is, with its own Content-Type (or none), optionally chunked, plus extra headers. */
  record Raw(@Nullable String contentType, byte @Nullable [] body, boolean chunked, Map<String, String> headers) {
    static Raw of(@Nullable String contentType, String body) {
      return new Raw(contentType, body.getBytes(StandardCharsets.UTF_8), false, Map.of());
    }

    static Raw chunked(String contentType, byte[] body) {
      return new Raw(contentType, body, true, Map.of());
    }

    static Raw headers(Map<String, String> headers) {
      return new Raw(null, null, false, headers);
    }

    @Override
    public String toString() {
      return contentType + (chunked ? " chunked" : "");
    }
  }

  /** One refused request and what the answer must say: its status, a phrase of the detail, the field named. */
  record Case(Caller caller, String method, String path, @Nullable Object body, int status, String mention,
      @Nullable String field) {}

  static Stream<Arguments> badRequests() {
    ObjectNode unknownField = RegistryFixtures.dataset("d1").put("colour", "blue");
    ObjectNode missingUri = RegistryFixtures.dataset("d2");
    missingUri.remove("uri");
    ObjectNode badRef = RegistryFixtures.featureSet("f1", "churn-events", 99);
    ObjectNode missingDataset = RegistryFixtures.featureSet("f1", "no-such-dataset", 1);
    ObjectNode badReason = RegistryFixtures.explanationTemplate("e1", "churn-features", 1);
    ((ObjectNode) badReason.get("reasons")).put("income", "Income is low");
    ObjectNode badThreshold = RegistryFixtures.thresholdSet("t1");
    ((ObjectNode) badThreshold.get("values")).put("decision_threshold", 1.5);
    ObjectNode unknownThreshold = RegistryFixtures.thresholdSet("t2");
    ((ObjectNode) unknownThreshold.get("values")).put("psi_panic", 0.5);
    ObjectNode ftp = RegistryFixtures.minimalModelVersion().put("artifactUri", "ftp://models/churn");
    ObjectNode notUri = RegistryFixtures.minimalModelVersion().put("artifactUri", "s3://bucket with spaces/x");
    ObjectNode noFormat = RegistryFixtures.minimalModelVersion();
    noFormat.remove("format");
    ObjectNode nanMetric = RegistryFixtures.minimalModelVersion();
    nanMetric.putObject("metrics").put("auc", "NaN");
    String dataset = Api.JSON.writeValueAsString(RegistryFixtures.dataset("y1"));
    Map<String, Case> cases = new LinkedHashMap<>();
    cases.put("malformed JSON", new Case(Caller.ALICE, "POST", "/api/v1/datasets", "{\"name\": \"x\",", 400,
        "not valid JSON", null));
    cases.put("unknown field", new Case(Caller.ALICE, "POST", "/api/v1/datasets", unknownField, 400, "colour", "colour"));
    cases.put("missing field", new Case(Caller.ALICE, "POST", "/api/v1/datasets", missingUri, 400, "uri", "uri"));
    cases.put("fraction for an integer", new Case(Caller.ALICE, "POST", "/api/v1/datasets",
        RegistryFixtures.dataset("d3").put("rowCount", 1.5), 400, "rowCount", "rowCount"));
    cases.put("upper-case name", new Case(Caller.ALICE, "POST", "/api/v1/datasets", RegistryFixtures.dataset("Churn"), 400,
        "name", "name"));
    cases.put("name over 128", new Case(Caller.ALICE, "POST", "/api/v1/datasets", RegistryFixtures.dataset("a".repeat(129)),
        400, "128", "name"));
    cases.put("dot-dot name", new Case(Caller.ALICE, "POST", "/api/v1/datasets", RegistryFixtures.dataset("a..b"), 400,
        "'..'", "name"));
    cases.put("slash in name", new Case(Caller.ALICE, "POST", "/api/v1/datasets", RegistryFixtures.dataset("a/b"), 400,
        "name", "name"));
    cases.put("dot-dot model in path", new Case(Caller.ALICE, "POST", "/api/v1/models/..x/versions",
        RegistryFixtures.minimalModelVersion(), 400, "model", "model"));
    cases.put("bad content digest", new Case(Caller.ALICE, "POST", "/api/v1/datasets",
        RegistryFixtures.dataset("d4").put("contentDigest", "md5:abc"), 400, "contentDigest", "contentDigest"));
    cases.put("bad dataset URI", new Case(Caller.ALICE, "POST", "/api/v1/datasets",
        RegistryFixtures.dataset("d5").put("uri", "no scheme"), 400, "uri", "uri"));
    cases.put("unresolved version", new Case(Caller.ALICE, "POST", "/api/v1/feature-sets", badRef, 422,
        "churn-events version 99", "sourceDatasets[0]"));
    cases.put("unresolved name", new Case(Caller.ALICE, "POST", "/api/v1/feature-sets", missingDataset, 422,
        "no-such-dataset", "sourceDatasets[0]"));
    cases.put("reason for unknown feature", new Case(Caller.ALICE, "POST", "/api/v1/explanation-templates", badReason, 422,
        "income", "reasons.income"));
    cases.put("threshold out of range", new Case(Caller.ALICE, "POST", "/api/v1/threshold-sets", badThreshold, 400,
        "decision_threshold", "values.decision_threshold"));
    cases.put("unknown threshold", new Case(Caller.ALICE, "POST", "/api/v1/threshold-sets", unknownThreshold, 400,
        "psi_panic", "values.psi_panic"));
    cases.put("non-KServe storage scheme", new Case(Caller.ALICE, "POST", "/api/v1/models/churn/versions", ftp, 400,
        "ftp", "artifactUri"));
    cases.put("invalid artifact URI", new Case(Caller.ALICE, "POST", "/api/v1/models/churn/versions", notUri, 400,
        "artifactUri", "artifactUri"));
    cases.put("missing model format", new Case(Caller.ALICE, "POST", "/api/v1/models/churn/versions", noFormat, 400,
        "format", "format.name"));
    cases.put("NaN metric", new Case(Caller.ALICE, "POST", "/api/v1/models/churn/versions", nanMetric, 400, "auc",
        "metrics.auc"));
    cases.put("version of unknown model", new Case(Caller.ALICE, "POST", "/api/v1/models/nope/versions",
        RegistryFixtures.minimalModelVersion(), 404, "nope", null));
    cases.put("model registered twice", new Case(Caller.ALICE, "POST", "/api/v1/models", RegistryFixtures.model("churn"),
        409, "already", null));
    cases.put("alias to missing version", new Case(Caller.ALICE, "PUT", "/api/v1/models/churn/aliases/champion",
        Api.object().put("version", 42), 422, "churn version 42", "version"));
    cases.put("removing an unset alias", new Case(Caller.ALICE, "DELETE", "/api/v1/models/churn/aliases/ghost", null, 404,
        "ghost", null));
    cases.put("body over the size limit", new Case(Caller.ALICE, "POST", "/api/v1/datasets",
        RegistryFixtures.dataset("big").put("description", "x".repeat(1_100_000)), 413, "limit", null));
    cases.put("no token", new Case(Caller.ANONYMOUS, "POST", "/api/v1/datasets", RegistryFixtures.dataset("d6"), 401,
        "Bearer", null));
    cases.put("wrong token", new Case(Caller.FORGED, "POST", "/api/v1/datasets", RegistryFixtures.dataset("d7"), 401,
        "not valid", null));
    // a 403 names the roles that would be needed
    cases.put("reviewer registering", new Case(Caller.RITA, "POST", "/api/v1/datasets", RegistryFixtures.dataset("d8"),
        403, "needs one of the roles ml-engineer or admin", null));
    cases.put("ingest service registering", new Case(Caller.FEEDER, "POST", "/api/v1/datasets",
        RegistryFixtures.dataset("d9"), 403, "ml-engineer or admin", null));
    cases.put("ingest service reading the registry", new Case(Caller.FEEDER, "GET", "/api/v1/datasets", null, 403,
        "ml-engineer, reviewer, oncall, policy-admin, privacy-officer or admin", null));
    cases.put("engineer issuing tokens", new Case(Caller.ALICE, "POST", "/api/v1/admin/tokens",
        Api.object().put("principal", "mallory").set("roles", Api.JSON.createArrayNode().add("admin")), 403,
        "needs the role admin", null));
    cases.put("text as version", new Case(Caller.ALICE, "GET", "/api/v1/datasets/churn-events/versions/latest", null, 400,
        "integer", "version"));

    // only application/json is read, and read strictly
    cases.put("YAML body", new Case(Caller.ALICE, "POST", "/api/v1/datasets", Raw.of("application/yaml",
        "name: y2\nuri: s3://lake/y2\ncontentDigest: " + RegistryFixtures.DATA_DIGEST + "\nrowCount: '12'\ncolour: blue\n"),
        415, "application/json", null));
    cases.put("plain text body", new Case(Caller.ALICE, "POST", "/api/v1/datasets", Raw.of("text/plain", dataset), 415,
        "application/json", null));
    cases.put("another JSON media type", new Case(Caller.ALICE, "POST", "/api/v1/datasets",
        Raw.of("application/merge-patch+json", dataset), 415, "application/json", null));
    cases.put("body without a content type", new Case(Caller.ALICE, "POST", "/api/v1/datasets", Raw.of(null, dataset),
        415, "application/json", null));
    cases.put("duplicate key issuing an admin token", new Case(Caller.ADMIN, "POST", "/api/v1/admin/tokens",
        "{\"principal\": \"bob\", \"roles\": [\"reviewer\"], \"roles\": [\"admin\"]}", 400, "twice", "roles"));
    cases.put("duplicate key in a nested object", new Case(Caller.ALICE, "POST", "/api/v1/datasets",
        dataset.replace("\"tags\":{\"team\":\"retention\"}", "\"tags\":{\"team\":\"retention\",\"team\":\"risk\"}"), 400,
        "twice", "tags.team"));
    cases.put("text for a number", new Case(Caller.ALICE, "POST", "/api/v1/datasets",
        RegistryFixtures.dataset("d10").put("rowCount", "120000"), 400, "must be an integer", "rowCount"));
    cases.put("number for text", new Case(Caller.ALICE, "POST", "/api/v1/datasets",
        RegistryFixtures.dataset("d11").put("description", 12), 400, "must be a string", "description"));
    cases.put("boolean for text", new Case(Caller.ALICE, "POST", "/api/v1/datasets",
        RegistryFixtures.dataset("d12").put("description", true), 400, "must be a string", "description"));
    cases.put("1.0 for an integer", new Case(Caller.ALICE, "POST", "/api/v1/datasets",
        RegistryFixtures.dataset("d13").put("rowCount", 1.0), 400, "must be an integer", "rowCount"));
    cases.put("1.0 for a version", new Case(Caller.ALICE, "PUT", "/api/v1/models/churn/aliases/champion",
        "{\"version\": 1.0}", 400, "must be an integer", "version"));
    cases.put("integer out of range", new Case(Caller.ALICE, "PUT", "/api/v1/models/churn/aliases/champion",
        "{\"version\": 99999999999}", 400, "2147483647", "version"));
    cases.put("number that underflows to 0", new Case(Caller.ALICE, "POST", "/api/v1/threshold-sets",
        "{\"name\": \"t3\", \"values\": {\"decision_threshold\": 1e-400}}", 400, "too small", "values.decision_threshold"));
    cases.put("number that overflows", new Case(Caller.ALICE, "POST", "/api/v1/threshold-sets",
        "{\"name\": \"t4\", \"values\": {\"min_auc\": 1e400}}", 400, "too large", "values.min_auc"));
    cases.put("text after the object", new Case(Caller.ALICE, "POST", "/api/v1/datasets", dataset + " {}", 400,
        "not valid JSON", null));
    // multipart bodies are parsed before security and before a controller is chosen
    cases.put("multipart without boundary on health, anonymous", new Case(Caller.ANONYMOUS, "GET", "/actuator/health",
        Raw.of("multipart/form-data", "x"), 400, "boundary", null));
    cases.put("multipart without boundary on the API", new Case(Caller.ALICE, "POST", "/api/v1/datasets",
        Raw.of("multipart/form-data", "x"), 400, "boundary", null));
    // a body without a declared length is held to the same limit
    cases.put("chunked body over the limit", new Case(Caller.ALICE, "POST", "/api/v1/datasets",
        Raw.chunked("application/json", Api.JSON.writeValueAsBytes(
            RegistryFixtures.dataset("big").put("description", "x".repeat(1_100_000)))), 413, "limit", null));
    cases.put("chunked traffic over the limit", new Case(Caller.FEEDER, "POST", "/api/v1/drift/rows",
        Raw.chunked("application/x-ndjson", trafficLines(TRAFFIC_LIMIT + 1024)), 413, "limit", null));
    cases.put("segment column outside the feature set", new Case(Caller.ALICE, "POST",
        "/api/v1/drift/models/churn/versions/2/reference?segments=plan,region", Raw.of("application/x-ndjson",
            "{\"features\":{\"tenure\":3,\"plan\":\"basic\"},\"score\":0.8,\"label\":1}\n"), 422, "'region'",
        "segments"));
    // refused by Tomcat or Spring Security's firewall before any controller
    cases.put("encoded slash in the path", new Case(Caller.ALICE, "GET", "/api/v1/datasets/a%2Fb/versions", null, 400,
        "%2F", null));
    cases.put("NUL in the path", new Case(Caller.ALICE, "GET", "/api/v1/datasets/a%00b/versions", null, 400, "NUL", null));
    cases.put("encoded backslash in the path", new Case(Caller.ALICE, "GET", "/api/v1/datasets/a%5Cb/versions", null, 400,
        "%5C", null));
    cases.put("dot-dot segment in the path", new Case(Caller.ALICE, "GET", "/api/v1/datasets/../models", null, 400,
        "'..'", null));
    cases.put("encoded dots in the path", new Case(Caller.ANONYMOUS, "GET", "/api/v1/datasets/%2e%2e/models", null, 400,
        "'..'", null));
    cases.put("semicolon in the path", new Case(Caller.ALICE, "GET", "/api/v1/datasets/a;x=1/versions", null, 400,
        "';'", null));
    cases.put("malformed query string", new Case(Caller.ALICE, "GET", "/api/v1/datasets?=1&page=0", null, 400,
        "query string", null));
    cases.put("unknown path", new Case(Caller.ALICE, "GET", "/api/v1/nothing-here", null, 404, "/v3/api-docs", null));
    cases.put("unknown method", new Case(Caller.ALICE, "PATCH", "/api/v1/datasets", Raw.of("application/json", dataset),
        405, "allowed: GET, POST", null));
    cases.put("an Accept without JSON", new Case(Caller.ALICE, "GET", "/api/v1/datasets",
        Raw.headers(Map.of("Accept", "text/html")), 406, "application/json", null));
    // principals Steward uses itself
    cases.put("token for principal steward", new Case(Caller.ADMIN, "POST", "/api/v1/admin/tokens",
        tokenRequest("steward"), 400, "reserved", "principal"));
    cases.put("token for principal anonymous", new Case(Caller.ADMIN, "POST", "/api/v1/admin/tokens",
        tokenRequest("anonymous"), 400, "reserved", "principal"));
    cases.put("token for a system: principal", new Case(Caller.ADMIN, "POST", "/api/v1/admin/tokens",
        tokenRequest("system:deployer"), 400, "reserved", "principal"));
    return cases.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void rejectsWithProblemDetailAndChangesNothing(String label, Case c) {
    Lineage lineage = steward.bean(Lineage.class);
    String headBefore = lineage.head().orElseThrow();
    Map<String, Long> rowsBefore = steward.rowCounts(TABLES);

    Api.Answer answer = send(c.caller(), c.method(), c.path(), c.body());

    assertThat(answer.status()).as(answer.toString()).isEqualTo(c.status());
    assertThat(answer.contentType()).as(answer.toString()).startsWith("application/problem+json");
    JsonNode problem = answer.json();
    assertThat(problem.path("status").asInt()).isEqualTo(c.status());
    assertThat(problem.path("type").asString()).as(answer.toString()).startsWith("https://steward.dev/problems/");
    assertThat(problem.path("title").asString()).as(answer.toString()).isNotBlank();
    String detail = problem.path("detail").asString();
    assertThat(detail).as(answer.toString()).contains(c.mention());
    assertThat(detail).as("no Java or Jackson names in the detail").doesNotContainPattern(INTERNALS);
    assertThat(nullMembers(problem, "")).as("null members of " + answer).isEmpty();
    if (c.field() != null) {
      List<String> fields = new ArrayList<>();
      problem.path("errors").forEach(e -> fields.add(e.path("field").asString()));
      assertThat(problem.path("field").asString()).as(answer.toString()).isEqualTo(c.field());
      assertThat(fields).as(answer.toString()).contains(c.field());
    }
    assertThat(lineage.head()).contains(headBefore);
    assertThat(steward.rowCounts(TABLES)).isEqualTo(rowsBefore);
  }

  /** All the field errors of a request come in one answer, not one per attempt. */
  @Test
  void reportsEveryFieldErrorOfARequestAtOnce() {
    ObjectNode body = RegistryFixtures.dataset("Bad Name").put("uri", "no scheme").put("contentDigest", "md5:x")
        .put("rowCount", -1);
    ((ObjectNode) body.get("schema").get(1)).put("name", "9lives");
    String headBefore = steward.bean(Lineage.class).head().orElseThrow();

    Api.Answer answer = alice.post("/api/v1/datasets", body);

    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    answer.json().path("errors").forEach(e -> {
      fields.add(e.path("field").asString());
      assertThat(e.path("detail").asString()).isNotBlank();
    });
    assertThat(fields).containsExactly("name", "uri", "contentDigest", "schema[1].name", "rowCount");
    assertThat(answer.text("detail")).contains("name").contains("uri").contains("contentDigest").contains("rowCount");
    assertThat(steward.bean(Lineage.class).head()).contains(headBefore);
  }

  /** Every reference that is not registered is named, too. */
  @Test
  void reportsEveryUnresolvedReferenceAtOnce() {
    ObjectNode body = RegistryFixtures.minimalModelVersion();
    body.putArray("datasets").add(RegistryFixtures.ref("churn-events", 7)).add(RegistryFixtures.ref("no-such", 1));
    body.set("thresholdSet", RegistryFixtures.ref("churn-thresholds", 9));

    Api.Answer answer = alice.post("/api/v1/models/churn/versions", body);

    assertThat(answer.status()).as(answer.toString()).isEqualTo(422);
    List<String> fields = new ArrayList<>();
    answer.json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
    assertThat(fields).containsExactly("datasets[0]", "datasets[1]", "thresholdSet");
  }

  private Api.Answer send(Caller caller, String method, String path, @Nullable Object body) {
    Api api = switch (caller) {
      case ADMIN -> steward.admin();
      case ALICE -> alice;
      case RITA -> rita;
      case FEEDER -> feeder;
      case ANONYMOUS -> alice.as(null);
      case FORGED -> alice.as("stw_forged");
    };
    if (body instanceof Raw raw) {
      Map<String, String> headers = new LinkedHashMap<>(raw.headers());
      if (raw.contentType() != null) {
        headers.put("Content-Type", raw.contentType());
      }
      return api.send(method, path, headers, raw.body(), raw.chunked());
    }
    String json = body == null ? null : body instanceof String s ? s : Api.JSON.writeValueAsString(body);
    return api.send(method, path, json);
  }

  private static List<String> nullMembers(JsonNode node, String at) {
    List<String> nulls = new ArrayList<>();
    if (node.isNull()) {
      nulls.add(at);
    }
    node.properties().forEach(e -> nulls.addAll(nullMembers(e.getValue(), at + "." + e.getKey())));
    for (int i = 0; node.isArray() && i < node.size(); i++) {
      nulls.addAll(nullMembers(node.get(i), at + "[" + i + "]"));
    }
    return nulls;
  }

  private static ObjectNode tokenRequest(String principal) {
    ObjectNode body = Api.object().put("principal", principal);
    body.putArray("roles").add("reviewer");
    return body;
  }

  /** Well-formed rows for a model version without a reference profile, more than {@code bytes} of them. */
  private static byte[] trafficLines(long bytes) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; sb.length() <= bytes; i++) {
      sb.append("{\"request_id\": \"r").append(i).append("\", \"model\": \"churn\", \"version\": 1, ")
          .append("\"timestamp\": \"2026-11-01T00:00:00Z\", \"features\": {\"tenure\": 3}, \"score\": 0.4}\n");
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }
}
