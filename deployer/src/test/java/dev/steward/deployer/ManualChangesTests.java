package dev.steward.deployer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** What counts as a hand edit of a managed service: a field Git names that holds something else. */
class ManualChangesTests {
  private static final ObjectNode MANIFEST = Json.tree(DeploymentFixtures.deployment("dev", 1,
      Deployment.Action.PROMOTE, 0).manifest());

  private static ObservedService observed(ObjectNode manifest) {
    ObjectNode raw = manifest.deepCopy();
    ((ObjectNode) raw.path("metadata")).put("generation", 3).put("resourceVersion", "7").put("uid", "u");
    return ObservedService.of(raw);
  }

  @Test
  void fieldsKServeAddsAreNoHandEdit() {
    ObjectNode defaulted = MANIFEST.deepCopy();
    ((ObjectNode) defaulted.path("spec").path("predictor")).put("timeout", 60);
    ((ObjectNode) defaulted.path("metadata").path("annotations")).put("kubectl.kubernetes.io/last-applied", "x");
    assertThat(ManualChanges.of(MANIFEST, observed(defaulted))).isEmpty();
  }

  @Test
  void changedValuesAndAnAddedCanaryPercentAre() {
    ObjectNode edited = MANIFEST.deepCopy();
    ((ObjectNode) edited.path("spec").path("predictor")).put("maxReplicas", 9).put("canaryTrafficPercent", 50);
    ((ObjectNode) edited.path("metadata").path("labels")).remove("steward.dev/model-version");
    assertThat(ManualChanges.of(MANIFEST, observed(edited))).containsExactlyInAnyOrder(
        "metadata.labels.steward.dev/model-version", "spec.predictor.maxReplicas", "spec.predictor.canaryTrafficPercent");
  }

  @Test
  void numbersCompareByValue() {
    ObjectNode asLong = MANIFEST.deepCopy();
    ((ObjectNode) asLong.path("spec").path("predictor")).put("minReplicas", 1L);
    assertThat(ManualChanges.of(MANIFEST, observed(asLong))).isEmpty();
  }
}
