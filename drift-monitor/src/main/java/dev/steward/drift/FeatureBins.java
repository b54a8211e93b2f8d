package dev.steward.drift;

import dev.steward.drift.stats.Histograms;
import dev.steward.drift.stats.Quantiles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Bins fixed once from a reference sample, so that live traffic can be counted in constant memory and
 * counts from different windows or replicas can be added. Numeric bins are cut at reference quantiles
 * (deciles by default; intervals closed on the right, the outer ones open-ended); categorical bins are
 * the reference categories plus one bucket for values the reference never had.
 */
public sealed interface FeatureBins {

  /** Default number of quantile bins for a numeric feature. */
  int DEFAULT_NUMERIC_BINS = 10;

  /** Most categories kept from a reference; rarer ones share the bucket for unseen values. */
  int MAX_CATEGORIES = 1000;

  String feature();

  /** Number of bins, including the bucket for unseen categories. */
  int size();

  /** Numeric bins cut at {@code cutPoints} (strictly increasing): bin i holds (cut[i-1], cut[i]]. */
  record Numeric(String feature, double[] cutPoints) implements FeatureBins {

    public Numeric {
      Objects.requireNonNull(feature, "feature");
      cutPoints = cutPoints.clone();
      for (int i = 0; i < cutPoints.length; i++) {
        if (!Double.isFinite(cutPoints[i]) || (i > 0 && !(cutPoints[i] > cutPoints[i - 1]))) {
          throw new IllegalArgumentException("Cut points of " + feature + " must be finite and increasing.");
        }
      }
    }

    /** Bins at the {@code bins}-quantiles of the finite reference values (duplicates merged). */
    public static Numeric fromReference(String feature, double[] reference, int bins) {
      if (bins < 2) {
        throw new IllegalArgumentException("A numeric feature needs at least 2 bins, got " + bins);
      }
      double[] finite = new double[reference.length];
      int n = 0;
      for (double v : reference) {
        if (Double.isFinite(v)) {
          finite[n++] = v;
        }
      }
      if (n == 0) {
        return new Numeric(feature, new double[0]);
      }
      double[] probabilities = Histograms.linspace(0.0, 1.0, bins + 1);
      return fromQuantiles(feature, Quantiles.linear(finite, n, Arrays.copyOfRange(probabilities, 1, bins)));
    }

    /** As {@link #fromReference} for finite values already sorted ascending. */
    public static Numeric fromSortedReference(String feature, double[] sorted, int bins) {
      if (sorted.length == 0) {
        return new Numeric(feature, new double[0]);
      }
      double[] probabilities = Histograms.linspace(0.0, 1.0, bins + 1);
      double[] quantiles = new double[bins - 1];
      for (int k = 1; k < bins; k++) {
        quantiles[k - 1] = HosmerLemeshow.quantileSorted(sorted, probabilities[k]);
      }
      return fromQuantiles(feature, quantiles);
    }

    private static Numeric fromQuantiles(String feature, double[] quantiles) {
      double[] cuts = new double[quantiles.length];
      int n = 0;
      for (double cut : quantiles) {
        if (n == 0 || cut > cuts[n - 1]) {
          cuts[n++] = cut;
        }
      }
      return new Numeric(feature, Arrays.copyOf(cuts, n));
    }

    @Override
    public int size() {
      return cutPoints.length + 1;
    }

    /** The bin of a finite value: the number of cut points below it. */
    public int binOf(double value) {
      if (cutPoints.length <= 16) {
        // branch-free: comparisons against a handful of cut points beat a mispredicted binary search
        int bin = 0;
        for (double cut : cutPoints) {
          bin += cut < value ? 1 : 0;
        }
        return bin;
      }
      int low = 0;
      int high = cutPoints.length;
      // first cut point >= value
      while (low < high) {
        int mid = (low + high) >>> 1;
        if (cutPoints[mid] < value) {
          low = mid + 1;
        } else {
          high = mid;
        }
      }
      return low;
    }
  }

  /** The reference categories, most frequent first, then a bucket for anything else. */
  record Categorical(String feature, List<String> categories, Map<String, Integer> index) implements FeatureBins {

    public Categorical {
      Objects.requireNonNull(feature, "feature");
      categories = List.copyOf(categories);
      Map<String, Integer> positions = new HashMap<>();
      for (int i = 0; i < categories.size(); i++) {
        if (positions.put(categories.get(i), i) != null) {
          throw new IllegalArgumentException("Duplicate category '" + categories.get(i) + "' in " + feature);
        }
      }
      // a HashMap rather than Map.copyOf: binOf runs for every categorical value ingested, and
      // HashMap's lookup is the cheaper of the two for short strings
      index = Collections.unmodifiableMap(positions);
    }

    public Categorical(String feature, List<String> categories) {
      this(feature, categories, Map.of());
    }

    public static Categorical fromReference(String feature, String[] reference) {
      Map<String, Long> counts = new HashMap<>();
      for (String value : reference) {
        if (value != null) {
          counts.merge(value, 1L, Long::sum);
        }
      }
      List<String> categories = new ArrayList<>(counts.keySet());
      categories.sort((a, b) -> {
        int byCount = Long.compare(counts.get(b), counts.get(a));
        return byCount != 0 ? byCount : a.compareTo(b);
      });
      return new Categorical(feature, categories.subList(0, Math.min(MAX_CATEGORIES, categories.size())));
    }

    @Override
    public int size() {
      return categories.size() + 1;
    }

    /** The bin of a category; unseen categories share the last bin. */
    public int binOf(String value) {
      Integer i = index.get(value);
      return i == null ? categories.size() : i;
    }
  }
}
