package dev.steward.drift;

import dev.steward.drift.stats.ChiSquare;
import dev.steward.drift.stats.Divergences;
import dev.steward.drift.stats.Histograms;
import dev.steward.drift.stats.KolmogorovSmirnov;
import dev.steward.drift.stats.NormalTail;
import dev.steward.drift.stats.BucketSort;
import dev.steward.drift.stats.SortedPair;
import dev.steward.drift.stats.Wasserstein;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Column drift computed exactly as Evidently 0.7 computes it, for users who compare Steward's numbers
 * with their notebooks. Missing values (null, NaN) and infinities are dropped on both sides; a numeric
 * column whose reference has more than 20 distinct values is binned with numpy's Sturges edges over both
 * samples, any other column gets one bin per distinct value; empty bins are filled per side with
 * {@code min_nonzero / 1e6} (if {@code min_nonzero <= 1e-4}) or {@code 1e-4}, without renormalising.
 *
 * <pre>{@code
 * ColumnDrift age = EvidentlyDrift.numerical("age", referenceAges, currentAges);
 * ColumnDrift country = EvidentlyDrift.categorical("country", referenceCountries, currentCountries);
 * DatasetDrift dataset = DatasetDrift.of(List.of(age, country));
 * }</pre>
 */
public final class EvidentlyDrift {

  /** A numeric reference with more distinct values than this is binned with Sturges edges. */
  public static final int MAX_VALUES_FOR_PER_VALUE_BINS = 20;

  /** Reference size above which Evidently prefers distances to tests. */
  static final int SMALL_REFERENCE_ROWS = 1000;

  private EvidentlyDrift() {
  }

  /** Drift of a numeric column; NaN marks a missing value. */
  public static ColumnDrift numerical(String column, double[] reference, double[] current) {
    return numerical(column, reference, current, new BucketSort.Buffers());
  }

  /** As {@link #numerical(String, double[], double[])}, sorting into a worker's reusable buffers. */
  static ColumnDrift numerical(String column, double[] reference, double[] current, BucketSort.Buffers buffers) {
    NumericSample ref = NumericSample.of(reference);
    NumericSample cur = NumericSample.of(current);
    NullRateDrift nullRate = NullRateDrift.of(ref.counts.nulls(), ref.counts.rows(), cur.counts.nulls(),
        cur.counts.rows());
    String empty = emptySide(column, ref.length, cur.length);
    if (empty != null) {
      return new ColumnDrift(column, FeatureType.NUMERICAL, ref.counts, cur.counts, 0, null, Map.of(), null, Map.of(),
          nullRate, empty);
    }
    double[] refSorted = ref.sorted(buffers, 0);
    double[] curSorted = cur.sorted(buffers, 1);
    SortedPair order = SortedPair.of(refSorted, curSorted);
    long distinctReference = order.distinctFirst();
    long distinctCurrent = order.distinctSecond();
    long distinctCombined = order.distinctCombined();

    Binning binning;
    if (distinctReference > MAX_VALUES_FOR_PER_VALUE_BINS) {
      double min = Math.min(refSorted[0], curSorted[0]);
      double max = Math.max(refSorted[refSorted.length - 1], curSorted[curSorted.length - 1]);
      double[] edges = Histograms.sturgesEdges(min, max, (long) ref.length + cur.length);
      long[] refCounts = Histograms.countsSorted(edges, refSorted);
      long[] curCounts = Histograms.countsSorted(edges, curSorted);
      binning = binning(Binning.Kind.STURGES_EQUAL_WIDTH, distinctReference, edges, null, refCounts, curCounts,
          ref.length, cur.length);
    } else {
      binning = perValueBinning(distinctReference, refSorted, curSorted, distinctCombined);
    }

    Map<StatTest, StatTestResult> tests = new EnumMap<>(StatTest.class);
    Map<String, Double> details = new LinkedHashMap<>();
    distances(binning, tests);

    double norm = Math.max(Wasserstein.standardDeviation(ref.values, ref.length), 0.001);
    double wasserstein = order.wasserstein();
    tests.put(StatTest.WASSERSTEIN, StatTestResult.of(StatTest.WASSERSTEIN, wasserstein / norm));
    details.put("wasserstein_raw", wasserstein);
    details.put("wasserstein_norm_divisor", norm);

    KolmogorovSmirnov.Result ks = KolmogorovSmirnov.test(order.ksStatistic(), ref.length, cur.length);
    tests.put(StatTest.KS, StatTestResult.of(StatTest.KS, ks.pValue()));
    details.put("ks_statistic", ks.statistic());
    details.put("ks_exact", ks.method() == KolmogorovSmirnov.Method.EXACT ? 1.0 : 0.0);

    if (distinctCombined <= 5) {
      // at most 5 distinct values means at most 5 reference values, so the binning is per value
      categoricalTests(binning, ref.length, cur.length, distinctReference, distinctCurrent, tests, details);
    }
    StatTest defaultTest = defaultTest(FeatureType.NUMERICAL, ref.length, distinctCombined);
    return new ColumnDrift(column, FeatureType.NUMERICAL, ref.counts, cur.counts, distinctCombined, binning, tests,
        defaultTest, details, nullRate, null);
  }

