package dev.steward.drift.traffic;

import dev.steward.drift.BinCounts;
import dev.steward.drift.FeatureBins;
import dev.steward.drift.Sample;
import dev.steward.drift.SampleFiles;
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
  record Limits(int numericBins, int maxLabelled, int segmentValues, List<Integer> segments) {
    Limits {
      segments = List.copyOf(segments);
      if (numericBins < 2 || maxLabelled < 1 || segmentValues < 1) {
        throw new IllegalArgumentException("Invalid reference profile limits: " + numericBins + " bins, "
            + maxLabelled + " labelled rows, " + segmentValues + " values per segment.");
      }
    }

    Limits(int numericBins, int maxLabelled) {
      this(numericBins, maxLabelled, 1, List.of());
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

  /**
   * The columns a reference file is read with: every column when {@code selected} is empty, the model's
   * categorical features as text (so {@code 007} stays a category of its own).
   */
  static SampleFiles.Options readOptions(MonitoredModel model, List<String> selected) {
    Set<String> text = new HashSet<>();
    for (MonitoredModel.MonitoredFeature f : model.features()) {
      if (!f.numeric()) {
        text.add(f.name());
      }
    }
    return SampleFiles.Options.ALL.withColumns(selected).withTextColumns(text);
  }

  /** A profile from a sample read from a CSV or Parquet file (see {@link #readOptions}). */
  static ReferenceProfile fromSample(MonitoredModel model, Sample sample, Limits limits, String actor, Instant now) {
    List<String> names = model.features().stream().map(MonitoredModel.MonitoredFeature::name).toList();
    Set<String> known = new HashSet<>(names);
    for (String column : sample.names()) {
      if (!known.contains(column) && !column.equals("score") && !column.equals("label")
          && !column.equals("request_id")) {
        throw new InvalidTraffic(422, column, "Column '" + column + "' is not in the feature set of "
            + model.model() + "/" + model.version() + "; choose the columns to read with the columns parameter.");
      }
    }
    int rows = sample.rows();
    Inputs inputs = new Inputs() {
      @Override
      public double[] numbers(int feature) {
        return SampleColumns.numbers(names.get(feature), sample.column(names.get(feature)), rows);
      }

      @Override
      public @Nullable String[] texts(int feature) {
        return SampleColumns.texts(sample.column(names.get(feature)), rows);
      }

      @Override
      public double[] scores() {
        return SampleColumns.numbers(ReferenceProfile.SCORE, sample.column("score"), rows);
      }

      @Override
      public @Nullable Object label(int row) {
        Sample.Column labels = sample.column("label");
        return switch (labels) {
          case null -> null;
          case Sample.Column.Numeric n -> Double.isNaN(n.values()[row]) ? null : n.values()[row];
          case Sample.Column.Categorical c -> c.values()[row];
        };
      }
    };
    return profile(model, rows, inputs, limits, actor, now);
  }

  static ReferenceProfile fromCsv(MonitoredModel model, String csv, Limits limits, String actor, Instant now) {
    Sample sample;
    try {
      sample = SampleFiles.readCsv(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8),
          readOptions(model, List.of()), "reference");
    } catch (IllegalArgumentException e) {
      throw new InvalidTraffic(400, "reference", e.getMessage());
    }
    return fromSample(model, sample, limits, actor, now);
  }

  /** The values of a reference sample, however they arrived. */
  private interface Inputs {
    double[] numbers(int feature);

    @Nullable String[] texts(int feature);

    double[] scores();

    @Nullable Object label(int row);
  }

  /** Columns of a sample as the profile needs them. */
  private static final class SampleColumns {
    static double[] numbers(String feature, Sample.@Nullable Column column, int rows) {
      return switch (column) {
        case null -> {
          double[] none = new double[rows];
          Arrays.fill(none, Double.NaN);
          yield none;
        }
        case Sample.Column.Numeric n -> n.values();
        case Sample.Column.Categorical c -> ReferenceSamples.numbers(feature, Arrays.asList((Object[]) c.values()));
      };
    }

    static @Nullable String[] texts(Sample.@Nullable Column column, int rows) {
      return switch (column) {
        case null -> new String[rows];
        case Sample.Column.Categorical c -> c.values();
        case Sample.Column.Numeric n -> {
          String[] out = new String[rows];
          double[] v = n.values();
          for (int r = 0; r < rows; r++) {
            out[r] = Double.isNaN(v[r]) ? null : number(v[r]);
          }
          yield out;
        }
      };
    }
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
    Inputs inputs = new Inputs() {
      @Override
      public double[] numbers(int feature) {
        return ReferenceSamples.numbers(columns.names.get(feature), columns.values.get(feature));
      }

      @Override
      public @Nullable String[] texts(int feature) {
        List<@Nullable Object> values = columns.values.get(feature);
        String[] texts = new String[values.size()];
        for (int r = 0; r < texts.length; r++) {
          Object v = values.get(r);
          texts[r] = v == null ? null : v instanceof Double d ? number(d) : v.toString();
        }
        return texts;
      }

      @Override
      public double[] scores() {
        return ReferenceSamples.numbers(ReferenceProfile.SCORE, columns.scores);
      }

      @Override
      public @Nullable Object label(int row) {
        return columns.labels.get(row);
      }
    };
    return profile(model, columns.scores.size(), inputs, limits, actor, now);
  }

  private static ReferenceProfile profile(MonitoredModel model, int rows, Inputs inputs, Limits limits, String actor,
      Instant now) {
    int numericBins = limits.numericBins();
    if (rows == 0) {
      throw new InvalidTraffic(400, "reference", "The reference sample has no rows.");
    }
    List<ReferenceProfile.FeatureProfile> features = new ArrayList<>();
    // kept for the segments' counts, which need every feature's values again
    Object[] values = new Object[model.features().size()];
    for (int i = 0; i < model.features().size(); i++) {
      MonitoredModel.MonitoredFeature feature = model.features().get(i);
      if (feature.numeric()) {
        double[] numbers = inputs.numbers(i);
        FeatureBins.Numeric bins = FeatureBins.Numeric.fromReference(feature.name(), numbers, numericBins);
        features.add(new ReferenceProfile.FeatureProfile(bins, BinCounts.of(bins, numbers)));
        values[i] = limits.segments().isEmpty() ? null : numbers;
      } else {
        String[] texts = inputs.texts(i);
        FeatureBins.Categorical bins = FeatureBins.Categorical.fromReference(feature.name(), texts);
        features.add(new ReferenceProfile.FeatureProfile(bins, BinCounts.of(bins, texts)));
        values[i] = limits.segments().isEmpty() ? null : texts;
      }
    }
    double[] scores = inputs.scores();
    ReferenceProfile.FeatureProfile score = null;
    if (Arrays.stream(scores).anyMatch(Double::isFinite)) {
      FeatureBins.Numeric bins = FeatureBins.Numeric.fromReference(ReferenceProfile.SCORE, scores, numericBins);
      score = new ReferenceProfile.FeatureProfile(bins, BinCounts.of(bins, scores));
    }
    List<ReferenceProfile.Segment> segments = new ArrayList<>();
    for (int feature : limits.segments()) {
      segments.add(segment(features, feature, values, score, scores, rows, limits.segmentValues()));
    }
    double[] labelledScores = new double[rows];
    int[] labels = new int[rows];
    int n = 0;
    for (int r = 0; r < rows; r++) {
      Integer label = label(inputs.label(r), r);
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
        Arrays.copyOf(labelledScores, n), Arrays.copyOf(labels, n), now, actor, segments);
  }

  /**
   * A segment column's top values (the first categories of its bins, which are ordered by reference count)
   * and the reference's counts per value and for every other value, bin by bin as live rows are counted.
   */
  private static ReferenceProfile.Segment segment(List<ReferenceProfile.FeatureProfile> features, int column,
      Object[] values, ReferenceProfile.@Nullable FeatureProfile score, double[] scores, int rows, int topValues) {
    FeatureBins.Categorical segmentBins = (FeatureBins.Categorical) features.get(column).bins();
    List<String> top = segmentBins.categories().subList(0, Math.min(topValues, segmentBins.categories().size()));
    int slots = top.size() + 1;
    int[] slotOfRow = new int[rows];
    String[] segmentValues = (String[]) values[column];
    for (int r = 0; r < rows; r++) {
      int bin = segmentValues[r] == null ? -1 : segmentBins.binOf(segmentValues[r]);
      slotOfRow[r] = bin >= 0 && bin < top.size() ? bin : top.size();
    }
    long[] slotRows = new long[slots];
    for (int r = 0; r < rows; r++) {
      slotRows[slotOfRow[r]]++;
    }
    List<List<BinCounts>> perSlot = new ArrayList<>();
    for (int slot = 0; slot < slots; slot++) {
      perSlot.add(new ArrayList<>());
    }
    for (int i = 0; i < features.size(); i++) {
      long[][] counts = counts(features.get(i).bins(), values[i], slotOfRow, slots);
      for (int slot = 0; slot < slots; slot++) {
        perSlot.get(slot).add(binCounts(counts[slot]));
      }
    }
    long[][] scoreCounts = score == null ? null : counts(score.bins(), scores, slotOfRow, slots);
    List<ReferenceProfile.SegmentReference> references = new ArrayList<>();
    for (int slot = 0; slot < slots; slot++) {
      references.add(new ReferenceProfile.SegmentReference(slotRows[slot], perSlot.get(slot),
          scoreCounts == null ? null : binCounts(scoreCounts[slot])));
    }
    return new ReferenceProfile.Segment(segmentBins.feature(), column, top, references);
  }

  /** Per slot, counts over the bins followed by the missing and the infinite count. */
  private static long[][] counts(FeatureBins bins, Object values, int[] slotOfRow, int slots) {
    long[][] counts = new long[slots][bins.size() + 2];
    for (int r = 0; r < slotOfRow.length; r++) {
      int bin;
      if (bins instanceof FeatureBins.Numeric numeric) {
        double v = ((double[]) values)[r];
        bin = Double.isNaN(v) ? bins.size() : Double.isInfinite(v) ? bins.size() + 1 : numeric.binOf(v);
      } else {
        String v = ((String[]) values)[r];
        bin = v == null ? bins.size() : ((FeatureBins.Categorical) bins).binOf(v);
      }
      counts[slotOfRow[r]][bin]++;
    }
    return counts;
  }

  private static BinCounts binCounts(long[] withMissingAndInfinite) {
    int bins = withMissingAndInfinite.length - 2;
    return new BinCounts(Arrays.copyOf(withMissingAndInfinite, bins), withMissingAndInfinite[bins],
        withMissingAndInfinite[bins + 1]);
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
