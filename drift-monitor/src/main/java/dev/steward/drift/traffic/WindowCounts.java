package dev.steward.drift.traffic;

import dev.steward.drift.BinCounts;
import java.util.Arrays;

/**
 * The counts of one open window of one stream: per feature and for the score, counts over the reference
 * profile's bins plus missing and infinite values (constant memory whatever the traffic; the same
 * numbers a {@link dev.steward.drift.BinCounter} keeps, but fed with bin codes computed before the
 * stream's lock is taken), and the labelled scores for calibration, kept as a uniform reservoir sample
 * of at most {@code maxLabelled} pairs. With segment columns in the profile, the same counts are kept once
 * more per segment value (its top values plus other), allocated with the window so that counting a row
 * allocates nothing.
 */
final class WindowCounts {
  /** Bin code of a missing value (null or NaN). */
  static final short MISSING = -1;
  /** Bin code of an infinite value. */
  static final short INFINITE = -2;

  final long window;
  long rows;
  private final long[][] counts;
  private final long[] missing;
  private final long[] infinite;
  private final long[] scoreCounts;
  private long scoreMissing;
  private long scoreInfinite;
  private final int maxLabelled;
  private double[] labelledScores = new double[64];
  private int[] labels = new int[64];
  private int kept;
  private long labelledSeen;
  /** State of the reservoir's SplitMix64 generator, kept in snapshots so a restart continues the same sample. */
  private long seed;
  /** Per segment column, the feature it is read from; empty without segments. */
  private final int[] segmentFeature;
  /** Per segment column, its top values (the slot of {@code (other)}). */
  private final int[] segmentValues;
  /** Per segment column and slot, the window's counts of those rows (without segments of their own). */
  private final WindowCounts[][] segments;

  WindowCounts(long window, ReferenceProfile profile, int maxLabelled) {
    this(window, profile, maxLabelled, true);
  }

  private WindowCounts(long window, ReferenceProfile profile, int maxLabelled, boolean withSegments) {
    this.window = window;
    int n = profile.features().size();
    this.counts = new long[n][];
    for (int i = 0; i < n; i++) {
      counts[i] = new long[profile.features().get(i).bins().size()];
    }
    this.missing = new long[n];
    this.infinite = new long[n];
    this.scoreCounts = profile.score() == null ? null : new long[profile.score().bins().size()];
    this.maxLabelled = maxLabelled;
    // seeded by the window, so a replay after a restart keeps the same sample
    this.seed = window * 0x9E3779B97F4A7C15L;
    int columns = withSegments ? profile.segments().size() : 0;
    segmentFeature = new int[columns];
    segmentValues = new int[columns];
    segments = new WindowCounts[columns][];
    for (int c = 0; c < columns; c++) {
      ReferenceProfile.Segment segment = profile.segments().get(c);
      segmentFeature[c] = segment.feature();
      segmentValues[c] = segment.values().size();
      segments[c] = new WindowCounts[segment.slots()];
      for (int slot = 0; slot < segments[c].length; slot++) {
        segments[c][slot] = new WindowCounts(window, profile, maxLabelled, false);
        // each segment's reservoir draws its own sequence, still fixed by the window
        segments[c][slot].seed = seed ^ ((long) (c * 256 + slot + 1) * 0xBF58476D1CE4E5B9L);
      }
    }
  }

  /** The slot of a row in segment column {@code c}: its value's position among the top values, else other. */
  private int slot(int c, short[] bins) {
    short b = bins[segmentFeature[c]];
    return b >= 0 && b < segmentValues[c] ? b : segmentValues[c];
  }

  void add(short[] bins, short scoreBin) {
    count(bins, scoreBin);
    for (int c = 0; c < segments.length; c++) {
      segments[c][slot(c, bins)].count(bins, scoreBin);
    }
  }

  private void count(short[] bins, short scoreBin) {
    rows++;
    for (int i = 0; i < bins.length; i++) {
      short b = bins[i];
      if (b >= 0) {
        counts[i][b]++;
      } else if (b == MISSING) {
        missing[i]++;
      } else {
        infinite[i]++;
      }
    }
    if (scoreCounts != null) {
      if (scoreBin >= 0) {
        scoreCounts[scoreBin]++;
      } else if (scoreBin == MISSING) {
        scoreMissing++;
      } else {
        scoreInfinite++;
      }
    }
  }

  /** A labelled row; {@code segmentKey} from {@link ReferenceProfile#segmentKey} says which segments it belongs to. */
  void addLabelled(double s, int label, int segmentKey) {
    sample(s, label);
    for (int c = 0; c < segments.length; c++) {
      segments[c][(segmentKey >>> (8 * c)) & 0xff].sample(s, label);
    }
  }

