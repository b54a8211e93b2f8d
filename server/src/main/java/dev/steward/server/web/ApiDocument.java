package dev.steward.server.web;

import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Completes the OpenAPI document springdoc derives from the controllers ({@code /v3/api-docs}), for all
 * modules at once: the problem detail every refusal is ({@code ProblemDetail}, {@code FieldError}),
 * the refusals every operation can answer (400, 406, 413, 503; 404 with a path parameter; 409 and 422
 * for changes; 415 with a body), the success status of each operation where it is not 200 (201 for
 * creations), {@code application/json} instead of {@code *}{@code /*}, and the bodies of the drift
 * endpoints that read their body themselves. 401 and 403 come from the access rules
 * ({@code access.AccessDocument}).
 */
@Configuration(proxyBeanMethods = false)
class ApiDocument {
  static final String PROBLEM = "ProblemDetail";
  static final String PROBLEM_JSON = "application/problem+json";
  private static final String API = "/api/";

  /** Operations that answer another success status than 200; the fuzzing run in bin/test-all checks them. */
  private static final Map<String, List<String>> SUCCESS = Map.ofEntries(
      Map.entry("POST /api/v1/datasets", List.of("201")),
      Map.entry("POST /api/v1/feature-sets", List.of("201")),
      Map.entry("POST /api/v1/threshold-sets", List.of("201")),
      Map.entry("POST /api/v1/explanation-templates", List.of("201")),
      Map.entry("POST /api/v1/models", List.of("201")),
      Map.entry("POST /api/v1/models/{name}/versions", List.of("201")),
      Map.entry("DELETE /api/v1/models/{name}/aliases/{alias}", List.of("204")),
      Map.entry("POST /api/v1/policies", List.of("201")),
      Map.entry("POST /api/v1/promotions", List.of("201")),
      Map.entry("POST /api/v1/imports/mlflow", List.of("201", "200")),
      Map.entry("POST /api/v1/drift/models/{model}/versions/{version}/reference", List.of("201")),
      Map.entry("POST /api/v1/drift/kserve/{key}", List.of("202")),
      Map.entry("POST /api/v1/admin/tokens", List.of("201")),
      Map.entry("POST /api/v1/datasets/{name}/versions/{version}/revocations", List.of("201")),
      Map.entry("DELETE /api/v1/admin/tokens/{id}", List.of("204")));

  /** Operations without a path parameter that still answer 404: what the body or the query names is missing. */
  private static final Set<String> NOT_FOUND_WITHOUT_PATH = Set.of(
      "POST /api/v1/promotions", "POST /api/v1/imports/mlflow", "GET /api/v1/deployments", "GET /api/v1/costs");

  /** Refusals particular to one operation. */
  private static final Map<String, Map<String, String>> PARTICULAR = Map.of(
      "POST /api/v1/imports/mlflow", Map.of("502", "The MLflow tracking server could not be reached or answered "
          + "with an error; nothing was imported."),
      "POST /api/v1/alerts/alertmanager", Map.of("503", "An alert could not be handled for a transient reason (the "
          + "registry repository or the database); nothing of it was done, Alertmanager sends it again."));

  /** Operations whose controller reads the body itself, so springdoc cannot see it: media type, description, example. */
  private static final Map<String, Map<String, List<String>>> RAW_BODIES = Map.of(
      "POST /api/v1/drift/rows", Map.of("application/x-ndjson", List.of(
          "JSON lines, one scored row per line: {\"request_id\", \"model\", \"version\", \"environment\" "
              + "(default 'default'), \"timestamp\" (ISO-8601 or epoch milliseconds), \"features\": {name: value}, "
              + "\"score\", \"label\" (optional, 0/1)}. Up to steward.drift.max-batch-rows lines; each bad line is "
              + "listed in the answer's rejections, the others are accepted.",
          "{\"request_id\":\"r-1\",\"model\":\"churn\",\"version\":1,\"environment\":\"production\","
              + "\"timestamp\":\"2026-11-30T10:00:00Z\",\"features\":{\"tenure\":3,\"plan\":\"basic\"},\"score\":0.82}\n")),
      "POST /api/v1/drift/labels", Map.of("application/x-ndjson", List.of(
          "JSON lines, one ground-truth label per line: {\"request_id\", \"model\", \"version\", \"environment\", "
              + "\"label\" (0/1/true/false)}, joined by request id to the scored row while its window is open.",
          "{\"request_id\":\"r-1\",\"model\":\"churn\",\"version\":1,\"environment\":\"production\",\"label\":1}\n")),
      "POST /api/v1/drift/models/{model}/versions/{version}/reference", new TreeMap<>(Map.of(
          "text/csv", List.of("the reference sample with a header: one column per feature of the version's feature "
              + "set, optional score and label columns", "tenure,plan,score,label\n3,basic,0.82,1\n"),
          "application/x-ndjson", List.of("the reference sample as JSON lines: {\"features\": {name: value}, "
              + "\"score\", \"label\"} per line", "{\"features\":{\"tenure\":3,\"plan\":\"basic\"},\"score\":0.82,\"label\":1}\n"),
          "application/vnd.apache.parquet", List.of("the reference sample as a Parquet file (for example the version's "
              + "training data; pick columns with ?columns=a,b)", ""))),
      "POST /api/v1/drift/kserve/{key}", Map.of("application/json", List.of(
          "the data of a binary-mode CloudEvent from KServe's payload logger: the request ({\"instances\": [...]} "
              + "or the Open Inference Protocol's {\"inputs\": [...]}) when ce-type is "
              + "org.kubeflow.serving.inference.request, the response ({\"predictions\": [...]} or {\"outputs\": "
              + "[...]}) when it is ...response; request and response share ce-id.",
          "{\"instances\":[[3,\"basic\"]]}")),
      "POST /api/v1/alerts/alertmanager", Map.of("application/json", List.of(
          "Alertmanager's webhook payload, version 4", "{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[]}")));

  @Bean
  OpenApiCustomizer problemResponses() {
    return ApiDocument::complete;
  }

  @Bean
  ModelConverter validationSchemas() {
    return new ValidationSchemas();
  }

  static void complete(OpenAPI api) {
    api.info(new Info().title("Steward API").version("v1")
        .description("MLOps control plane and model registry with Git-backed lineage: register datasets, features, "
            + "thresholds, explanation templates and model versions; promote them through approval gates; deploy "
            + "them as KServe InferenceServices; watch their drift. Authenticate with an API token as "
            + "'Authorization: Bearer <token>' (Authorize in Swagger UI). Every refusal is an RFC 9457 problem detail "
            + "(application/problem+json) naming the field(s) at fault in 'errors'. Clients: the steward command "
            + "line and the steward-client Python package, both built on this document."));
    Components components = api.getComponents() == null ? new Components() : api.getComponents();
    api.components(components);
    components.addSchemas("FieldError", object(Map.of(
        "field", string("where: a field path such as features[2].name; empty for the body as a whole"),
        "detail", string("what is wrong and what to send instead")), List.of("field", "detail")));
    Map<String, Schema> problem = new LinkedHashMap<>();
    problem.put("type", string("URI of the problem type, https://steward.dev/problems/<type>"));
    problem.put("title", string("short summary of the problem type"));
    problem.put("status", new Schema<>().types(Set.of("integer")).type("integer").format("int32"));
    problem.put("detail", string("what was wrong with this request and how to fix it"));
    problem.put("instance", string("the path of the request"));
    problem.put("field", string("the first field at fault"));
    problem.put("errors", new Schema<>().types(Set.of("array")).type("array")
        .items(new Schema<>().$ref("#/components/schemas/FieldError")));
    Schema<?> problemSchema = object(problem, List.of("type", "title", "status", "detail"));
    problemSchema.additionalProperties(true);
    problemSchema.description("An RFC 9457 problem detail; extra members such as 'requiredRoles' or 'reference' "
        + "may follow.");
    components.addSchemas(PROBLEM, problemSchema);
    plainDurations(components);

    if (api.getPaths() == null) {
      return;
    }
    api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
      if (!path.startsWith(API)) {
        return;
      }
      String key = method.name() + " " + path;
      rawBody(operation, RAW_BODIES.get(key));
      successStatuses(operation, SUCCESS.get(key));
      ApiResponses responses = operation.getResponses();
      boolean changes = method != PathItem.HttpMethod.GET;
      boolean pathParameters = path.contains("{");
      problem(responses, "400", "The request is malformed or breaks a rule; 'errors' names every field at fault.");
      if (pathParameters || NOT_FOUND_WITHOUT_PATH.contains(key)) {
        problem(responses, "404", "What the path (or the body) names does not exist.");
      }
      problem(responses, "406", "The Accept header excludes application/json.");
      if (changes) {
        problem(responses, "409", "The change conflicts with the current state (it exists already, or another "
            + "writer took the number).");
      }
      problem(responses, "413", "The request body is larger than the configured limit.");
      if (operation.getRequestBody() != null) {
        problem(responses, "415", "The body's Content-Type is not one this operation reads.");
      }
      if (changes) {
        problem(responses, "422", "The request is well formed but inconsistent with what is registered (a "
            + "reference to something that does not exist, for example).");
      }
      problem(responses, "503", "The registry index is being rebuilt (Retry-After), the repository is unavailable,"
          + " or the index stopped before a commit that failed verification (type untrusted-commit, naming it).");
      PARTICULAR.getOrDefault(key, Map.of()).forEach((status, description) -> problem(responses, status, description));
    }));
    ApiOperations.describe(api);
    ValidationSchemas.apply(api);
  }

  /** A refusal as a problem detail, unless the operation documents that status already. */
  static void problem(ApiResponses responses, String status, String description) {
    if (responses.containsKey(status)) {
      return;
    }
    responses.addApiResponse(status, new ApiResponse().description(description).content(new Content()
        .addMediaType(PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
  }

  private static void successStatuses(Operation operation, @Nullable List<String> statuses) {
    ApiResponses responses = operation.getResponses();
    ApiResponse ok = responses.get("200");
    if (statuses != null && ok != null) {
      responses.remove("200");
      for (String status : statuses) {
        ApiResponse r = new ApiResponse().description(switch (status) {
          case "201" -> "Created";
          case "202" -> "Accepted";
          case "204" -> "No Content";
          default -> "OK";
        });
        if (!status.equals("204")) {
          r.content(ok.getContent());
        }
        responses.addApiResponse(status, r);
      }
    }
    responses.forEach((status, response) -> {
      if (status.startsWith("2") && response.getContent() != null && response.getContent().containsKey("*/*")) {
        MediaType any = response.getContent().remove("*/*");
        response.getContent().addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE, any);
      }
    });
  }

  private static void rawBody(Operation operation, @Nullable Map<String, List<String>> types) {
    if (types == null || operation.getRequestBody() != null) {
      return;
    }
    Content content = new Content();
    types.forEach((type, text) -> {
      if (type.endsWith("parquet")) {
        // a binary file: no example text, and any bytes that are not Parquet are a 400
        content.addMediaType(type, new MediaType().schema(string(text.get(0)).format("binary")));
      } else {
        content.addMediaType(type, new MediaType().example(text.get(1)).schema(
            type.equals("application/json") ? new Schema<>().description(text.get(0)) : string(text.get(0))));
      }
    });
    operation.requestBody(new RequestBody().required(true).description(text(types)).content(content));
  }

  private static String text(Map<String, List<String>> types) {
    return types.size() == 1 ? types.values().iterator().next().get(0) : "one of the media types below";
  }

  /**
   * Durations are written as ISO-8601 ({@code PT0.388S}); JSON Schema's {@code duration} format
   * (RFC 3339) allows no fraction of a second, so the document says string and the description says how.
   */
  private static void plainDurations(Components components) {
    if (components.getSchemas() == null) {
      return;
    }
    components.getSchemas().values().forEach(schema -> {
      if (schema.getProperties() != null) {
        schema.getProperties().values().forEach(p -> {
          Schema<?> property = (Schema<?>) p;
          if ("duration".equals(property.getFormat())) {
            property.setFormat(null);
            property.setDescription("an ISO-8601 duration such as PT0.388S");
          }
        });
      }
    });
  }

  private static Schema<?> string(String description) {
    return new Schema<>().types(Set.of("string")).type("string").description(description);
  }

  private static Schema<?> object(Map<String, Schema> properties, List<String> required) {
    Schema<?> s = new Schema<>().types(Set.of("object")).type("object");
    properties.forEach(s::addProperty);
    s.required(required);
    return s;
  }
}
