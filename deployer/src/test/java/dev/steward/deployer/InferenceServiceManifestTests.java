package dev.steward.deployer;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The rendered InferenceService validates against the openAPIV3Schema of KServe's CRD in
 * {@code shared/data/kserve/}. The schema is made strict (no unknown fields where the CRD lists the
 * properties), as the API server's pruning would silently drop them.
 */
class InferenceServiceManifestTests {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static Schema schema;

  @BeforeAll
  static void loadSchema() throws IOException {
    JsonNode crd = YAMLMapper.builder().build().readTree(Files.readAllBytes(sharedDir()
        .resolve("data/kserve/serving.kserve.io_inferenceservices.full.yaml")));
    JsonNode openApi = null;
    for (JsonNode version : crd.path("spec").path("versions")) {
      if ("v1beta1".equals(version.path("name").asString())) {
        openApi = version.path("schema").path("openAPIV3Schema");
      }
    }
    assertThat(openApi).as("v1beta1 schema in the CRD").isNotNull();
    strict(openApi);
    schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(openApi);
  }

  @Test
  void rendersAManifestTheCrdSchemaAccepts() {
    Map<String, Object> manifest = InferenceServiceManifest.desired(DeploymentFixtures.churn(3),
        DeploymentFixtures.environment("production"));
    assertThat(validate(manifest)).isEmpty();
  }

  @Test
  void namesModelVersionStorageFormatAndLogger() {
    Map<String, Object> manifest = InferenceServiceManifest.desired(DeploymentFixtures.churn(3),
        DeploymentFixtures.environment("production"));
    JsonNode m = JSON.valueToTree(manifest);
    assertThat(m.path("apiVersion").asString()).isEqualTo("serving.kserve.io/v1beta1");
    assertThat(m.path("metadata").path("namespace").asString()).isEqualTo("steward-production");
    assertThat(m.path("metadata").path("labels").path("steward.dev/model-version").asString()).isEqualTo("3");
    JsonNode predictor = m.path("spec").path("predictor");
    assertThat(predictor.path("model").path("storageUri").asString()).isEqualTo("s3://models/churn/run-3/model");
    assertThat(predictor.path("model").path("modelFormat").path("name").asString()).isEqualTo("sklearn");
    assertThat(predictor.path("logger").path("url").asString()).endsWith("/api/v1/drift/kserve/k3y");
  }

  @Test
  void forwardsTheAnnotationsThatAttributeTrafficToTheVersion() {
    JsonNode m = JSON.valueToTree(InferenceServiceManifest.desired(DeploymentFixtures.churn(3),
        DeploymentFixtures.environment("production")));
    JsonNode annotations = m.path("metadata").path("annotations");
    assertThat(annotations.path("steward.dev/model").asString()).isEqualTo("churn");
    assertThat(annotations.path("steward.dev/model-version").asString()).isEqualTo("3");
    assertThat(annotations.path("steward.dev/environment").asString()).isEqualTo("production");
    assertThat(m.path("spec").path("predictor").path("logger").path("metadataAnnotations").toString())
        .isEqualTo("[\"steward.dev/model\",\"steward.dev/model-version\",\"steward.dev/environment\"]");
  }

  @Test
  void leavesTheLoggerOutWithoutAnIngestEndpoint() {
    DeploymentEnvironment quiet = new DeploymentEnvironment("dev", "steward-dev", Target.DRY_RUN,
        new DeploymentDefaults(null, 1, 1, "1", "1Gi", "v2", "Standard", null, "all"));
    Map<String, Object> manifest = InferenceServiceManifest.desired(DeploymentFixtures.churn(3), quiet);
    assertThat(JSON.valueToTree(manifest).path("spec").path("predictor").has("logger")).isFalse();
    assertThat(validate(manifest)).isEmpty();
  }

  @Test
  void isAPureFunctionOfVersionAndEnvironment() {
    assertThat(InferenceServiceManifest.desired(DeploymentFixtures.churn(3), DeploymentFixtures.environment("dev")))
        .isEqualTo(InferenceServiceManifest.desired(DeploymentFixtures.churn(3), DeploymentFixtures.environment("dev")));
  }

  @Test
  void theSchemaRejectsABrokenManifest() {
    Map<String, Object> manifest = InferenceServiceManifest.desired(DeploymentFixtures.churn(3),
        DeploymentFixtures.environment("dev"));
    ObjectNode broken = JSON.valueToTree(manifest);
    ((ObjectNode) broken.path("spec").path("predictor")).put("minReplicas", "two");
    ((ObjectNode) broken.path("spec").path("predictor").path("logger")).put("mode", "everything");
    ((ObjectNode) broken.path("spec").path("predictor")).put("replicaz", 3);
    assertThat(schema.validate(broken)).extracting(Error::getMessage).hasSizeGreaterThanOrEqualTo(3);
  }

  @Test
  void turnsModelNamesIntoDnsLabels() {
    assertThat(InferenceServiceManifest.serviceName("churn")).isEqualTo("churn");
    assertThat(InferenceServiceManifest.serviceName("churn_v2.final")).isEqualTo("churn-v2-final");
    assertThat(InferenceServiceManifest.serviceName("2fast")).isEqualTo("m-2fast");
    String longName = InferenceServiceManifest.serviceName("a".repeat(128));
    assertThat(longName).hasSizeLessThanOrEqualTo(45).matches("[a-z]([-a-z0-9]*[a-z0-9])?");
    assertThat(InferenceServiceManifest.serviceName("a".repeat(127) + "b")).isNotEqualTo(longName);
  }

  private static List<Error> validate(Map<String, Object> manifest) {
    return schema.validate(JSON.valueToTree(manifest));
  }

  /** Closes every object schema that lists its properties and does not keep unknown fields. */
  private static void strict(JsonNode node) {
    if (node instanceof ObjectNode o) {
      if (o.has("properties") && !o.has("additionalProperties")
          && !o.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
        o.put("additionalProperties", false);
      }
      o.values().forEach(InferenceServiceManifestTests::strict);
    } else if (node.isArray()) {
      node.forEach(InferenceServiceManifestTests::strict);
    }
  }

  static Path sharedDir() {
    String configured = System.getenv("STEWARD_SHARED_DIR");
    if (configured != null && Files.isDirectory(Path.of(configured, "data"))) {
      return Path.of(configured);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("shared/data"))) {
        return dir.resolve("shared");
      }
    }
    throw new IllegalStateException("shared/data not found: set STEWARD_SHARED_DIR");
  }
}
