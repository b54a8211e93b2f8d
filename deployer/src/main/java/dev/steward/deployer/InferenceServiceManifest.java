package dev.steward.deployer;

import dev.steward.registry.EntityDocuments;
import dev.steward.registry.ModelVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders the desired KServe {@code InferenceService} (serving.kserve.io/v1beta1) of a model version in an
 * environment, as a pure function of the two: storageUri, model format, runtime, protocol, replicas,
 * resources, labels naming model and version, and the payload logger pointed at the drift monitor's
 * KServe endpoint. The logger forwards the annotations {@code steward.dev/model}, {@code
 * steward.dev/model-version} and {@code steward.dev/environment} with every event
 * ({@code metadataAnnotations}), so scored traffic is attributed to the version of the revision that
 * served it: during a canary, the canary's requests count for the canary's version.
 *
 * <pre>{@code
 * Map<String, Object> manifest = InferenceServiceManifest.desired(version, environments.get("production"));
 * }</pre>
 */
public final class InferenceServiceManifest {
  static final String API_VERSION = "serving.kserve.io/v1beta1";
  /** KServe appends suffixes such as {@code -predictor-00001} to the name; 45 characters keep them under 63. */
  private static final int MAX_NAME = 45;

  private InferenceServiceManifest() {}

  /** The annotations the payload logger forwards with each event, naming model, version and environment. */
  static final List<String> FORWARDED_ANNOTATIONS = List.of("steward.dev/model", "steward.dev/model-version",
      "steward.dev/environment");

  public static Map<String, Object> desired(ModelVersion version, DeploymentEnvironment environment) {
    DeploymentDefaults d = environment.defaults();
    Map<String, Object> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/managed-by", "steward");
    labels.put("app.kubernetes.io/name", labelValue(version.name()));
    labels.put("steward.dev/model", labelValue(version.name()));
    labels.put("steward.dev/model-version", String.valueOf(version.version()));
    labels.put("steward.dev/environment", environment.name());
    Map<String, Object> annotations = new LinkedHashMap<>();
    annotations.put("serving.kserve.io/deploymentMode", d.deploymentMode());
    annotations.put("steward.dev/model", version.name());
    annotations.put("steward.dev/model-version", String.valueOf(version.version()));
    annotations.put("steward.dev/environment", environment.name());
    annotations.put("steward.dev/model-version-digest", String.valueOf(version.digest()));
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", serviceName(version.name()));
    metadata.put("namespace", environment.namespace());
    metadata.put("labels", labels);
    metadata.put("annotations", annotations);

    Map<String, Object> format = new LinkedHashMap<>();
    format.put("name", version.format().name());
    if (version.format().version() != null) {
      format.put("version", version.format().version());
    }
    Map<String, Object> quantities = new LinkedHashMap<>();
    quantities.put("cpu", d.cpu());
    quantities.put("memory", d.memory());
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("modelFormat", format);
    String runtime = version.runtime() != null ? version.runtime() : d.runtime();
    if (runtime != null) {
      model.put("runtime", runtime);
    }
    model.put("storageUri", version.artifactUri());
    model.put("protocolVersion", d.protocolVersion());
    model.put("resources", Map.of("requests", quantities, "limits", quantities));
    Map<String, Object> predictor = new LinkedHashMap<>();
    predictor.put("minReplicas", d.minReplicas());
    predictor.put("maxReplicas", d.maxReplicas());
    if (d.loggerUrl() != null) {
      Map<String, Object> logger = new LinkedHashMap<>();
      logger.put("mode", d.loggerMode());
      logger.put("url", d.loggerUrl().toString());
      logger.put("metadataAnnotations", FORWARDED_ANNOTATIONS);
      predictor.put("logger", logger);
    }
    predictor.put("model", model);

    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("apiVersion", API_VERSION);
    manifest.put("kind", "InferenceService");
    manifest.put("metadata", metadata);
    manifest.put("spec", Map.of("predictor", predictor));
    return manifest;
  }

  /**
   * A DNS-1035 label for the model name: lower case, '.' and '_' become '-', a leading digit gets an
   * {@code m-} prefix; names longer than 45 characters are cut and end in a short hash so they stay unique.
   */
  public static String serviceName(String model) {
    String name = model.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    if (!Character.isLetter(name.charAt(0))) {
      name = "m-" + name;
    }
    if (name.length() > MAX_NAME) {
      String hash = EntityDocuments.digest(model).substring("sha256:".length(), "sha256:".length() + 8);
      name = name.substring(0, MAX_NAME - 9) + "-" + hash;
    }
    name = name.replaceAll("-+$", "");
    return name;
  }

  /** A Kubernetes label value: at most 63 characters, starting and ending alphanumeric. */
  static String labelValue(String value) {
    String v = value.length() > 63 ? value.substring(0, 63) : value;
    return v.replaceAll("[^A-Za-z0-9]+$", "");
  }
}
