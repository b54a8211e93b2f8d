package dev.steward.deployer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An InferenceService as the cluster shows it: what Steward reads from metadata, spec and KServe's status
 * (ROLLOUT-SEMANTICS.md, "Status Steward reads"). Built from the informer's cache or an apply's answer.
 */
record ObservedService(
    String namespace,
    String name,
    String uid,
    String resourceVersion,
    long generation,
    long observedGeneration,
    Map<String, String> labels,
    Map<String, String> annotations,
    ObjectNode spec,
    @Nullable Integer canaryTrafficPercent,
    @Nullable String latestCreatedRevision,
    @Nullable String latestReadyRevision,
    @Nullable String latestRolledoutRevision,
    @Nullable String previousRolledoutRevision,
    List<TrafficTarget> traffic,
    Map<String, Condition> conditions,
    @Nullable String transitionStatus,
    @Nullable Failure lastFailure) {

  /** One entry of {@code status.components.predictor.traffic}. */
  record TrafficTarget(String revision, long percent, boolean latestRevision, @Nullable String tag) {}

  record Condition(String status, @Nullable String reason, @Nullable String message, @Nullable String since) {
    boolean isTrue() {
      return "True".equals(status);
    }
  }

  /** {@code status.modelStatus.lastFailureInfo}. */
  record Failure(@Nullable String reason, @Nullable String message, @Nullable String revision) {}

  static ObservedService of(JsonNode raw) {
    JsonNode metadata = raw.path("metadata");
    JsonNode status = raw.path("status");
    JsonNode predictor = status.path("components").path("predictor");
    List<TrafficTarget> traffic = new ArrayList<>();
    for (JsonNode t : predictor.path("traffic")) {
      traffic.add(new TrafficTarget(t.path("revisionName").asString(""), t.path("percent").asLong(0),
          t.path("latestRevision").asBoolean(false), text(t, "tag")));
    }
    Map<String, Condition> conditions = new LinkedHashMap<>();
    for (JsonNode c : status.path("conditions")) {
      conditions.put(c.path("type").asString(), new Condition(c.path("status").asString("Unknown"), text(c, "reason"),
          text(c, "message"), text(c, "lastTransitionTime")));
    }
    JsonNode failure = status.path("modelStatus").path("lastFailureInfo");
    JsonNode spec = raw.path("spec");
    JsonNode canary = spec.path("predictor").path("canaryTrafficPercent");
    return new ObservedService(metadata.path("namespace").asString(), metadata.path("name").asString(),
        metadata.path("uid").asString(""), metadata.path("resourceVersion").asString(""),
        metadata.path("generation").asLong(0), status.path("observedGeneration").asLong(0),
        strings(metadata.path("labels")), strings(metadata.path("annotations")),
        spec.isObject() ? (ObjectNode) spec : Json.MAPPER.createObjectNode(),
        canary.isNumber() ? canary.asInt() : null,
        text(predictor, "latestCreatedRevision"), text(predictor, "latestReadyRevision"),
        text(predictor, "latestRolledoutRevision"), text(predictor, "previousRolledoutRevision"), List.copyOf(traffic),
        conditions, text(status.path("modelStatus"), "transitionStatus"),
        failure.isObject() ? new Failure(text(failure, "reason"), text(failure, "message"),
            text(failure, "modelRevisionName")) : null);
  }

  /** Whether KServe's status describes the current spec. */
  boolean statusCurrent() {
    return observedGeneration == generation;
  }

  boolean condition(String type) {
    Condition c = conditions.get(type);
    return c != null && c.isTrue();
  }

  /** The traffic summed per revision. */
  Map<String, Long> percentByRevision() {
    Map<String, Long> sums = new LinkedHashMap<>();
    for (TrafficTarget t : traffic) {
      sums.merge(t.revision(), t.percent(), Long::sum);
    }
    return sums;
  }

  /**
   * Why the newest revision failed, or null: KServe's LatestDeploymentReady false, a BlockedByFailedLoad
   * transition, or a lastFailureInfo naming the newest revision, while the newest revision is not ready.
   */
  @Nullable String failedRevision() {
    if (!statusCurrent() || latestCreatedRevision == null || latestCreatedRevision.equals(latestReadyRevision)) {
      return null;
    }
    Condition deployment = conditions.get("LatestDeploymentReady");
    boolean failedCondition = deployment != null && "False".equals(deployment.status());
    boolean blocked = "BlockedByFailedLoad".equals(transitionStatus);
    boolean failureOfLatest = lastFailure != null && latestCreatedRevision.equals(lastFailure.revision());
    if (!failedCondition && !blocked && !failureOfLatest) {
      return null;
    }
    StringBuilder why = new StringBuilder("revision " + latestCreatedRevision + " failed");
    if (lastFailure != null && lastFailure.message() != null) {
      why.append(": ").append(lastFailure.message());
    } else {
      Condition predictor = conditions.get("PredictorReady");
      if (predictor != null && predictor.message() != null) {
        why.append(": ").append(predictor.message());
      }
    }
    if (blocked) {
      why.append(" (modelStatus.transitionStatus BlockedByFailedLoad)");
    }
    return why.toString();
  }

  /**
   * Whether KServe says the newest revision is in place with {@code percent} of the traffic: status for this
   * generation, latestCreatedRevision == latestReadyRevision, Ready and PredictorReady true, and the latest
   * revision's traffic target at {@code percent} (100: also rolled out).
   */
  boolean inPlace(int percent) {
    if (!statusCurrent() || latestCreatedRevision == null || !latestCreatedRevision.equals(latestReadyRevision)
        || !condition("Ready") || !condition("PredictorReady")) {
      return false;
    }
    long latest = traffic.stream().filter(t -> t.latestRevision() && t.revision().equals(latestCreatedRevision))
        .mapToLong(TrafficTarget::percent).sum();
    if (percent == 100) {
      return latest == 100 && latestCreatedRevision.equals(latestRolledoutRevision);
    }
    return latest == percent;
  }

  /** Whether all traffic is on {@code revision} (a pinned rollback), with the status for this generation. */
  boolean allTrafficOn(String revision) {
    return statusCurrent() && percentByRevision().getOrDefault(revision, 0L) == 100
        && revision.equals(latestRolledoutRevision);
  }

  private static @Nullable String text(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isMissingNode() || v.isNull() || v.asString("").isEmpty() ? null : v.asString();
  }

  private static Map<String, String> strings(JsonNode node) {
    Map<String, String> map = new LinkedHashMap<>();
    node.properties().forEach(e -> map.put(e.getKey(), e.getValue().asString()));
    return map;
  }
}
