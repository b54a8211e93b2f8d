package dev.steward.drift.traffic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepted traffic, appended before it is acknowledged: segment files {@code wal-<n>.log} of records
 * {@code [length][crc32c][type][payload]}. A batch is acknowledged only after {@link #sync} forced the
 * file to disk; concurrent batches share one force (group commit). A record torn by a crash was never
 * acknowledged and is dropped on replay. A segment is deleted once every window it holds rows of has
 * its report stored, or once a snapshot covers it.
 *
 * <p>Snapshots bound the log while windows are still open: {@link #rotateForSnapshot} starts a new segment
 * (under the caller's lock, so the state it captures is exactly that of the segments before it), then
 * {@link #writeSnapshot} writes {@code snapshot-<n>.bin} (temporary file, force, rename, force the
 * directory) and deletes the segments before {@code n} and older snapshots. A crash at any point leaves
 * either the previous snapshot with all the segments after it, or the new one: a temporary file is never
 * read, and segments a snapshot covers are skipped on replay.
 */
final class WriteAheadLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WriteAheadLog.class);
  static final byte ROWS = 1;
  static final byte LABELS = 2;
  static final byte BINNED_ROWS = 3;

  /** One record read back. */
  record Entry(byte type, byte[] payload) {
  }

  /** A segment, the windows it holds rows of, and whether it is still written to. */
  private static final class Segment {
    final Path path;
    final Set<WindowKey> windows = new HashSet<>();

    Segment(Path path) {
      this.path = path;
    }
  }

  /** A window of a stream: the stream and its start in window units. */
  record WindowKey(StreamKey stream, long window) {
  }

  private final Path directory;
  private final long segmentBytes;
  private final List<Segment> sealed = new ArrayList<>();
  private Segment current;
  private FileChannel channel;
  private long written;
  private long synced;
  private final Object syncLock = new Object();
  private long sequence;
  /** Bytes appended since the last snapshot started. */
  private long sinceSnapshot;
  private static final long SNAPSHOT_MAGIC = 0x5354_5753_4e41_5031L; // "STWSNAP1"

  WriteAheadLog(Path directory, long segmentBytes) {
    this.directory = directory;
    this.segmentBytes = segmentBytes;
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The segments left by the previous run, oldest first. */
  List<Path> existingSegments() {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(p -> p.getFileName().toString().matches("wal-\\d{20}\\.log")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the whole, intact records of a segment; stops at the first torn or corrupt one. */
  static List<Entry> read(Path segment) {
    List<Entry> entries = new ArrayList<>();
    try (FileChannel in = FileChannel.open(segment, StandardOpenOption.READ)) {
      ByteBuffer all = ByteBuffer.allocate(Math.toIntExact(in.size()));
      while (all.hasRemaining() && in.read(all) >= 0) {
        // read fully
      }
      all.flip();
      while (all.remaining() >= 9) {
        int length = all.getInt();
        int crc = all.getInt();
        if (length < 1 || length > all.remaining()) {
          break;
        }
        byte[] body = new byte[length];
        all.get(body);
        CRC32C check = new CRC32C();
        check.update(body);
        if ((int) check.getValue() != crc) {
          LOG.warn("Write-ahead log {} has a corrupt record; ignoring it and what follows.", segment);
          break;
        }
        entries.add(new Entry(body[0], java.util.Arrays.copyOfRange(body, 1, body.length)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return entries;
  }

  /** Adopts a segment of the previous run, so it is deleted once its windows are reported. */
  synchronized void adopt(Path segment, Set<WindowKey> windows) {
    Segment s = new Segment(segment);
    s.windows.addAll(windows);
    sealed.add(s);
    String name = segment.getFileName().toString();
    sequence = Math.max(sequence, Long.parseLong(name.substring(4, 24)) + 1);
  }

  /** Appends a record without forcing it; returns the position a {@link #sync} must reach. */
  synchronized long append(byte type, byte[] payload, int offset, int length, Set<WindowKey> windows) {
    try {
      if (channel == null || written >= segmentBytes) {
        rotate();
      }
      CRC32C crc = new CRC32C();
      crc.update(type);
      crc.update(payload, offset, length);
      ByteBuffer header = ByteBuffer.allocate(9);
      header.putInt(length + 1).putInt((int) crc.getValue()).put(type).flip();
      ByteBuffer body = ByteBuffer.wrap(payload, offset, length);
      ByteBuffer[] buffers = {header, body};
      while (header.hasRemaining() || body.hasRemaining()) {
        written += channel.write(buffers);
      }
      current.windows.addAll(windows);
      sinceSnapshot += 9 + length;
      return position();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not append to the drift write-ahead log in " + directory, e);
    }
  }

  /** A position across segments: sequence in the high bits, offset in the low 40. */
  private long position() {
    return (sequence << 40) | written;
  }

  private void rotate() throws IOException {
    if (channel != null) {
      channel.force(false);
      channel.close();
      sealed.add(current);
      synced = position();
    }
    sequence++;
    current = new Segment(directory.resolve(String.format("wal-%020d.log", sequence)));
    channel = FileChannel.open(current.path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    written = 0;
    // make the new file's directory entry durable too
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException ignored) {
      // some file systems cannot open directories; the data itself is forced below
    }
  }

  /** Forces everything appended up to {@code position} to disk, sharing the force with other callers. */
  void sync(long position) {
    synchronized (syncLock) {
      FileChannel c;
      long target;
      synchronized (this) {
        if (synced >= position) {
          return;
        }
        c = channel;
        target = position();
      }
      try {
        c.force(false);
      } catch (IOException e) {
        throw new UncheckedIOException("Could not force the drift write-ahead log in " + directory, e);
      }
      synchronized (this) {
        synced = Math.max(synced, target);
      }
    }
  }

  /** Deletes the sealed segments whose windows all count as reported. */
  synchronized void deleteReported(Predicate<WindowKey> reported) {
    if (channel != null && current.windows.stream().allMatch(reported) && written > 0) {
      try {
        rotate();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    sealed.removeIf(s -> {
      if (!s.windows.stream().allMatch(reported)) {
        return false;
      }
      try {
        Files.deleteIfExists(s.path);
        return true;
      } catch (IOException e) {
        LOG.warn("Could not delete the reported write-ahead segment {}: {}", s.path, e.getMessage());
        return false;
      }
    });
  }

  /** A snapshot read back: the first segment it does not cover, and the state it holds. */
  record Snapshot(long sequence, byte[] state) {
  }

  synchronized long bytesSinceSnapshot() {
    return sinceSnapshot;
  }

  /**
   * Starts a new segment for a snapshot; answers its number, the first segment the snapshot does not
   * cover. Call it under the lock that appends, and capture the state before releasing that lock.
   */
  synchronized long rotateForSnapshot() {
    try {
      rotate();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start a new drift write-ahead segment in " + directory, e);
    }
    sinceSnapshot = 0;
    return sequence;
  }

  /**
   * Writes a snapshot durably, then deletes the segments and snapshots it supersedes. Runs outside the
   * append lock: appends go on into the segments from {@code sequence} on meanwhile.
   */
  void writeSnapshot(long sequence, byte[] state) {
    Path target = directory.resolve(String.format("snapshot-%020d.bin", sequence));
    Path temporary = directory.resolve(target.getFileName() + ".tmp");
    CRC32C crc = new CRC32C();
    crc.update(state);
    ByteBuffer header = ByteBuffer.allocate(24).putLong(SNAPSHOT_MAGIC).putLong(sequence).putInt(state.length)
        .putInt((int) crc.getValue()).flip();
    try {
      try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer body = ByteBuffer.wrap(state);
        ByteBuffer[] buffers = {header, body};
        while (header.hasRemaining() || body.hasRemaining()) {
          out.write(buffers);
        }
        out.force(true);
      }
      Files.move(temporary, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      forceDirectory();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the drift snapshot " + target, e);
    }
    synchronized (this) {
      sealed.removeIf(s -> {
        if (sequenceOf(s.path) >= sequence) {
          return false;
        }
        delete(s.path);
        return true;
      });
    }
    for (Path old : files("snapshot-\\d{20}\\.bin(\\.tmp)?")) {
      if (!old.equals(target) && (old.toString().endsWith(".tmp") || sequenceOf(old) < sequence)) {
        delete(old);
      }
    }
  }

  /**
   * The newest complete snapshot, if any; deletes the segments it covers and unfinished snapshot files.
   * A snapshot that fails its checksum is not used (it was forced before it got its name, so that means
   * damage on disk, and is logged).
   */
  java.util.Optional<Snapshot> latestSnapshot() {
    List<Path> snapshots = files("snapshot-\\d{20}\\.bin");
    for (Path p : files("snapshot-\\d{20}\\.bin\\.tmp")) {
      delete(p); // a snapshot that a crash interrupted; the previous one and its segments are still there
    }
    for (int i = snapshots.size() - 1; i >= 0; i--) {
      Path p = snapshots.get(i);
      try {
        ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(p));
        if (all.remaining() < 24 || all.getLong() != SNAPSHOT_MAGIC) {
          LOG.warn("Drift snapshot {} is not a snapshot; ignoring it.", p);
          continue;
        }
        long sequence = all.getLong();
        int length = all.getInt();
        int crc = all.getInt();
        if (length != all.remaining()) {
          LOG.warn("Drift snapshot {} is incomplete; ignoring it.", p);
          continue;
        }
        byte[] state = new byte[length];
        all.get(state);
        CRC32C check = new CRC32C();
        check.update(state);
        if ((int) check.getValue() != crc) {
          LOG.warn("Drift snapshot {} fails its checksum; ignoring it.", p);
          continue;
        }
        for (Path segment : existingSegments()) {
          if (sequenceOf(segment) < sequence) {
            delete(segment);
          }
        }
        return java.util.Optional.of(new Snapshot(sequence, state));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return java.util.Optional.empty();
  }

  private List<Path> files(String pattern) {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(p -> p.getFileName().toString().matches(pattern)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long sequenceOf(Path file) {
    String name = file.getFileName().toString();
    int start = name.indexOf('-') + 1;
    return Long.parseLong(name.substring(start, start + 20));
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("Could not delete the drift log file {}: {}", file, e.getMessage());
    }
  }

  private void forceDirectory() {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException ignored) {
      // some file systems cannot open directories
    }
  }

  /** Bytes of log and snapshot files on disk. */
  long bytesOnDisk() {
    long total = 0;
    for (Path p : files("(wal|snapshot)-.*")) {
      try {
        total += Files.size(p);
      } catch (IOException e) {
        // deleted meanwhile
      }
    }
    return total;
  }

  synchronized int segments() {
    return sealed.size() + (channel == null ? 0 : 1);
  }

  @Override
  public synchronized void close() {
    if (channel != null) {
      try {
        channel.force(false);
        channel.close();
      } catch (IOException e) {
        LOG.warn("Could not close the drift write-ahead log: {}", e.getMessage());
      }
      channel = null;
    }
  }
}