  /** Drift of a categorical column; null marks a missing value. */
  public static ColumnDrift categorical(String column, @Nullable String[] reference, @Nullable String[] current) {
    CategoricalSample ref = CategoricalSample.of(reference);
    CategoricalSample cur = CategoricalSample.of(current);
    NullRateDrift nullRate = NullRateDrift.of(ref.counts.nulls(), ref.counts.rows(), cur.counts.nulls(),
        cur.counts.rows());
    String empty = emptySide(column, ref.counts.used(), cur.counts.used());
    if (empty != null) {
      return new ColumnDrift(column, FeatureType.CATEGORICAL, ref.counts, cur.counts, 0, null, Map.of(), null,
          Map.of(), nullRate, empty);
    }
    TreeMap<String, long[]> union = new TreeMap<>();
    ref.values.forEach((key, count) -> union.computeIfAbsent(key, k -> new long[2])[0] = count);
    cur.values.forEach((key, count) -> union.computeIfAbsent(key, k -> new long[2])[1] = count);
    List<String> keys = new ArrayList<>(union.keySet());
    long[] refCounts = new long[keys.size()];
    long[] curCounts = new long[keys.size()];
    int k = 0;
    for (long[] counts : union.values()) {
      refCounts[k] = counts[0];
      curCounts[k] = counts[1];
      k++;
    }
    long n1 = ref.counts.used();
    long n2 = cur.counts.used();
    Binning binning = binning(Binning.Kind.ONE_BIN_PER_VALUE, ref.values.size(), null, keys, refCounts, curCounts,
        n1, n2);
    Map<StatTest, StatTestResult> tests = new EnumMap<>(StatTest.class);
    Map<String, Double> details = new LinkedHashMap<>();
    distances(binning, tests);
    categoricalTests(binning, n1, n2, ref.values.size(), cur.values.size(), tests, details);
    StatTest defaultTest = defaultTest(FeatureType.CATEGORICAL, n1, keys.size());
    return new ColumnDrift(column, FeatureType.CATEGORICAL, ref.counts, cur.counts, keys.size(), binning, tests,
        defaultTest, details, nullRate, null);
  }

  /** Evidently's choice of test for a column, from the reference size and the distinct values of both sides. */
  public static StatTest defaultTest(FeatureType type, long referenceRows, long distinctValuesCombined) {
    if (referenceRows <= SMALL_REFERENCE_ROWS) {
      if (type == FeatureType.NUMERICAL && distinctValuesCombined > 5) {
        return StatTest.KS;
      }
      return distinctValuesCombined > 2 ? StatTest.CHI_SQUARE : StatTest.Z;
    }
    if (type == FeatureType.NUMERICAL && distinctValuesCombined > 5) {
      return StatTest.WASSERSTEIN;
    }
    return StatTest.JENSEN_SHANNON;
  }

  private static @Nullable String emptySide(String column, long referenceUsed, long currentUsed) {
    if (referenceUsed == 0) {
      return "An empty column '" + column + "' was provided for drift calculation in the reference dataset.";
    }
    if (currentUsed == 0) {
      return "An empty column '" + column + "' was provided for drift calculation in the current dataset.";
    }
    return null;
  }

  private static void distances(Binning binning, Map<StatTest, StatTestResult> tests) {
    tests.put(StatTest.PSI, StatTestResult.of(StatTest.PSI,
        Divergences.psi(binning.referencePercentsFilled(), binning.currentPercentsFilled())));
    tests.put(StatTest.KL_DIV, StatTestResult.of(StatTest.KL_DIV,
        Divergences.kullbackLeibler(binning.referencePercentsFilled(), binning.currentPercentsFilled())));
    tests.put(StatTest.JENSEN_SHANNON, StatTestResult.of(StatTest.JENSEN_SHANNON,
        Divergences.jensenShannon(binning.referencePercents(), binning.currentPercents())));
  }

  /** Chi-square (and, for at most two values, the Z-test) on per-value counts, as Evidently runs them. */
  private static void categoricalTests(Binning binning, long n1, long n2, long distinctReference,
      long distinctCurrent, Map<StatTest, StatTestResult> tests, Map<String, Double> details) {
    long[] refCounts = binning.referenceCounts();
    long[] curCounts = binning.currentCounts();
    double scale = n2 / (double) n1;
    double[] expected = new double[refCounts.length];
    double[] observed = new double[refCounts.length];
    for (int i = 0; i < refCounts.length; i++) {
      expected[i] = refCounts[i] * scale;
      observed[i] = curCounts[i];
    }
    ChiSquare.Result chi = ChiSquare.test(observed, expected);
    tests.put(StatTest.CHI_SQUARE, StatTestResult.of(StatTest.CHI_SQUARE, chi.pValue()));
    details.put("chisquare_statistic", chi.statistic());
    if (refCounts.length <= 2) {
      double p;
      if (distinctReference == 1 && distinctCurrent == 1 && refCounts.length == 1) {
        p = 1.0;
      } else {
        // indicator "is not the first key", as Evidently encodes the two categories
        double p1 = (n1 - refCounts[0]) / (double) n1;
        double p2 = (n2 - curCounts[0]) / (double) n2;
        double pooled = (p1 * n1 + p2 * n2) / (double) (n1 + n2);
        double z = (p1 - p2) / Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        p = NormalTail.twoSidedComplementForm(z);
        details.put("z_statistic", z);
      }
      tests.put(StatTest.Z, StatTestResult.of(StatTest.Z, p));
    }
  }

