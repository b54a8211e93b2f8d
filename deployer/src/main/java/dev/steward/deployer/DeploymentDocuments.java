package dev.steward.deployer;

import dev.steward.registry.EntityDocuments;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The files the deployer keeps in the registry repository, in the registry's canonical YAML:
 * {@code deployments/<environment>/<model>.yaml} (the Steward record: version, approvals, reason, target and
 * the rendered manifest) and, for the {@code gitops} target, the bare manifests Argo CD or Flux apply:
 * {@code gitops/<environment>/<service>.yaml} and {@code gitops/<environment>/kustomization.yaml}.
 */
final class DeploymentDocuments {
  static final Pattern RECORD = Pattern.compile("deployments/([^/]+)/([^/]+)\\.yaml");

  private static final YAMLMapper YAML = EntityDocuments.canonicalYaml();
  private static final JsonMapper JSON = EntityDocuments.canonicalJson();

  private DeploymentDocuments() {}

  static byte[] toYaml(Object document) {
    return YAML.writeValueAsBytes(document);
  }

  static <T> T fromYaml(byte[] yaml, Class<T> type) {
    return YAML.readValue(yaml, type);
  }

  static String toJson(Object value) {
    return JSON.writeValueAsString(value);
  }

  static <T> T fromJson(String json, Class<T> type) {
    return JSON.readValue(json, type);
  }

  static String recordPath(String environment, String model) {
    return "deployments/" + environment + "/" + model + ".yaml";
  }

  static String gitopsPath(String environment, String service) {
    return "gitops/" + environment + "/" + service + ".yaml";
  }

  static String kustomizationPath(String environment) {
    return "gitops/" + environment + "/kustomization.yaml";
  }

  /** A kustomization listing the environment's services, sorted, so the same services give the same bytes. */
  static byte[] kustomization(String namespace, List<String> services) {
    List<String> resources = services.stream().distinct().sorted().map(s -> s + ".yaml").toList();
    return YAML.writeValueAsBytes(Map.of("apiVersion", "kustomize.config.k8s.io/v1beta1", "kind", "Kustomization",
        "namespace", namespace, "resources", resources));
  }

  static Optional<Matcher> match(Pattern pattern, String path) {
    Matcher m = pattern.matcher(path);
    return m.matches() ? Optional.of(m) : Optional.empty();
  }
}
