package dev.steward.policies;

import dev.steward.registry.EntityDocuments;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The files this module keeps in the registry repository, in the registry's canonical YAML style:
 * {@code policies/<name>/<version>.yaml}, {@code policies/<name>/approvals/<version>.yaml} and
 * {@code promotions/<id>.yaml}.
 */
final class PolicyDocuments {
  static final Pattern POLICY = Pattern.compile("policies/([^/]+)/([1-9][0-9]*)\\.yaml");
  static final Pattern DECISION = Pattern.compile("policies/([^/]+)/approvals/([1-9][0-9]*)\\.yaml");
  static final Pattern PROMOTION = Pattern.compile("promotions/([^/]+)\\.yaml");

  // the registry's canonical form: same entity, same bytes, whichever module writes it
  private static final YAMLMapper YAML = EntityDocuments.canonicalYaml();

  private static final JsonMapper JSON = EntityDocuments.canonicalJson();

  private PolicyDocuments() {}

  static byte[] toYaml(Object document) {
    Object content = document instanceof Policy p ? p.stored() : document;
    return YAML.writeValueAsBytes(content);
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

  static String policyPath(String name, int version) {
    return "policies/" + name + "/" + version + ".yaml";
  }

  static String decisionPath(String name, int version) {
    return "policies/" + name + "/approvals/" + version + ".yaml";
  }

  static String promotionPath(String id) {
    return "promotions/" + id + ".yaml";
  }

  static Optional<Matcher> match(Pattern pattern, String path) {
    Matcher m = pattern.matcher(path);
    return m.matches() ? Optional.of(m) : Optional.empty();
  }
}
