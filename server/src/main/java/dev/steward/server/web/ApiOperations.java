package dev.steward.server.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Names every operation of the API for people and for generated clients: a stable {@code operationId}, a
 * summary and a tag per resource. An operation missing from the table (a new endpoint) still gets a tag from
 * its path and a summary from its handler's name, so the document stays complete; add it here to name it well.
 */
final class ApiOperations {

  /** The tags in the order the document lists them, with what each resource is. */
  static final Map<String, String> TAGS = tags(
      "datasets", "Dataset versions: where the data lives, its content digest and schema",
      "feature-sets", "Feature set versions: features with types, business labels and PII flags, built on datasets",
      "threshold-sets", "Threshold set versions: decision threshold, metric bounds, drift alert levels",
      "explanation-templates", "Explanation template versions: business reasons per feature",
      "models", "Models: the name that versions are registered under",
      "model-versions", "Model versions: immutable artifact, format, metrics and pinned references",
      "aliases", "Model aliases (champion, challenger, ...): movable pointers to versions",
      "lineage", "Lineage in both directions, change history and verification of the registry repository",
      "promotions", "Promotions through the approval gates of an environment",
      "policies", "Promotion policies (CEL) under four eyes, and the environment ladder",
      "deployments", "Desired and observed deployments (KServe InferenceServices), rollback and rollout controls",
      "drift", "Drift: comparison of two samples, reference profiles, scored traffic, labels, reports",
      "mlflow", "Import from MLflow 2.x and 3.x, and lineage seen from MLflow",
      "revocations", "Consent revocations of dataset versions: impact from lineage, revoked-input marks, reports",
      "explanations", "Explanations of predictions in business language, without personal data",
      "costs", "Cost of serving: resources at the environment's prices per 1,000 predictions counted",
      "admin", "Administration: API tokens and the index");

  private record Name(String operationId, String summary) {}

  private static final Map<String, Name> NAMES = new LinkedHashMap<>();

