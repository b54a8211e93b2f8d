package dev.steward.drift.traffic;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Accepted rows as the write-ahead log keeps them: already binned, about 2 bytes per feature instead of
 * the JSON text (a tenth of the size for 60 features). A record lists its streams once, then per row
 * the stream, request-id hash, window, score, label and the bin code of the score and of every feature
 * ({@link WindowCounts#MISSING}, {@link WindowCounts#INFINITE} or the bin). Bins are fixed by the
 * immutable reference profile, so replaying the codes gives the same counts.
 */
final class BinnedRows {
  private BinnedRows() {
  }

  /** Receives one decoded row. */
  @FunctionalInterface
  interface Visitor {
    void row(StreamKey stream, long hash, long window, double score, int label, short scoreBin, short[] bins);
  }

  static final class Writer {
    private final Map<StreamKey, Integer> streams = new HashMap<>();
    private final List<StreamKey> order = new ArrayList<>();
    // big-endian, as DataInputStream reads it back
    private ByteBuffer rows;
    private int count;

    Writer(int expectedRows) {
      rows = ByteBuffer.allocate(Math.max(64, expectedRows * 160));
    }

    void add(StreamKey stream, long hash, long window, double score, int label, short scoreBin, short[] bins) {
      int index = streams.computeIfAbsent(stream, k -> {
        order.add(k);
        return order.size() - 1;
      });
      int size = 2 + 8 + 8 + 8 + 1 + 2 + 2 + 2 * bins.length;
      if (rows.remaining() < size) {
        rows = ByteBuffer.allocate(Math.max(rows.capacity() * 2, rows.position() + size)).put(rows.flip());
      }
      rows.putShort((short) index).putLong(hash).putLong(window).putDouble(score).put((byte) label)
          .putShort(scoreBin).putShort((short) bins.length);
      for (short b : bins) {
        rows.putShort(b);
      }
      count++;
    }

    byte[] toBytes() {
      try {
        ByteArrayOutputStream all = new ByteArrayOutputStream(rows.position() + 64 * order.size() + 8);
        DataOutputStream header = new DataOutputStream(all);
        header.writeShort(order.size());
        for (StreamKey k : order) {
          header.writeUTF(k.model());
          header.writeInt(k.version());
          header.writeUTF(k.environment());
        }
        header.writeInt(count);
        header.write(rows.array(), 0, rows.position());
        return all.toByteArray();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  static void read(byte[] payload, Visitor visitor) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
      int streamCount = in.readUnsignedShort();
      StreamKey[] streams = new StreamKey[streamCount];
      for (int i = 0; i < streamCount; i++) {
        streams[i] = new StreamKey(in.readUTF(), in.readInt(), in.readUTF());
      }
      int count = in.readInt();
      for (int r = 0; r < count; r++) {
        StreamKey stream = streams[in.readUnsignedShort()];
        long hash = in.readLong();
        long window = in.readLong();
        double score = in.readDouble();
        int label = in.readByte();
        short scoreBin = in.readShort();
        short[] bins = new short[in.readUnsignedShort()];
        for (int i = 0; i < bins.length; i++) {
          bins[i] = in.readShort();
        }
        visitor.row(stream, hash, window, score, label, scoreBin, bins);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("A logged batch of drift rows cannot be read", e);
    }
  }
}
