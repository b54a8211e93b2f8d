package dev.steward.drift.traffic;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The file of a reference profile in the registry repository,
 * {@code drift/profiles/<model>/<group>/<version>.json} ({@code <group>} the hundred the version falls
 * in, {@code 0-99}, {@code 100-199}, ..., as for model versions, so no folder lists more than 100
 * profiles). Canonical JSON: fields in a fixed order, indented, arrays on one line, so the same profile
 * always gives the same bytes and a diff shows what changed. JSON rather than YAML because a profile is
 * mostly arrays of numbers (cut points, counts, labelled scores), which YAML's block style would put
 * one per line.
 *
 * <pre>{@code
 * {
 *   "model" : "churn", "version" : 3, "rows" : 40000, "createdBy" : "alice", "createdAt" : "...",
 *   "features" : [ { "name" : "tenure", "type" : "numeric", "cutPoints" : [ ... ], "counts" : [ ... ],
 *                    "missing" : 12, "infinite" : 0 }, ... ],
 *   "score" : { ... },
 *   "segments" : [ { "column" : "plan", "values" : [ "basic", ... ],
 *                    "references" : [ { "rows" : 21000, "features" : [ { "counts" : [ ... ], ... } ], "score" : { ... } }, ... ] } ],
 *   "labelled" : { "scores" : [ 0.12, ... ], "labels" : "0110..." }
 * }
 * }</pre>
 */
final class ProfileDocuments {
  static final String DIRECTORY = "drift/profiles/";
  private static final Pattern PATH = Pattern.compile(
      "drift/profiles/([^/]+)/([0-9]+)-([0-9]+)/([1-9][0-9]{0,8})\\.json");
  private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  /** Which model version a profile file belongs to. */
  record Location(String model, int version) {
  }

  private ProfileDocuments() {
  }

  static String path(String model, int version) {
    int low = version / 100 * 100;
    return DIRECTORY + model + "/" + low + "-" + (low + 99) + "/" + version + ".json";
  }

  /** The model version of a profile file, or empty for any other path (or a version outside its group). */
  static Optional<Location> locate(String path) {
    Matcher m = PATH.matcher(path);
    if (!m.matches()) {
      return Optional.empty();
    }
    int version = Integer.parseInt(m.group(4));
    return path(m.group(1), version).equals(path) ? Optional.of(new Location(m.group(1), version))
        : Optional.empty();
  }

  static byte[] toJson(ReferenceProfile profile) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("model", profile.model()).put("version", profile.version()).put("rows", profile.rows())
        .put("createdBy", profile.createdBy()).put("createdAt", profile.createdAt().toString());
    ArrayNode features = doc.putArray("features");
    profile.features().forEach(f -> features.add(ReferenceProfiles.feature(f)));
    if (profile.score() != null) {
      doc.set("score", ReferenceProfiles.feature(profile.score()));
    }
    ReferenceProfiles.putSegments(doc, profile);
    ObjectNode labelled = doc.putObject("labelled");
    ArrayNode scores = labelled.putArray("scores");
    for (double s : profile.labelledScores()) {
      scores.add(s);
    }
    StringBuilder labels = new StringBuilder(profile.labelled());
    for (int l : profile.labels()) {
      labels.append(l == 1 ? '1' : '0');
    }
    labelled.put("labels", labels.toString());
    return (JSON.writeValueAsString(doc) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** Reads a profile file back; throws {@link IllegalArgumentException} when it is not one. */
  static ReferenceProfile fromJson(byte[] content) {
    JsonNode doc;
    try {
      doc = JSON.readTree(content);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("Not a reference profile document: " + e.getOriginalMessage(), e);
    }
    List<ReferenceProfile.FeatureProfile> features = new ArrayList<>();
    for (JsonNode f : doc.path("features")) {
      features.add(ReferenceProfiles.feature(f));
    }
    ReferenceProfile.FeatureProfile score = doc.path("score").isObject()
        ? ReferenceProfiles.feature(doc.get("score")) : null;
    JsonNode scoresNode = doc.path("labelled").path("scores");
    String labelText = doc.path("labelled").path("labels").asString("");
    if (scoresNode.size() != labelText.length()) {
      throw new IllegalArgumentException("A reference profile document has " + scoresNode.size()
          + " labelled scores but " + labelText.length() + " labels.");
    }
    double[] scores = new double[scoresNode.size()];
    int[] labels = new int[scores.length];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = scoresNode.get(i).asDouble();
      labels[i] = labelText.charAt(i) == '1' ? 1 : 0;
    }
    return new ReferenceProfile(doc.path("model").asString(), doc.path("version").asInt(), doc.path("rows").asLong(),
        features, score, scores, labels, Instant.parse(doc.path("createdAt").asString()),
        doc.path("createdBy").asString(), ReferenceProfiles.segments(doc, features));
  }
}
