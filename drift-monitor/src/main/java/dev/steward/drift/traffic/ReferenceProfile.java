package dev.steward.drift.traffic;

import dev.steward.drift.BinCounts;
import dev.steward.drift.FeatureBins;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The reference a model version's live traffic is compared with: per feature the bins fixed from the
 * reference sample (deciles for numeric features, categories plus one bucket for new values) and the
 * reference counts in them (nulls included), the same for the score, and the reference's labelled scores
 * for calibration (cut into chunks of a window's size for the ECE rule). With {@code segments}, live counts
 * are also kept per value of those categorical features, each compared with the reference rows of the same
 * value.
 */
public record ReferenceProfile(
    String model,
    int version,
    long rows,
    List<FeatureProfile> features,
    @Nullable FeatureProfile score,
    double[] labelledScores,
    int[] labels,
    Instant createdAt,
    String createdBy,
    List<Segment> segments) {

  /** The name the score's profile carries. */
  public static final String SCORE = "score";

  /** A feature's fixed bins and its reference counts over them. */
  public record FeatureProfile(FeatureBins bins, BinCounts counts) {
    public FeatureProfile {
      Objects.requireNonNull(bins, "bins");
      if (counts.bins() != bins.size()) {
        throw new IllegalArgumentException("Counts of " + bins.feature() + " do not match its bins.");
      }
    }

    public String name() {
      return bins.feature();
    }

    public boolean numeric() {
      return bins instanceof FeatureBins.Numeric;
    }
  }

  /**
   * A segment column: a categorical feature whose most frequent reference values ({@code values}, the first
   * categories of its bins, which are sorted by reference count) are counted apart, every other value (new
   * ones and nulls too) in one {@code (other)} bucket. {@code references} holds per value, then for
   * {@code (other)}, the reference's own counts.
   */
  public record Segment(String column, int feature, List<String> values, List<SegmentReference> references) {
    /** The label of the bucket for every value outside {@code values}. */
    public static final String OTHER = "(other)";

    public Segment {
      Objects.requireNonNull(column, "column");
      values = List.copyOf(values);
      references = List.copyOf(references);
      if (references.size() != values.size() + 1) {
        throw new IllegalArgumentException("Segment " + column + " needs reference counts for each of its "
            + values.size() + " values and for " + OTHER + ".");
      }
    }

    /** Value slots: the top values, then {@code (other)}. */
    public int slots() {
      return values.size() + 1;
    }

    /** The slot of a row whose segment feature fell in {@code bin} (or is missing, when negative). */
    int slot(short bin) {
      return bin >= 0 && bin < values.size() ? bin : values.size();
    }

    /** {@code column=value}, as reports, events and metrics name a segment. */
    public String label(int slot) {
      return column + "=" + (slot < values.size() ? values.get(slot) : OTHER);
    }
  }

  /** The reference rows of one segment value: how many, and their counts per feature and for the score. */
  public record SegmentReference(long rows, List<BinCounts> features, @Nullable BinCounts score) {
    public SegmentReference {
      features = List.copyOf(features);
    }
  }

  public ReferenceProfile(String model, int version, long rows, List<FeatureProfile> features,
      @Nullable FeatureProfile score, double[] labelledScores, int[] labels, Instant createdAt, String createdBy) {
    this(model, version, rows, features, score, labelledScores, labels, createdAt, createdBy, List.of());
  }

  public ReferenceProfile {
    Objects.requireNonNull(model, "model");
    features = List.copyOf(features);
    segments = List.copyOf(segments);
    if (segments.size() > MAX_SEGMENT_COLUMNS) {
      throw new IllegalArgumentException("A profile has at most " + MAX_SEGMENT_COLUMNS + " segment columns.");
    }
    for (Segment s : segments) {
      if (s.feature() < 0 || s.feature() >= features.size()
          || !(features.get(s.feature()).bins() instanceof FeatureBins.Categorical c)
          || !c.feature().equals(s.column()) || s.values().size() > MAX_SEGMENT_VALUES
          || !c.categories().subList(0, Math.min(c.categories().size(), s.values().size())).equals(s.values())) {
        throw new IllegalArgumentException("Segment " + s.column() + " must name the first categories of a "
            + "categorical feature of the profile.");
      }
      for (SegmentReference r : s.references()) {
        if (r.features().size() != features.size() || (r.score() == null) != (score == null)) {
          throw new IllegalArgumentException("The reference counts of segment " + s.column()
              + " do not match the profile's features.");
        }
      }
    }
    labelledScores = labelledScores.clone();
    labels = labels.clone();
    if (labelledScores.length != labels.length) {
      throw new IllegalArgumentException("A profile needs as many labels as labelled scores.");
    }
  }

  /** At most this many segment columns: a row's segment slots are packed into one int, a byte each. */
  public static final int MAX_SEGMENT_COLUMNS = 4;
  /** At most this many values per segment column, so that a slot (values plus other) fits a byte. */
  public static final int MAX_SEGMENT_VALUES = 255;

  /** The row's segment slots packed a byte per column (column {@code c} in bits {@code 8c..8c+7}). */
  int segmentKey(short[] bins) {
    int key = 0;
    for (int c = 0; c < segments.size(); c++) {
      Segment s = segments.get(c);
      key |= s.slot(bins[s.feature()]) << (8 * c);
    }
    return key;
  }

  public int labelled() {
    return labels.length;
  }

  /** The profile of a feature, or null when the reference does not have it. */
  public @Nullable FeatureProfile feature(String name) {
    for (FeatureProfile f : features) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    return null;
  }
}
