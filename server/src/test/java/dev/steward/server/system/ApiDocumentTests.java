package dev.steward.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The served OpenAPI document describes every answer an operation can give: the bearer scheme, the
 * refusals as problem details, the success status of creations. bin/test-all fuzzes against it
 * (server/scripts/fuzz-api.sh), so an answer it does not describe fails the build.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiDocumentTests {
  private static final String PROBLEM = "#/components/schemas/ProblemDetail";

  Path dataDir;
  Steward steward;
  JsonNode document;

  @BeforeAll
  void start() throws Exception {
    dataDir = Files.createTempDirectory("steward-openapi");
    steward = Steward.start(dataDir, Database.h2());
    Api.Answer answer = steward.admin().as(null).get("/v3/api-docs");
    assertThat(answer.status()).isEqualTo(200);
    document = answer.json();
  }

  @AfterAll
  void stop() {
    steward.close();
    Steward.deleteRecursively(dataDir);
  }

  @Test
  void describesBearerTokens() {
    assertThat(document.path("components").path("securitySchemes").path("bearer").path("scheme").asString())
        .isEqualTo("bearer");
    assertThat(document.path("security").toString()).contains("bearer");
    JsonNode kserve = operation("post", "/api/v1/drift/kserve/{key}");
    assertThat(kserve.path("security").isArray() && kserve.path("security").isEmpty()).as("open: the key is in the path")
        .isTrue();
  }

  @Test
  void describesTheRefusalsOfEveryOperationAsProblemDetails() {
    List<String> checked = new ArrayList<>();
    document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
      if (!path.getKey().startsWith("/api/")) {
        return;
      }
      String label = op.getKey().toUpperCase() + " " + path.getKey();
      JsonNode responses = op.getValue().path("responses");
      boolean open = path.getKey().startsWith("/api/v1/drift/kserve/");
      for (String status : open ? List.of("400", "403", "406", "413", "503") : List.of("400", "401", "403", "406", "413", "503")) {
        assertThat(responses.path(status).path("content").path("application/problem+json").path("schema")
            .path("$ref").asString()).as(label + " " + status).isEqualTo(PROBLEM);
      }
      if (op.getValue().has("requestBody")) {
        assertThat(responses.has("415")).as(label).isTrue();
      }
      if (path.getKey().contains("{")) {
        assertThat(responses.has("404")).as(label).isTrue();
      }
      if (!op.getKey().equals("get")) {
        assertThat(responses.has("409") && responses.has("422")).as(label).isTrue();
      }
      checked.add(label);
    }));
    assertThat(checked).hasSizeGreaterThan(50);
    JsonNode problem = document.path("components").path("schemas").path("ProblemDetail");
    assertThat(problem.path("required").toString()).contains("type", "title", "status", "detail");
    assertThat(problem.path("properties").path("errors").path("items").path("$ref").asString())
        .isEqualTo("#/components/schemas/FieldError");
  }

  @Test
  void namesTheRolesAnOperationNeeds() {
    assertThat(operation("post", "/api/v1/datasets").path("responses").path("403").path("description").asString())
        .contains("ml-engineer").contains("admin");
    assertThat(operation("post", "/api/v1/promotions/{id}/decisions").path("description").asString())
        .contains("reviewer");
  }

  @Test
  void givesCreationsTheirStatus() {
    assertThat(operation("post", "/api/v1/datasets").path("responses").has("201")).isTrue();
    assertThat(operation("post", "/api/v1/datasets").path("responses").has("200")).isFalse();
    assertThat(operation("post", "/api/v1/admin/tokens").path("responses").has("201")).isTrue();
    assertThat(operation("delete", "/api/v1/models/{name}/aliases/{alias}").path("responses").has("204")).isTrue();
    assertThat(operation("post", "/api/v1/drift/kserve/{key}").path("responses").has("202")).isTrue();
    assertThat(operation("post", "/api/v1/datasets").path("responses").path("201").path("content")
        .has("application/json")).isTrue();
  }

  @Test
  void describesTheBodiesOfTheTrafficEndpoints() {
    assertThat(operation("post", "/api/v1/drift/rows").path("requestBody").path("content").has("application/x-ndjson"))
        .isTrue();
    assertThat(operation("post", "/api/v1/drift/models/{model}/versions/{version}/reference").path("requestBody")
        .path("content").has("text/csv")).isTrue();
  }

  private JsonNode operation(String method, String path) {
    JsonNode op = document.path("paths").path(path).path(method);
    assertThat(op.isMissingNode()).as(method + " " + path).isFalse();
    return op;
  }
}
