package dev.steward.drift.traffic;

import dev.steward.drift.BinCounts;
import dev.steward.drift.CsvSamples;
import dev.steward.drift.FeatureBins;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds a {@link ReferenceProfile} from an uploaded reference sample: JSON lines
 * ({@code {"features": {...}, "score": 0.3, "label": 1}} per line) or CSV with one column per feature plus
 * optional {@code score} and {@code label} columns. The sample must use only features of the model
 * version's feature set; text in a numeric feature or a label other than 0/1 refuses the whole upload.
 */
final class ReferenceSamples {
  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(tools.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private ReferenceSamples() {
  }

  /**
   * Bounds of a profile: bins per numeric feature, and the most labelled rows kept for calibration. An
   * upload with more labelled rows keeps a sample of that many, in upload order, drawn with a fixed seed
   * so the same upload always gives the same profile; it bounds the profile file in the registry
   * repository (10 to 22 bytes per labelled row, by the digits of its score).
   */
  record Limits(int numericBins, int maxLabelled) {
    Limits {
      if (numericBins < 2 || maxLabelled < 1) {
        throw new IllegalArgumentException("Invalid reference profile limits: " + numericBins + " bins, "
            + maxLabelled + " labelled rows.");
      }
    }
  }

  /** Raw columns of a reference sample: values as text or numbers, null when missing. */
  private static final class Columns {
    final List<String> names;
    final List<List<@Nullable Object>> values = new ArrayList<>();
    final List<@Nullable Object> scores = new ArrayList<>();
    final List<@Nullable Object> labels = new ArrayList<>();

    Columns(List<String> names) {
      this.names = names;
      names.forEach(n -> values.add(new ArrayList<>()));
    }
  }

  static ReferenceProfile fromJsonLines(MonitoredModel model, String body, Limits limits, String actor, Instant now) {
    List<String> names = model.features().stream().map(MonitoredModel.MonitoredFeature::name).toList();
    Map<String, Integer> positions = model.positions();
    Columns columns = new Columns(names);
    String[] lines = body.split("\r?\n");
    for (int l = 0; l < lines.length; l++) {
      String line = lines[l].strip();
      if (line.isEmpty()) {
        continue;
      }
      JsonNode row;
      try {
        row = JSON.readTree(line);
      } catch (JacksonException e) {
        throw new InvalidTraffic(400, "line " + (l + 1), "Line " + (l + 1) + " is not a JSON object: "
            + e.getOriginalMessage());
      }
      if (!row.isObject()) {
        throw new InvalidTraffic(400, "line " + (l + 1), "Line " + (l + 1) + " is not a JSON object.");
      }
      JsonNode features = row.has("features") ? row.get("features") : row;
      if (!features.isObject()) {
        throw new InvalidTraffic(400, "line " + (l + 1), "Line " + (l + 1) + ": 'features' is not an object.");
      }
      Object[] rowValues = new Object[names.size()];
      for (Map.Entry<String, JsonNode> field : features.properties()) {
        String name = field.getKey();
        if (features == row && Set.of("score", "label", "request_id", "timestamp").contains(name)) {
          continue;
        }
        Integer at = positions.get(name);
        if (at == null) {
          throw new InvalidTraffic(422, "line " + (l + 1), "Line " + (l + 1) + ": feature '" + name
              + "' is not in the feature set of " + model.model() + "/" + model.version() + ".");
        }
        rowValues[at] = value(field.getValue());
      }
      for (int i = 0; i < names.size(); i++) {
        columns.values.get(i).add(rowValues[i]);
      }
      columns.scores.add(row.has("score") ? value(row.get("score")) : null);
      columns.labels.add(row.has("label") ? value(row.get("label")) : null);
    }
    return profile(model, columns, limits, actor, now);
  }

  static ReferenceProfile fromCsv(MonitoredModel model, Reader csv, Limits limits, String actor, Instant now) {
    CsvSamples.Table table;
    try {
      table = CsvSamples.table(csv, "reference");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IllegalArgumentException e) {
      throw new InvalidTraffic(400, "reference", e.getMessage());
    }
    List<String> names = model.features().stream().map(MonitoredModel.MonitoredFeature::name).toList();
    Columns columns = new Columns(names);
    Set<String> known = new HashSet<>(names);
    for (String column : table.header()) {
      if (!known.contains(column) && !column.equals("score") && !column.equals("label")
          && !column.equals("request_id")) {
        throw new InvalidTraffic(422, column, "Column '" + column + "' is not in the feature set of "
            + model.model() + "/" + model.version() + ".");
      }
    }
    for (int r = 0; r < table.rows(); r++) {
      for (int i = 0; i < names.size(); i++) {
        int c = table.header().indexOf(names.get(i));
        columns.values.get(i).add(c < 0 ? null : table.columns().get(c)[r]);
      }
      int s = table.header().indexOf("score");
      int lab = table.header().indexOf("label");
      columns.scores.add(s < 0 ? null : table.columns().get(s)[r]);
      columns.labels.add(lab < 0 ? null : table.columns().get(lab)[r]);
    }
    return profile(model, columns, limits, actor, now);
  }

  static ReferenceProfile fromCsv(MonitoredModel model, String csv, Limits limits, String actor, Instant now) {
    return fromCsv(model, new StringReader(csv), limits, actor, now);
  }

  private static @Nullable Object value(JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isNumber()) {
      return v.asDouble();
    }
    if (v.isBoolean()) {
      return v.asBoolean() ? "true" : "false";
    }
    if (v.isString()) {
      return v.asString();
    }
    return v.toString();
  }