  static {
    for (String[] kind : new String[][] {
        {"datasets", "Dataset", "dataset"}, {"feature-sets", "FeatureSet", "feature set"},
        {"threshold-sets", "ThresholdSet", "threshold set"},
        {"explanation-templates", "ExplanationTemplate", "explanation template"}}) {
      String path = "/api/v1/" + kind[0];
      name("POST " + path, "register" + kind[1], "Register a " + kind[2] + " version");
      name("GET " + path, "list" + kind[1] + "s", "List the latest version of each " + kind[2]);
      name("GET " + path + "/{name}/versions", "list" + kind[1] + "Versions", "List the versions of a " + kind[2]
          + ", newest first");
      name("GET " + path + "/{name}/versions/{version}", "get" + kind[1] + "Version", "Get a " + kind[2] + " version");
    }
    name("POST /api/v1/models", "createModel", "Create a model");
    name("GET /api/v1/models", "listModels", "List models");
    name("GET /api/v1/models/{name}", "getModel", "Get a model");
    name("POST /api/v1/models/{name}/versions", "registerModelVersion", "Register a model version");
    name("GET /api/v1/models/{name}/versions", "listModelVersions", "List the versions of a model, newest first");
    name("GET /api/v1/models/{name}/versions/{version}", "getModelVersion", "Get a model version");
    name("GET /api/v1/models/{name}/aliases", "listAliases", "List the aliases of a model");
    name("GET /api/v1/models/{name}/aliases/{alias}", "getAlias", "Get the version an alias points at");
    name("PUT /api/v1/models/{name}/aliases/{alias}", "moveAlias", "Point an alias at a version");
    name("DELETE /api/v1/models/{name}/aliases/{alias}", "removeAlias", "Remove an alias");
    name("GET /api/v1/lineage/{kind}/{name}/versions/{version}", "getLineage",
        "Trace what a version was built from (upstream) or what was built on it (downstream)");
    name("GET /api/v1/history/{kind}/{name}", "getHistory", "List the commits that changed an entity, newest first");
    name("GET /api/v1/lineage/verify", "verifyRegistry",
        "Verify the registry repository: signatures, trailers and digests of every commit");
    name("POST /api/v1/promotions", "requestPromotion", "Request the promotion of a model version to an environment");
    name("GET /api/v1/promotions", "listPromotions", "List promotions, newest first");
    name("GET /api/v1/promotions/{id}", "getPromotion", "Get a promotion with its evaluation and decisions");
    name("GET /api/v1/promotions/{id}/preview", "previewPromotion",
        "Evaluate a promotion's policy now, without recording it");
    name("POST /api/v1/promotions/{id}/decisions", "decidePromotion", "Approve or reject a pending promotion");
    name("POST /api/v1/promotions/{id}/evaluations", "reevaluatePromotion",
        "Evaluate a pending promotion again and record it");
    name("POST /api/v1/promotions/{id}/cancel", "cancelPromotion", "Cancel a pending promotion");
    name("POST /api/v1/policies", "registerPolicy", "Register a policy version (active once a second admin approves)");
    name("GET /api/v1/policies", "listPolicies", "List the latest version of each policy");
    name("GET /api/v1/policies/{name}/versions", "listPolicyVersions", "List the versions of a policy");
    name("GET /api/v1/policies/{name}/versions/{version}", "getPolicyVersion", "Get a policy version");
    name("POST /api/v1/policies/{name}/versions/{version}/decisions", "decidePolicy",
        "Approve or reject a policy version (four eyes)");
    name("GET /api/v1/environments", "listEnvironments", "List the environment ladder and each one's policy");
    name("GET /api/v1/deployments", "listDeployments", "List the desired deployments");
    name("GET /api/v1/deployments/{environment}/{model}", "getDeployment",
        "Get a deployment: desired and observed side by side");
    name("GET /api/v1/deployments/{environment}/{model}/manifest", "getDeploymentManifest",
        "Get the rendered KServe InferenceService");
    name("GET /api/v1/deployments/{environment}/{model}/history", "getDeploymentHistory",
        "List the desired states of a deployment over time");
    name("POST /api/v1/deployments/{environment}/{model}/rollback", "rollbackDeployment",
        "Roll back to the version rolled out before (idempotent)");
    name("POST /api/v1/deployments/{environment}/{model}/promote", "promoteRollout",
        "Promote a canary rollout to all traffic");
    name("POST /api/v1/deployments/{environment}/{model}/abort", "abortRollout", "Abort a rollout");
    name("POST /api/v1/deployments/{environment}/{model}/pause", "pauseRollout", "Pause a rollout");
    name("POST /api/v1/deployments/{environment}/{model}/resume", "resumeRollout", "Resume a paused rollout");
    name("POST /api/v1/drift/compare", "compareSamples", "Compare two CSV samples (no state is kept)");
    name("POST /api/v1/drift/models/{model}/versions/{version}/reference", "uploadReferenceProfile",
        "Upload the reference sample of a model version (once)");
    name("GET /api/v1/drift/models/{model}/versions/{version}/reference", "getReferenceProfile",
        "Get the reference profile of a model version");
    name("POST /api/v1/drift/rows", "ingestRows", "Send scored rows (JSON lines)");
    name("POST /api/v1/drift/labels", "ingestLabels", "Send ground-truth labels (JSON lines)");
    name("POST /api/v1/drift/kserve/{key}", "ingestKserveEvent", "Receive a KServe payload-logger CloudEvent");
    name("GET /api/v1/drift/reports", "listDriftReports", "List drift reports, newest first");
    name("GET /api/v1/drift/reports/{id}", "getDriftReport", "Get a drift report");
    name("GET /api/v1/drift/windows", "listDriftWindows", "List the windows still counting");
    name("POST /api/v1/imports/mlflow", "importFromMlflow",
        "Import an MLflow run or registered model version as a model version");
    name("GET /api/v1/lineage/models/{name}/versions/{version}/mlflow", "getMlflowLineage",
        "Get the lineage of a model version with its MLflow run and datasets");
    name("POST /api/v1/datasets/{name}/versions/{version}/revocations", "revokeConsent",
        "Revoke consent for a dataset version (or some of its subjects): impact, marks and actions in one commit");
    name("GET /api/v1/datasets/{name}/versions/{version}/revocations", "listDatasetRevocations",
        "List the revocations of a dataset version, newest first");
    name("GET /api/v1/datasets/{name}/versions/{version}/revocations/{id}", "getRevocationReport",
        "Get a revocation's impact report (JSON, or CSV with Accept: text/csv)");
    name("GET /api/v1/datasets/{name}/versions/{version}/impact", "previewRevocationImpact",
        "Preview what revoking a dataset version would reach, without recording anything");
    name("GET /api/v1/revocations", "listRevocations", "List consent revocations, newest first");
    name("GET /api/v1/revocations/serving", "listRevokedInputServing",
        "List the deployments serving a model version whose inputs were revoked");
    name("GET /api/v1/models/{name}/versions/{version}/marks", "listModelVersionMarks",
        "List the marks beside a model version (revoked-input)");
    name("POST /api/v1/models/{name}/versions/{version}/explanations", "explainPrediction",
        "Explain one prediction or a batch in business language from the version's explanation template");
    name("GET /api/v1/costs", "listServingCosts",
        "List the cost per 1,000 predictions of each deployment's last closed drift window");
    name("GET /api/v1/costs/{environment}/{model}", "getServingCosts",
        "Get the cost of a deployment's last drift windows, newest first");
    name("POST /api/v1/admin/tokens", "issueToken", "Issue an API token (shown once)");
    name("GET /api/v1/admin/tokens", "listTokens", "List API tokens (never the token itself)");
    name("DELETE /api/v1/admin/tokens/{id}", "revokeToken", "Revoke an API token");
    name("POST /api/v1/admin/index/rebuild", "rebuildIndex", "Rebuild the SQL index from the registry repository");
  }

