package dev.steward.deployer;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Where a managed InferenceService differs from the manifest Steward applied: a hand edit, or not yet applied. */
final class ManualChanges {

  private ManualChanges() {}

  /**
   * The paths of {@code manifest} (labels, annotations, spec) the service does not hold as written, and
   * {@code canaryTrafficPercent} if it differs (absent counts).
   */
  static List<String> of(ObjectNode manifest, ObservedService o) {
    List<String> paths = new ArrayList<>();
    JsonNode metadata = manifest.path("metadata");
    ObjectNode observedLabels = Json.MAPPER.valueToTree(o.labels());
    ObjectNode observedAnnotations = Json.MAPPER.valueToTree(o.annotations());
    Json.differences(metadata.path("labels"), observedLabels).forEach(p -> paths.add("metadata.labels." + p));
    Json.differences(metadata.path("annotations"), observedAnnotations)
        .forEach(p -> paths.add("metadata.annotations." + p));
    Json.differences(manifest.path("spec"), o.spec()).forEach(p -> paths.add("spec." + p));
    JsonNode wanted = manifest.path("spec").path("predictor").path("canaryTrafficPercent");
    Integer canary = wanted.isNumber() ? wanted.asInt() : null;
    if (!java.util.Objects.equals(canary, o.canaryTrafficPercent()) && !paths.contains(
        "spec.predictor.canaryTrafficPercent")) {
      paths.add("spec.predictor.canaryTrafficPercent");
    }
    return paths;
  }
}
