package dev.steward.drift.traffic;

import dev.steward.drift.BinCounts;
import dev.steward.drift.FeatureBins;
import dev.steward.lineage.Change;
import dev.steward.lineage.FileChange;
import dev.steward.lineage.Lineage;
import dev.steward.lineage.PathAlreadyExists;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reference profiles, one per model version and immutable once stored (live windows are counted over its
 * bins, so replacing it would make counts incomparable: register a new model version instead). Each
 * upload is one commit of {@code drift/profiles/<model>/<group>/<version>.json} in the registry
 * repository ({@link ProfileDocuments}), acknowledged once that commit is durable; {@link
 * ReferenceProfileProjection} indexes the file into {@code drift_reference_profile} and
 * {@code drift_reference_labels}, so an index rebuild or a lost database gives every profile back.
 *
 * <pre>{@code
 * profiles.add(profile);                          // one commit; 409 when the version has a profile
 * Optional<ReferenceProfile> p = profiles.find("churn", 3);
 * }</pre>
 */
public class ReferenceProfiles {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int PAIRS_PER_CHUNK = 40_000;
  /** The bins of a profile go into one SQL column of this many characters ({@code V4_1__drift_traffic.sql}). */
  static final int MAX_DOCUMENT_CHARS = 1_048_576;

  private final JdbcClient jdbc;
  private final Lineage lineage;
  private final ConcurrentHashMap<String, ReferenceProfile> cache = new ConcurrentHashMap<>();

  public ReferenceProfiles(JdbcClient jdbc, Lineage lineage) {
    this.jdbc = jdbc;
    this.lineage = lineage;
  }

  /**
   * Stores a new profile as one commit by its creator; refuses with 409 when the model version has one,
   * and with 422 when its bins would not fit the index (thousands of long categories).
   */
  public void add(ReferenceProfile profile) {
    if (find(profile.model(), profile.version()).isPresent()) {
      throw alreadyThere(profile);
    }
    int documentChars = JSON.writeValueAsString(document(profile)).length();
    if (documentChars > MAX_DOCUMENT_CHARS) {
      throw new InvalidTraffic(422, "reference", "The bins of this reference profile take " + documentChars
          + " characters, more than the " + MAX_DOCUMENT_CHARS + " a profile may hold; send fewer or shorter "
          + "categories" + (profile.segments().isEmpty() ? "." : ", or fewer segment columns (each value keeps "
          + "counts for every feature)."));
    }
    String path = ProfileDocuments.path(profile.model(), profile.version());
    String version = profile.model() + "/" + profile.version();
    try {
      lineage.record(new Change(profile.createdBy(), "upload-reference-profile", "drift/profiles/" + version,
          "Upload the reference profile of model version " + version,
          List.of(FileChange.create(path, ProfileDocuments.toJson(profile)))));
    } catch (PathAlreadyExists e) {
      throw alreadyThere(profile);
    }
    cache.put(key(profile.model(), profile.version()), profile);
  }

  private static InvalidTraffic alreadyThere(ReferenceProfile profile) {
    return new InvalidTraffic(409, "reference", "Model version " + profile.model() + "/" + profile.version()
        + " already has a reference profile; profiles are immutable.");
  }

  /** Writes a profile's index rows; {@link ReferenceProfileProjection} calls it for each profile file. */
  static void insert(JdbcClient jdbc, ReferenceProfile profile) {
    jdbc.sql("insert into drift_reference_profile (model, version, rows_count, labelled, created_by, created_at, document)"
            + " values (?, ?, ?, ?, ?, ?, ?)")
        .params(profile.model(), profile.version(), profile.rows(), profile.labelled(), profile.createdBy(),
            Timestamp.from(profile.createdAt()), JSON.writeValueAsString(document(profile)))
        .update();
    for (int chunk = 0; chunk * PAIRS_PER_CHUNK < profile.labelled(); chunk++) {
      StringBuilder pairs = new StringBuilder();
      int end = Math.min(profile.labelled(), (chunk + 1) * PAIRS_PER_CHUNK);
      for (int i = chunk * PAIRS_PER_CHUNK; i < end; i++) {
        pairs.append(Double.toString(profile.labelledScores()[i])).append(':').append(profile.labels()[i])
            .append(' ');
      }
      jdbc.sql("insert into drift_reference_labels (model, version, chunk, pairs) values (?, ?, ?, ?)")
          .params(profile.model(), profile.version(), chunk, pairs.toString()).update();
    }
  }

  /** Removes a profile's index rows. */
  static void delete(JdbcClient jdbc, String model, int version) {
    jdbc.sql("delete from drift_reference_labels where model = ? and version = ?").params(model, version).update();
    jdbc.sql("delete from drift_reference_profile where model = ? and version = ?").params(model, version).update();
  }

  public Optional<ReferenceProfile> find(String model, int version) {
    String key = key(model, version);
    ReferenceProfile cached = cache.get(key);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<ReferenceProfile> loaded = jdbc.sql("select rows_count, created_by, created_at, document"
            + " from drift_reference_profile where model = ? and version = ?")
        .params(model, version)
        .query((rs, n) -> parse(model, version, rs.getLong(1), rs.getString(2),
            rs.getTimestamp(3).toInstant(), rs.getString(4)))
        .optional();
    loaded.ifPresent(p -> cache.put(key, p));
    return loaded;
  }