  private static ReferenceProfile profile(MonitoredModel model, Columns columns, Limits limits, String actor,
      Instant now) {
    int numericBins = limits.numericBins();
    int rows = columns.scores.size();
    if (rows == 0) {
      throw new InvalidTraffic(400, "reference", "The reference sample has no rows.");
    }
    List<ReferenceProfile.FeatureProfile> features = new ArrayList<>();
    for (int i = 0; i < columns.names.size(); i++) {
      MonitoredModel.MonitoredFeature feature = model.features().get(i);
      List<@Nullable Object> values = columns.values.get(i);
      if (feature.numeric()) {
        double[] numbers = numbers(feature.name(), values);
        FeatureBins.Numeric bins = FeatureBins.Numeric.fromReference(feature.name(), numbers, numericBins);
        features.add(new ReferenceProfile.FeatureProfile(bins, BinCounts.of(bins, numbers)));
      } else {
        String[] texts = new String[rows];
        for (int r = 0; r < rows; r++) {
          Object v = values.get(r);
          texts[r] = v == null ? null : v instanceof Double d ? number(d) : v.toString();
        }
        FeatureBins.Categorical bins = FeatureBins.Categorical.fromReference(feature.name(), texts);
        features.add(new ReferenceProfile.FeatureProfile(bins, BinCounts.of(bins, texts)));
      }
    }
    double[] scores = numbers(ReferenceProfile.SCORE, columns.scores);
    ReferenceProfile.FeatureProfile score = null;
    if (Arrays.stream(scores).anyMatch(Double::isFinite)) {
      FeatureBins.Numeric bins = FeatureBins.Numeric.fromReference(ReferenceProfile.SCORE, scores, numericBins);
      score = new ReferenceProfile.FeatureProfile(bins, BinCounts.of(bins, scores));
    }
    double[] labelledScores = new double[rows];
    int[] labels = new int[rows];
    int n = 0;
    for (int r = 0; r < rows; r++) {
      Integer label = label(columns.labels.get(r), r);
      if (label != null && scores[r] >= 0.0 && scores[r] <= 1.0) {
        labelledScores[n] = scores[r];
        labels[n] = label;
        n++;
      }
    }
    if (n > limits.maxLabelled()) {
      n = sample(labelledScores, labels, n, limits.maxLabelled());
    }
    return new ReferenceProfile(model.model(), model.version(), rows, features, score,
        Arrays.copyOf(labelledScores, n), Arrays.copyOf(labels, n), now, actor);
  }

  /**
   * Keeps {@code k} of the first {@code n} pairs, each subset equally likely, in their order (Knuth's
   * selection sampling), moving them to the front; answers {@code k}.
   */
  static int sample(double[] scores, int[] labels, int n, int k) {
    SplittableRandom random = new SplittableRandom(SAMPLE_SEED);
    int kept = 0;
    for (int i = 0; i < n && kept < k; i++) {
      if (random.nextInt(n - i) < k - kept) {
        scores[kept] = scores[i];
        labels[kept] = labels[i];
        kept++;
      }
    }
    return kept;
  }

  private static final long SAMPLE_SEED = 0x5eed_d41f7L;

  /** Text for a category that arrived as a JSON number: integers without a trailing ".0". */
  static String number(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  private static double[] numbers(String feature, List<@Nullable Object> values) {
    double[] out = new double[values.size()];
    for (int r = 0; r < out.length; r++) {
      Object v = values.get(r);
      if (v == null) {
        out[r] = Double.NaN;
      } else if (v instanceof Double d) {
        out[r] = d;
      } else {
        double parsed = NumericText.parse(v.toString());
        if (Double.isNaN(parsed) && !NumericText.isNaN(v.toString())) {
          throw new InvalidTraffic(400, feature, "Row " + (r + 1) + ": '" + v + "' in numeric " + feature
              + " is not a number.");
        }
        out[r] = parsed;
      }
    }
    return out;
  }

  private static @Nullable Integer label(@Nullable Object v, int row) {
    if (v == null) {
      return null;
    }
    String text = v instanceof Double d ? number(d) : v.toString().trim().toLowerCase(Locale.ROOT);
    return switch (text) {
      case "1", "true" -> 1;
      case "0", "false" -> 0;
      default -> throw new InvalidTraffic(400, "label", "Row " + (row + 1) + ": label '" + v + "' is not 0 or 1.");
    };
  }
}
