package dev.steward.drift;

import dev.steward.drift.stats.BucketSort;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jspecify.annotations.Nullable;

/**
 * Ad-hoc comparison of a reference and a current sample, for users checking data before a deploy.
 * Every column present in both samples is compared (the label column only feeds calibration); columns
 * are processed in parallel.
 *
 * <pre>{@code
 * Comparison comparison = DriftComparison.compare(reference, current,
 *     ComparisonOptions.DEFAULT.withMode(ComparisonMode.REFERENCE_BINS));
 * comparison.columns().forEach(c -> System.out.println(c.column() + " drifted: " + c.driftDetected()));
 * }</pre>
 */
public final class DriftComparison {

  private DriftComparison() {
  }

  public static Comparison compare(Sample reference, Sample current, ComparisonOptions options) {
    List<String> names = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    for (String name : reference.names()) {
      if (current.column(name) == null || name.equals(options.labelColumn())) {
        ignored.add(name);
      } else {
        names.add(name);
      }
    }
    for (String name : current.names()) {
      if (reference.column(name) == null) {
        ignored.add(name);
      }
    }
    for (String name : names) {
      FeatureType referenceType = reference.column(name).type();
      FeatureType currentType = current.column(name).type();
      if (referenceType != currentType) {
        throw new IllegalArgumentException("Column '" + name + "' is " + referenceType.code() + " in the reference but "
            + currentType.code() + " in the current sample.");
      }
    }
    // each worker sorts into its own buffers, reused from column to column
    Queue<BucketSort.Buffers> buffers = new ConcurrentLinkedQueue<>();
    List<Comparison.ColumnComparison> columns = names.parallelStream()
        .map(name -> {
          BucketSort.Buffers mine = buffers.poll();
          if (mine == null) {
            mine = new BucketSort.Buffers();
          }
          try {
            return compareColumn(name, reference.column(name), current.column(name), options, mine);
          } finally {
            buffers.add(mine);
          }
        })
        .toList();
    int drifted = (int) columns.stream().filter(Comparison.ColumnComparison::driftDetected).count();
    double share = columns.isEmpty() ? 0.0 : drifted / (double) columns.size();

    CalibrationDrift calibration = null;
    String skipped;
    try {
      calibration = calibration(reference, current, options);
      skipped = calibration == null
          ? "Both samples need a '" + options.scoreColumn() + "' and a '" + options.labelColumn() + "' column."
          : null;
    } catch (IllegalArgumentException e) {
      skipped = e.getMessage();
    }
    return new Comparison(options.mode(), columns, drifted, share, options.driftShare(),
        !columns.isEmpty() && share >= options.driftShare(), calibration, skipped, ignored);
  }

  private static Comparison.ColumnComparison compareColumn(String name, Sample.Column reference,
      Sample.Column current, ComparisonOptions options, BucketSort.Buffers buffers) {
    if (options.mode() == ComparisonMode.EVIDENTLY) {
      ColumnDrift drift = switch (reference) {
        case Sample.Column.Numeric ref ->
            EvidentlyDrift.numerical(name, ref.values(), ((Sample.Column.Numeric) current).values(), buffers);
        case Sample.Column.Categorical ref ->
            EvidentlyDrift.categorical(name, ref.values(), ((Sample.Column.Categorical) current).values());
      };
      return new Comparison.ColumnComparison(name, drift.type(), drift, null, drift.driftDetected());
    }
    BinnedDrift drift = switch (reference) {
      case Sample.Column.Numeric ref -> {
        FeatureBins.Numeric bins = FeatureBins.Numeric.fromReference(name, ref.values(), options.numericBins());
        yield BinnedDrift.of(bins, BinCounts.of(bins, ref.values()),
            BinCounts.of(bins, ((Sample.Column.Numeric) current).values()), options.psiThreshold(),
            NullRatePolicy.DEFAULT);
      }
      case Sample.Column.Categorical ref -> {
        FeatureBins.Categorical bins = FeatureBins.Categorical.fromReference(name, ref.values());
        yield BinnedDrift.of(bins, BinCounts.of(bins, ref.values()),
            BinCounts.of(bins, ((Sample.Column.Categorical) current).values()), options.psiThreshold(),
            NullRatePolicy.DEFAULT);
      }
    };
    return new Comparison.ColumnComparison(name, reference.type(), null, drift, drift.psiAlert());
  }

  private static @Nullable CalibrationDrift calibration(Sample reference, Sample current, ComparisonOptions options) {
    Labelled ref = labelled(reference, options, "reference");
    Labelled cur = labelled(current, options, "current");
    if (ref == null || cur == null) {
      return null;
    }
    return CalibrationDrift.of(ref.scores(), ref.labels(), cur.scores(), cur.labels());
  }

  private record Labelled(double[] scores, int[] labels) {
  }

  /** Rows with both a finite score and a label; null when the sample lacks either column. */
  private static @Nullable Labelled labelled(Sample sample, ComparisonOptions options, String side) {
    Sample.Column scoreColumn = sample.column(options.scoreColumn());
    Sample.Column labelColumn = sample.column(options.labelColumn());
    if (scoreColumn == null || labelColumn == null) {
      return null;
    }
    if (!(scoreColumn instanceof Sample.Column.Numeric numeric)) {
      throw new IllegalArgumentException("The " + side + " score column '" + options.scoreColumn() + "' is not numeric.");
    }
    double[] scores = new double[sample.rows()];
    int[] labels = new int[sample.rows()];
    int n = 0;
    for (int i = 0; i < sample.rows(); i++) {
      double score = numeric.values()[i];
      Integer label = label(labelColumn, i, side);
      if (Double.isFinite(score) && label != null) {
        scores[n] = score;
        labels[n] = label;
        n++;
      }
    }
    if (n == 0) {
      throw new IllegalArgumentException("The " + side + " sample has no row with both a score and a label.");
    }
    return new Labelled(Arrays.copyOf(scores, n), Arrays.copyOf(labels, n));
  }

  private static @Nullable Integer label(Sample.Column column, int row, String side) {
    return switch (column) {
      case Sample.Column.Numeric numeric -> {
        double v = numeric.values()[row];
        if (Double.isNaN(v)) {
          yield null;
        }
        if (v != 0.0 && v != 1.0) {
          throw new IllegalArgumentException("The " + side + " label in row " + (row + 1) + " is " + v + ", not 0 or 1.");
        }
        yield (int) v;
      }
      case Sample.Column.Categorical categorical -> {
        String v = categorical.values()[row];
        if (v == null) {
          yield null;
        }
        yield switch (v.trim().toLowerCase(Locale.ROOT)) {
          case "1", "true" -> 1;
          case "0", "false" -> 0;
          default -> throw new IllegalArgumentException(
              "The " + side + " label in row " + (row + 1) + " is '" + v + "', not 0/1 or true/false.");
        };
      }
    };
  }
}