  private ApiOperations() {}

  private static void name(String key, String operationId, String summary) {
    NAMES.put(key, new Name(operationId, summary));
  }

  static void describe(OpenAPI api) {
    List<Tag> tags = new ArrayList<>();
    TAGS.forEach((name, description) -> tags.add(new Tag().name(name).description(description)));
    api.tags(tags);
    api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
      if (!path.startsWith("/api/")) {
        return;
      }
      Name name = NAMES.get(method.name() + " " + path);
      if (name != null) {
        operation.operationId(name.operationId()).summary(name.summary());
      } else if (operation.getSummary() == null) {
        operation.summary(humanize(operation.getOperationId()));
      }
      operation.tags(List.of(tag(path)));
    }));
    List<Tag> used = new ArrayList<>(api.getTags());
    api.getPaths().values().forEach(item -> item.readOperations().forEach(op -> op.getTags().forEach(t -> {
      if (used.stream().noneMatch(u -> u.getName().equals(t))) {
        used.add(new Tag().name(t));
      }
    })));
    api.tags(used);
  }

  /** The resource a path belongs to: its first segment after {@code /api/v1/}, refined for models and MLflow. */
  static String tag(String path) {
    String[] segments = path.substring(1).split("/");
    String first = segments.length > 2 ? segments[2] : "api";
    if (path.endsWith("/mlflow") || first.equals("imports")) {
      return "mlflow";
    }
    if (path.contains("/revocations") || path.endsWith("/impact") || path.endsWith("/marks")) {
      return "revocations";
    }
    if (path.endsWith("/explanations")) {
      return "explanations";
    }
    if (first.equals("models") && segments.length > 4) {
      return segments[4].equals("aliases") ? "aliases" : "model-versions";
    }
    if (first.equals("history")) {
      return "lineage";
    }
    if (first.equals("environments")) {
      return "policies";
    }
    return first;
  }

  /** {@code listAlerts_1} becomes {@code List alerts}. */
  static String humanize(String operationId) {
    String words = operationId.replaceAll("_\\d+$", "").replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  private static Map<String, String> tags(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }
}