  private void sample(double s, int label) {
    labelledSeen++;
    if (kept < maxLabelled) {
      if (kept == labels.length) {
        labelledScores = Arrays.copyOf(labelledScores, Math.min(maxLabelled, kept * 2));
        labels = Arrays.copyOf(labels, labelledScores.length);
      }
      labelledScores[kept] = s;
      labels[kept] = label;
      kept++;
      return;
    }
    long j = Long.remainderUnsigned(nextRandom(), labelledSeen);
    if (j < maxLabelled) {
      labelledScores[(int) j] = s;
      labels[(int) j] = label;
    }
  }

  private long nextRandom() {
    long z = (seed += 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Writes the counts for a snapshot of the log. */
  void write(java.io.DataOutputStream out) throws java.io.IOException {
    out.writeLong(window);
    out.writeLong(rows);
    out.writeInt(counts.length);
    for (int i = 0; i < counts.length; i++) {
      writeLongs(out, counts[i]);
      out.writeLong(missing[i]);
      out.writeLong(infinite[i]);
    }
    out.writeBoolean(scoreCounts != null);
    if (scoreCounts != null) {
      writeLongs(out, scoreCounts);
      out.writeLong(scoreMissing);
      out.writeLong(scoreInfinite);
    }
    out.writeInt(kept);
    for (int i = 0; i < kept; i++) {
      out.writeDouble(labelledScores[i]);
      out.writeByte(labels[i]);
    }
    out.writeLong(labelledSeen);
    out.writeLong(seed);
    // the profile fixes the segment columns and their slots, so a window without segments reads as before
    for (WindowCounts[] column : segments) {
      for (WindowCounts segment : column) {
        segment.write(out);
      }
    }
  }

  /** Counts from a snapshot; refuses counts that no longer fit the profile's bins. */
  static WindowCounts read(java.io.DataInputStream in, ReferenceProfile profile, int maxLabelled)
      throws java.io.IOException {
    WindowCounts w = readOne(in, new WindowCounts(in.readLong(), profile, maxLabelled), maxLabelled);
    for (WindowCounts[] column : w.segments) {
      for (int slot = 0; slot < column.length; slot++) {
        if (in.readLong() != w.window) {
          throw new java.io.IOException("A snapshot's segment counts do not match their window.");
        }
        column[slot] = readOne(in, column[slot], maxLabelled);
      }
    }
    return w;
  }

  private static WindowCounts readOne(java.io.DataInputStream in, WindowCounts w, int maxLabelled)
      throws java.io.IOException {
    w.rows = in.readLong();
    if (in.readInt() != w.counts.length) {
      throw new java.io.IOException("A snapshot's window does not match the reference profile.");
    }
    for (int i = 0; i < w.counts.length; i++) {
      readLongs(in, w.counts[i]);
      w.missing[i] = in.readLong();
      w.infinite[i] = in.readLong();
    }
    if (in.readBoolean() != (w.scoreCounts != null)) {
      throw new java.io.IOException("A snapshot's window does not match the reference profile.");
    }
    if (w.scoreCounts != null) {
      readLongs(in, w.scoreCounts);
      w.scoreMissing = in.readLong();
      w.scoreInfinite = in.readLong();
    }
    int kept = in.readInt();
    for (int i = 0; i < kept; i++) {
      double score = in.readDouble();
      int label = in.readByte();
      if (w.kept < maxLabelled) {
        if (w.kept == w.labels.length) {
          w.labelledScores = Arrays.copyOf(w.labelledScores, Math.min(maxLabelled, w.kept * 2));
          w.labels = Arrays.copyOf(w.labels, w.labelledScores.length);
        }
        w.labelledScores[w.kept] = score;
        w.labels[w.kept] = label;
        w.kept++;
      }
    }
    w.labelledSeen = in.readLong();
    w.seed = in.readLong();
    return w;
  }

  private static void writeLongs(java.io.DataOutputStream out, long[] values) throws java.io.IOException {
    out.writeInt(values.length);
    for (long v : values) {
      out.writeLong(v);
    }
  }

  private static void readLongs(java.io.DataInputStream in, long[] into) throws java.io.IOException {
    if (in.readInt() != into.length) {
      throw new java.io.IOException("A snapshot's window does not match the reference profile.");
    }
    for (int i = 0; i < into.length; i++) {
      into[i] = in.readLong();
    }
  }

  int segmentColumns() {
    return segments.length;
  }

  /** The counts of the rows of segment column {@code c} in {@code slot}. */
  WindowCounts segment(int c, int slot) {
    return segments[c][slot];
  }

  long labelledSeen() {
    return labelledSeen;
  }

  double[] labelledScores() {
    return Arrays.copyOf(labelledScores, kept);
  }

  int[] labels() {
    return Arrays.copyOf(labels, kept);
  }

  BinCounts featureCounts(int i) {
    return new BinCounts(counts[i], missing[i], infinite[i]);
  }

  boolean hasScore() {
    return scoreCounts != null;
  }

  BinCounts scoreCounts() {
    return new BinCounts(scoreCounts, scoreMissing, scoreInfinite);
  }
}
