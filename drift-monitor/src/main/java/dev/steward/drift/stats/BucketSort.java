package dev.steward.drift.stats;

import java.util.Arrays;

/**
 * Distribution sort for the large, smoothly distributed columns a comparison sorts: values are spread
 * over about length/2 equal-width buckets between the minimum and the maximum, then each bucket is
 * finished with an insertion sort. Crowded buckets (heavy ties, far outliers) fall back to the radix
 * sort, so the worst case stays linear. The order equals {@code Arrays.sort}'s, -0.0 before 0.0. NaN is
 * not expected.
 */
public final class BucketSort {

  private static final int MIN_LENGTH = 4096;
  private static final int INSERTION_LIMIT = 48;

  private BucketSort() {
  }

  /** Sorts the first {@code length} values of {@code values} in place. */
  public static void sort(double[] values, int length) {
    double[] sorted = sortedCopy(values, length);
    System.arraycopy(sorted, 0, values, 0, length);
  }

  /** A sorted copy of the first {@code length} values, leaving {@code values} untouched. */
  public static double[] sortedCopy(double[] values, int length) {
    return sortedCopy(values, length, new Buffers(), 0);
  }

  /**
   * A sorted copy of the first {@code length} values in buffer {@code slot} of {@code buffers}; the result
   * stays valid until that slot is used again.
   */
  public static double[] sortedCopy(double[] values, int length, Buffers buffers, int slot) {
    if (length < MIN_LENGTH) {
      double[] copy = Arrays.copyOf(values, length);
      Arrays.sort(copy);
      return copy;
    }
    double min = values[0];
    double max = values[0];
    for (int i = 1; i < length; i++) {
      double v = values[i];
      if (v < min) {
        min = v;
      }
      if (v > max) {
        max = v;
      }
    }
    int buckets = length / 2;
    double scale = buckets / (max - min);
    if (!(scale > 0) || Double.isInfinite(scale)) {
      double[] copy = Arrays.copyOf(values, length);
      RadixSort.sort(copy, length); // constant column or a range too wide or narrow to divide
      return copy;
    }
    int last = buckets - 1;
    int[] bounds = buffers.bounds(buckets + 1);
    for (int i = 0; i < length; i++) {
      bounds[Math.min((int) ((values[i] - min) * scale), last) + 1]++;
    }
    for (int b = 0; b < buckets; b++) {
      bounds[b + 1] += bounds[b];
    }
    // fill each bucket from its end; afterwards bounds[b] is the start of bucket b again
    for (int b = 0; b < buckets; b++) {
      bounds[b] = bounds[b + 1];
    }
    double[] out = buffers.values(slot, length);
    for (int i = length - 1; i >= 0; i--) {
      double v = values[i];
      out[--bounds[Math.min((int) ((v - min) * scale), last)]] = v;
    }
    for (int b = 0; b < buckets; b++) {
      int from = bounds[b];
      int to = b == last ? length : bounds[b + 1];
      int size = to - from;
      if (size <= 1) {
        continue;
      }
      if (size <= INSERTION_LIMIT) {
        insertionSort(out, from, to);
      } else {
        double[] crowded = Arrays.copyOfRange(out, from, to);
        RadixSort.sort(crowded, size);
        System.arraycopy(crowded, 0, out, from, size);
      }
    }
    return out;
  }

  /**
   * Arrays one worker reuses from column to column. A million-row column otherwise allocates 12 MB per
   * sort, and on two cores the page faults and collections of that churn cost as much as the sorting.
   * Not thread-safe: one instance per worker.
   */
  public static final class Buffers {
    private final double[][] values = new double[2][];
    private int[] bounds = new int[0];

    double[] values(int slot, int length) {
      double[] buffer = values[slot];
      if (buffer == null || buffer.length != length) {
        buffer = new double[length]; // exact length: callers read .length as the sample size
        values[slot] = buffer;
      }
      return buffer;
    }

    int[] bounds(int length) {
      if (bounds.length < length) {
        bounds = new int[length];
      } else {
        Arrays.fill(bounds, 0, length, 0);
      }
      return bounds;
    }
  }

  private static void insertionSort(double[] a, int from, int to) {
    for (int i = from + 1; i < to; i++) {
      double v = a[i];
      int j = i - 1;
      while (j >= from && (a[j] > v || (a[j] == v && Double.compare(a[j], v) > 0))) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = v;
    }
  }
}
