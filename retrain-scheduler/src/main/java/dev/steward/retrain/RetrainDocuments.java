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
 * {@code retrain/<model>.yaml} (a plan) and {@code retrain-runs/<xx>/<yy>/<id>.yaml} (a run), where {@code xx} and
 * {@code yy} are the first two bytes of the SHA-256 of the run's id. A commit rewrites every tree on the path of
 * its file, so runs, which change often, live apart from the plans (a run's commit would otherwise rewrite the
 * folder listing every plan) and fan out over 65,536 folders (each holds a few runs even after millions), for the
 * reason the registry groups versions by hundreds. Runs written before this layout
 * ({@code retrain/runs/<xx>/<id>.yaml}) are still read, and changed where they are.
 */
final class RetrainDocuments {
  static final String DIRECTORY = "retrain/";
  static final String RUNS = "retrain-runs/";
  static final Pattern PLAN = Pattern.compile("retrain/([^/]+)\\.yaml");
  static final Pattern RUN = Pattern.compile("retrain-runs/([0-9a-f]{2})/([0-9a-f]{2})/([^/]+)\\.yaml");
  static final Pattern LEGACY_RUN = Pattern.compile("retrain/runs/([0-9a-f]{2})/([^/]+)\\.yaml");

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
    String hash = EntityDocuments.digest(id).substring("sha256:".length());
    return RUNS + hash.substring(0, 2) + "/" + hash.substring(2, 4) + "/" + id + ".yaml";
  }

  /** Where a run written before the current layout lives. */
  static String legacyRunPath(String id) {
    String hash = EntityDocuments.digest(id);
    return DIRECTORY + "runs/" + hash.substring("sha256:".length(), "sha256:".length() + 2) + "/" + id + ".yaml";
  }

  /** Whether a path is one of this module's files. */
  static boolean owns(String path) {
    return path.startsWith(DIRECTORY) || path.startsWith(RUNS);
  }

  static Optional<String> planModel(String path) {
    Matcher m = PLAN.matcher(path);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  static Optional<String> runId(String path) {
    Matcher m = RUN.matcher(path);
    if (m.matches() && runPath(m.group(3)).equals(path)) {
      return Optional.of(m.group(3));
    }
    Matcher legacy = LEGACY_RUN.matcher(path);
    return legacy.matches() && legacyRunPath(legacy.group(2)).equals(path) ? Optional.of(legacy.group(2))
        : Optional.empty();
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
