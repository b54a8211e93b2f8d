package dev.steward.retrain;

import dev.steward.registry.EntityDocuments;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The files this module keeps in the registry repository, in the registry's canonical YAML:
 * {@code retrain/<model>.yaml} (a plan) and {@code retrain/runs/<xx>/<id>.yaml} (a run). Runs fan out over 256
 * folders by the first byte of the SHA-256 of their id, for the reason the registry groups versions by
 * hundreds: a commit rewrites the trees on the path of its file, and one folder of every run ever would make
 * each run's commit write a tree listing all of them.
 */
final class RetrainDocuments {
  static final String DIRECTORY = "retrain/";
  static final Pattern PLAN = Pattern.compile("retrain/([^/]+)\\.yaml");
  static final Pattern RUN = Pattern.compile("retrain/runs/([0-9a-f]{2})/([^/]+)\\.yaml");

  private static final YAMLMapper YAML = EntityDocuments.canonicalYaml();
  private static final JsonMapper JSON = EntityDocuments.canonicalJson();

  private RetrainDocuments() {}

  static byte[] toYaml(Object document) {
    Object content = document instanceof RetrainPlan p ? p.withDigest(null) : document;
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

  static String planPath(String model) {
    return DIRECTORY + model + ".yaml";
  }

  static String runPath(String id) {
    String hash = EntityDocuments.digest(id);
    return DIRECTORY + "runs/" + hash.substring("sha256:".length(), "sha256:".length() + 2) + "/" + id + ".yaml";
  }

  static Optional<String> planModel(String path) {
    Matcher m = PLAN.matcher(path);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  static Optional<String> runId(String path) {
    Matcher m = RUN.matcher(path);
    return m.matches() && runPath(m.group(2)).equals(path) ? Optional.of(m.group(2)) : Optional.empty();
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