  private static Binning perValueBinning(long distinctReference, double[] refSorted, double[] curSorted,
      long distinctCombined) {
    int bins = (int) distinctCombined;
    List<Double> keys = new ArrayList<>(bins);
    long[] refCounts = new long[bins];
    long[] curCounts = new long[bins];
    int i = 0;
    int j = 0;
    int k = 0;
    while (i < refSorted.length || j < curSorted.length) {
      double value;
      if (j >= curSorted.length || (i < refSorted.length && refSorted[i] <= curSorted[j])) {
        value = refSorted[i];
      } else {
        value = curSorted[j];
      }
      int i0 = i;
      int j0 = j;
      while (i < refSorted.length && refSorted[i] <= value) {
        i++;
      }
      while (j < curSorted.length && curSorted[j] <= value) {
        j++;
      }
      keys.add(value == 0.0 ? 0.0 : value);
      refCounts[k] = i - i0;
      curCounts[k] = j - j0;
      k++;
    }
    return binning(Binning.Kind.ONE_BIN_PER_VALUE, distinctReference, null, keys, refCounts, curCounts,
        refSorted.length, curSorted.length);
  }

  private static Binning binning(Binning.Kind kind, long distinctReference, double @Nullable [] edges,
      @Nullable List<?> keys, long[] refCounts, long[] curCounts, long n1, long n2) {
    double[] refPercents = percents(refCounts, n1);
    double[] curPercents = percents(curCounts, n2);
    double refFill = fillValue(refPercents);
    double curFill = fillValue(curPercents);
    return new Binning(kind, distinctReference, edges, keys, refCounts, curCounts, refPercents, curPercents,
        refFill, curFill, filled(refPercents, refFill), filled(curPercents, curFill));
  }

  static double[] percents(long[] counts, long total) {
    double[] percents = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      percents[i] = counts[i] / (double) total;
    }
    return percents;
  }

  /** Evidently's replacement for empty bins: a millionth of the smallest share if that is tiny, else 1e-4. */
  static double fillValue(double[] percents) {
    double min = Double.POSITIVE_INFINITY;
    for (double p : percents) {
      if (p != 0.0 && p < min) {
        min = p;
      }
    }
    if (min == Double.POSITIVE_INFINITY) {
      return 0.0001;
    }
    return min <= 0.0001 ? min / 1_000_000.0 : 0.0001;
  }

  static double[] filled(double[] percents, double fill) {
    double[] result = percents.clone();
    for (int i = 0; i < result.length; i++) {
      if (result[i] == 0.0) {
        result[i] = fill;
      }
    }
    return result;
  }

  /** The finite values of a numeric column in their original order, and what was dropped. */
  static final class NumericSample {
    final double[] values;
    final int length;
    final SampleCounts counts;

    private NumericSample(double[] values, int length, SampleCounts counts) {
      this.values = values;
      this.length = length;
      this.counts = counts;
    }

    /** Reads {@code column} without changing it; copies only when there is something to drop. */
    static NumericSample of(double[] column) {
      int n = 0;
      while (n < column.length && Double.isFinite(column[n])) {
        n++;
      }
      if (n == column.length) {
        return new NumericSample(column, n, new SampleCounts(column.length, 0, 0));
      }
      double[] finite = Arrays.copyOf(column, column.length);
      long nulls = 0;
      long infinities = 0;
      for (int i = n; i < column.length; i++) {
        double v = column[i];
        if (Double.isNaN(v)) {
          nulls++;
        } else if (Double.isInfinite(v)) {
          infinities++;
        } else {
          finite[n++] = v;
        }
      }
      return new NumericSample(finite, n, new SampleCounts(column.length, nulls, infinities));
    }

    double[] sorted(BucketSort.Buffers buffers, int slot) {
      return BucketSort.sortedCopy(values, length, buffers, slot);
    }
  }

  /** Counts per category of a categorical column, sorted by category, and its missing values. */
  static final class CategoricalSample {
    final TreeMap<String, Long> values;
    final SampleCounts counts;

    private CategoricalSample(TreeMap<String, Long> values, SampleCounts counts) {
      this.values = values;
      this.counts = counts;
    }

    static CategoricalSample of(@Nullable String[] column) {
      TreeMap<String, Long> values = new TreeMap<>();
      long nulls = 0;
      for (String v : column) {
        if (v == null) {
          nulls++;
        } else {
          values.merge(v, 1L, Long::sum);
        }
      }
      return new CategoricalSample(values, new SampleCounts(column.length, nulls, 0));
    }
  }
}
