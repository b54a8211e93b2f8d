package dev.steward.drift.traffic;

import java.nio.charset.StandardCharsets;

/**
 * The request ids of one stream's recent rows, as 64-bit hashes with the row's score, window and
 * whether it has been labelled: finds duplicates and joins late labels. Memory is bounded: two
 * generations of at most {@code capacity / 2} ids each; when the young one fills up, the old one is
 * dropped. So an id is remembered for at least the last {@code capacity / 2} accepted rows of the stream
 * (and never past its window's close, after which its rows are refused as late anyway). Two distinct
 * ids collide with probability about n^2 / 2^65 (below 1e-7 for n = 1e6). A stream with segment columns
 * also keeps each row's segment slots ({@code segmented}, 4 bytes more an id), so a label that comes later
 * counts in the row's segments too.
 */
final class RequestIds {
  private final int generationSize;
  private final boolean segmented;
  private Generation young;
  private Generation old;

  RequestIds(int capacity) {
    this(capacity, false);
  }

  RequestIds(int capacity, boolean segmented) {
    this.generationSize = Math.max(16, capacity / 2);
    this.segmented = segmented;
    this.young = new Generation(Math.min(1024, generationSize), segmented);
    this.old = new Generation(16, segmented);
  }

  /**
   * Where an id's row went; {@code window} is the window start in window units, {@code segmentKey} its
   * segment slots (0 without segments).
   */
  record Seen(float score, long window, boolean labelled, int segmentKey) {
  }

  /** Records the id; false when it is already known (a duplicate). */
  boolean add(long hash, float score, long window) {
    return add(hash, score, window, 0);
  }

  /** Records the id with the row's segment slots; false when it is already known (a duplicate). */
  boolean add(long hash, float score, long window, int segmentKey) {
    if (young.find(hash) >= 0 || old.find(hash) >= 0) {
      return false;
    }
    if (young.size >= generationSize) {
      old = young;
      young = new Generation(Math.min(1024, generationSize), segmented);
    }
    young.put(hash, score, window, segmentKey);
    return true;
  }

  Seen find(long hash) {
    int i = young.find(hash);
    if (i >= 0) {
      return young.seen(i);
    }
    i = old.find(hash);
    return i >= 0 ? old.seen(i) : null;
  }

  /** Marks an id labelled; false when it is unknown or was labelled already. */
  boolean markLabelled(long hash) {
    for (Generation g : new Generation[] {young, old}) {
      int i = g.find(hash);
      if (i >= 0) {
        if (g.labelled[i]) {
          return false;
        }
        g.labelled[i] = true;
        return true;
      }
    }
    return false;
  }

  /** Takes over the ids of another index (one read from a snapshot). */
  void replaceWith(RequestIds other) {
    young = other.young;
    old = other.old;
  }

  /** Writes the ids, generation by generation, for a snapshot of the log. */
  void write(java.io.DataOutputStream out) throws java.io.IOException {
    young.write(out);
    old.write(out);
  }

  /** The ids a snapshot holds; {@code capacity} as configured now. */
  static RequestIds read(java.io.DataInputStream in, int capacity) throws java.io.IOException {
    return read(in, capacity, false);
  }

  /** The ids a snapshot holds, with segment slots when the stream has segment columns. */
  static RequestIds read(java.io.DataInputStream in, int capacity, boolean segmented) throws java.io.IOException {
    RequestIds ids = new RequestIds(capacity, segmented);
    ids.young = Generation.read(in, segmented);
    ids.old = Generation.read(in, segmented);
    return ids;
  }

  static long hash(String id) {
    byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
    long h1 = 0x9E3779B97F4A7C15L;
    long h2 = 0xC2B2AE3D27D4EB4FL ^ bytes.length;
    for (byte b : bytes) {
      h1 = (h1 ^ (b & 0xff)) * 0x100000001B3L;
      h2 = Long.rotateLeft(h2 ^ ((b & 0xff) * 0x9E3779B97F4A7C15L), 27) * 5 + 0x52DCE729;
    }
    long h = h1 ^ Long.rotateLeft(h2, 31);
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h == 0 ? 1 : h;
  }

  /** Open addressing with linear probing; key 0 marks a free slot. */
  private static final class Generation {
    long[] keys;
    float[] scores;
    long[] windows;
    boolean[] labelled;
    /** Segment slots of each id's row; null for a stream without segments. */
    int[] segmentKeys;
    final boolean segmented;
    int size;

    Generation(int expected, boolean segmented) {
      this.segmented = segmented;
      allocate(Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1);
    }

    private void allocate(int slots) {
      keys = new long[slots];
      scores = new float[slots];
      windows = new long[slots];
      labelled = new boolean[slots];
      segmentKeys = segmented ? new int[slots] : null;
    }

    int find(long key) {
      int mask = keys.length - 1;
      for (int i = (int) (key ^ (key >>> 32)) & mask; ; i = (i + 1) & mask) {
        if (keys[i] == key) {
          return i;
        }
        if (keys[i] == 0) {
          return -1;
        }
      }
    }

    void put(long key, float score, long window, int segmentKey) {
      if ((size + 1) * 2 > keys.length) {
        long[] k = keys;
        float[] s = scores;
        long[] w = windows;
        boolean[] l = labelled;
        int[] g = segmentKeys;
        allocate(keys.length * 2);
        size = 0;
        for (int i = 0; i < k.length; i++) {
          if (k[i] != 0) {
            insert(k[i], s[i], w[i], l[i], g == null ? 0 : g[i]);
          }
        }
      }
      insert(key, score, window, false, segmentKey);
    }

    private void insert(long key, float score, long window, boolean isLabelled, int segmentKey) {
      int mask = keys.length - 1;
      int i = (int) (key ^ (key >>> 32)) & mask;
      while (keys[i] != 0) {
        i = (i + 1) & mask;
      }
      keys[i] = key;
      scores[i] = score;
      windows[i] = window;
      labelled[i] = isLabelled;
      if (segmentKeys != null) {
        segmentKeys[i] = segmentKey;
      }
      size++;
    }

    void write(java.io.DataOutputStream out) throws java.io.IOException {
      out.writeInt(keys.length);
      out.writeInt(size);
      for (int i = 0; i < keys.length; i++) {
        if (keys[i] != 0) {
          out.writeLong(keys[i]);
          out.writeFloat(scores[i]);
          out.writeLong(windows[i]);
          out.writeBoolean(labelled[i]);
          if (segmentKeys != null) {
            out.writeInt(segmentKeys[i]);
          }
        }
      }
    }

    static Generation read(java.io.DataInputStream in, boolean segmented) throws java.io.IOException {
      int slots = in.readInt();
      int size = in.readInt();
      if (slots < 16 || Integer.bitCount(slots) != 1 || size < 0 || size * 2 > slots) {
        throw new java.io.IOException("A snapshot's id table is malformed.");
      }
      Generation g = new Generation(16, segmented);
      g.allocate(slots);
      for (int i = 0; i < size; i++) {
        g.insert(in.readLong(), in.readFloat(), in.readLong(), in.readBoolean(), segmented ? in.readInt() : 0);
      }
      return g;
    }

    Seen seen(int i) {
      return new Seen(scores[i], windows[i], labelled[i], segmentKeys == null ? 0 : segmentKeys[i]);
    }
  }
}
