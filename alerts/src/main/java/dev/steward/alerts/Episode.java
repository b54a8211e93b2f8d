package dev.steward.alerts;

import dev.steward.registry.EntityDocuments;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A firing episode Steward acted on, as committed to {@code alerts/episodes/<fingerprint>/<startsAt>.yaml}
 * (the time with ':' written as '-', so the path is safe on every file system). Written with
 * {@code FileChange.create}: a second writer of the same episode fails its whole commit, which is the unique
 * constraint on the Git side. For a rollback it travels in the rollback's own commit.
 *
 * @param deployedVersion the version desired in the environment when Steward acted (what a rollback left)
 * @param delivery the on-call history's delivery id (null for the drift monitor's direct path)
 */
record Episode(String fingerprint, String startsAt, String alertname, String source, String model,
    String environment, @Nullable Integer version, AlertAction action, Map<String, String> labels,
    Map<String, String> annotations, @Nullable String generatorUrl, String actor, Instant receivedAt,
    @Nullable String delivery, @Nullable Integer deployedVersion) {

  static final String ROOT = "alerts/episodes/";
  private static final Pattern PATH = Pattern.compile("alerts/episodes/([0-9a-f]{1,64})/([^/]+)\\.yaml");
  private static final YAMLMapper YAML = EntityDocuments.canonicalYaml();

  Episode {
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
  }

  static Episode of(ReceivedAlert a, String actor, Instant receivedAt, @Nullable String delivery,
      @Nullable Integer deployedVersion) {
    return new Episode(a.fingerprint(), a.startsAtKey(), a.alertname(), a.source(), a.model(), a.environment(),
        a.version(), a.action(), a.labels(), a.annotations(), a.generatorUrl(), actor, receivedAt, delivery,
        deployedVersion);
  }

  static String path(String fingerprint, String startsAt) {
    return ROOT + fingerprint + "/" + startsAt.replace(':', '-') + ".yaml";
  }

  String path() {
    return path(fingerprint, startsAt);
  }

  byte[] toYaml() {
    return YAML.writeValueAsBytes(this);
  }

  static Episode fromYaml(byte[] yaml) {
    return YAML.readValue(yaml, Episode.class);
  }

  static Optional<Matcher> match(String path) {
    Matcher m = PATH.matcher(path);
    return m.matches() ? Optional.of(m) : Optional.empty();
  }
}