  private ReferenceProfile parse(String model, int version, long rows, String by, Instant at, String document) {
    JsonNode doc = JSON.readTree(document);
    List<ReferenceProfile.FeatureProfile> features = new ArrayList<>();
    for (JsonNode f : doc.path("features")) {
      features.add(feature(f));
    }
    ReferenceProfile.FeatureProfile score = doc.path("score").isObject() ? feature(doc.get("score")) : null;
    List<String> chunks = jdbc.sql("select pairs from drift_reference_labels where model = ? and version = ? order by chunk")
        .params(model, version).query(String.class).list();
    int n = 0;
    for (String c : chunks) {
      n += (int) c.chars().filter(ch -> ch == ' ').count();
    }
    double[] scores = new double[n];
    int[] labels = new int[n];
    int i = 0;
    for (String c : chunks) {
      for (String pair : c.trim().split(" ")) {
        if (pair.isEmpty()) {
          continue;
        }
        int colon = pair.indexOf(':');
        scores[i] = Double.parseDouble(pair.substring(0, colon));
        labels[i] = Integer.parseInt(pair.substring(colon + 1));
        i++;
      }
    }
    return new ReferenceProfile(model, version, rows, features, score, scores, labels, at, by,
        segments(doc, features));
  }

  private static String key(String model, int version) {
    return model + '\u0000' + version;
  }

  static ObjectNode document(ReferenceProfile profile) {
    ObjectNode doc = JSON.createObjectNode();
    ArrayNode features = doc.putArray("features");
    profile.features().forEach(f -> features.add(feature(f)));
    if (profile.score() != null) {
      doc.set("score", feature(profile.score()));
    }
    putSegments(doc, profile);
    return doc;
  }

  /** The segment columns, their top values and per value the reference's counts; nothing without segments. */
  static void putSegments(ObjectNode doc, ReferenceProfile profile) {
    if (profile.segments().isEmpty()) {
      return;
    }
    ArrayNode segments = doc.putArray("segments");
    for (ReferenceProfile.Segment s : profile.segments()) {
      ObjectNode node = segments.addObject().put("column", s.column());
      ArrayNode values = node.putArray("values");
      s.values().forEach(values::add);
      ArrayNode references = node.putArray("references");
      for (ReferenceProfile.SegmentReference r : s.references()) {
        ObjectNode ref = references.addObject().put("rows", r.rows());
        ArrayNode features = ref.putArray("features");
        r.features().forEach(c -> features.add(counts(c)));
        if (r.score() != null) {
          ref.set("score", counts(r.score()));
        }
      }
    }
  }

  /** The segments of a profile document (see {@link #putSegments}). */
  static List<ReferenceProfile.Segment> segments(JsonNode doc, List<ReferenceProfile.FeatureProfile> features) {
    List<ReferenceProfile.Segment> segments = new ArrayList<>();
    for (JsonNode node : doc.path("segments")) {
      String column = node.path("column").asString();
      int feature = -1;
      for (int i = 0; i < features.size(); i++) {
        if (features.get(i).name().equals(column)) {
          feature = i;
        }
      }
      List<String> values = new ArrayList<>();
      node.path("values").forEach(v -> values.add(v.asString()));
      List<ReferenceProfile.SegmentReference> references = new ArrayList<>();
      for (JsonNode ref : node.path("references")) {
        List<BinCounts> counts = new ArrayList<>();
        ref.path("features").forEach(c -> counts.add(counts(c)));
        references.add(new ReferenceProfile.SegmentReference(ref.path("rows").asLong(), counts,
            ref.path("score").isObject() ? counts(ref.get("score")) : null));
      }
      segments.add(new ReferenceProfile.Segment(column, feature, values, references));
    }
    return segments;
  }

  private static ObjectNode counts(BinCounts c) {
    ObjectNode node = JSON.createObjectNode();
    ArrayNode counts = node.putArray("counts");
    for (long n : c.counts()) {
      counts.add(n);
    }
    return node.put("missing", c.missing()).put("infinite", c.infinite());
  }

  private static BinCounts counts(JsonNode node) {
    long[] counts = new long[node.path("counts").size()];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = node.path("counts").get(i).asLong();
    }
    return new BinCounts(counts, node.path("missing").asLong(), node.path("infinite").asLong());
  }

  static ObjectNode feature(ReferenceProfile.FeatureProfile f) {
    ObjectNode node = JSON.createObjectNode().put("name", f.name());
    switch (f.bins()) {
      case FeatureBins.Numeric numeric -> {
        node.put("type", "numeric");
        ArrayNode cuts = node.putArray("cutPoints");
        for (double c : numeric.cutPoints()) {
          cuts.add(c);
        }
      }
      case FeatureBins.Categorical categorical -> {
        node.put("type", "categorical");
        ArrayNode categories = node.putArray("categories");
        categorical.categories().forEach(categories::add);
      }
    }
    ArrayNode counts = node.putArray("counts");
    for (long c : f.counts().counts()) {
      counts.add(c);
    }
    node.put("missing", f.counts().missing()).put("infinite", f.counts().infinite());
    return node;
  }

  static ReferenceProfile.FeatureProfile feature(JsonNode node) {
    String name = node.path("name").asString();
    FeatureBins bins;
    if (node.path("type").asString().equals("numeric")) {
      double[] cuts = new double[node.path("cutPoints").size()];
      for (int i = 0; i < cuts.length; i++) {
        cuts[i] = node.path("cutPoints").get(i).asDouble();
      }
      bins = new FeatureBins.Numeric(name, cuts);
    } else {
      List<String> categories = new ArrayList<>();
      node.path("categories").forEach(c -> categories.add(c.asString()));
      bins = new FeatureBins.Categorical(name, categories);
    }
    long[] counts = new long[node.path("counts").size()];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = node.path("counts").get(i).asLong();
    }
    return new ReferenceProfile.FeatureProfile(bins,
        new BinCounts(counts, node.path("missing").asLong(), node.path("infinite").asLong()));
  }

}
