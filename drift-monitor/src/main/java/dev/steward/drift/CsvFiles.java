package dev.steward.drift;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * The CSV side of {@link SampleFiles}. The file is cut into blocks of whole records (a newline outside
 * quotes ends a record: one pass counts quotes, so quoted fields may hold newlines), and each block is
 * parsed by FastCSV on a pool of one thread per core, numbers by FastDoubleParser. A column is parsed as
 * numbers until a field that is neither a number nor a missing value turns it categorical; blocks that
 * turned it later, or never, are parsed again for its text, so categories keep the file's spelling.
 */
final class CsvFiles {
  private static final int BLOCK_BYTES = 4 << 20;

  private CsvFiles() {
  }

  /** Bytes to read: a file, or a document in memory. */
  interface Source extends AutoCloseable {
    /** Reads up to {@code length} bytes at {@code position}; answers the count, -1 at the end. */
    int read(long position, byte[] into, int offset, int length) throws IOException;

    String kind();

    @Override
    void close() throws IOException;

    static Source of(Path file) throws IOException {
      FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
      return new Source() {
        @Override
        public int read(long position, byte[] into, int offset, int length) throws IOException {
          return channel.read(ByteBuffer.wrap(into, offset, length), position);
        }

        @Override
        public String kind() {
          return "CSV file " + file.getFileName();
        }

        @Override
        public void close() throws IOException {
          channel.close();
        }
      };
    }

    static Source of(byte[] bytes) {
      return new Source() {
        @Override
        public int read(long position, byte[] into, int offset, int length) {
          if (position >= bytes.length) {
            return -1;
          }
          int n = (int) Math.min(length, bytes.length - position);
          System.arraycopy(bytes, (int) position, into, offset, n);
          return n;
        }

        @Override
        public String kind() {
          return "CSV";
        }

        @Override
        public void close() {
        }
      };
    }
  }

  /** A run of whole records: where it lies in the source, and its bytes while it is being parsed. */
  private record Span(long position, int length) {
  }

  /** What parsing a block found: per selected column numbers, or text from row {@code textFrom} on. */
  private static final class Block {
    final Span span;
    int rows;
    final double[][] numbers;
    final @Nullable String[][] texts;
    /** Per column: -1 numbers throughout, else the first row held as text. */
    final int[] textFrom;
    @Nullable String error;
    int errorRow;

    Block(Span span, int columns, int capacity) {
      this.span = span;
      numbers = new double[columns][];
      texts = new String[columns][];
      textFrom = new int[columns];
      Arrays.fill(textFrom, -1);
      for (int c = 0; c < columns; c++) {
        numbers[c] = new double[capacity];
      }
    }
  }

  static Sample read(Source source, SampleFiles.Options options, String what) throws IOException {
    try (source) {
      return new Reading(source, options, what).run();
    }
  }

  /** One read of one source. */
  private static final class Reading {
    final Source source;
    final SampleFiles.Options options;
    final String what;
    List<String> header = List.of();
    int width;
    int[] selected = new int[0];
    boolean[] forcedText = new boolean[0];
    /** Per field of the file, its position among the selected columns, or -1. */
    int[] column = new int[0];

    Reading(Source source, SampleFiles.Options options, String what) {
      this.source = source;
      this.options = options;
      this.what = what;
    }

    Sample run() throws IOException {
      int threads = Math.max(1, options.parallelism());
      ExecutorService pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
        Thread t = new Thread(r, "csv-reader");
        t.setDaemon(true);
        return t;
      });
      try {
        return read(pool, threads);
      } finally {
        if (pool != null) {
          pool.shutdownNow();
        }
      }
    }

    private Sample read(@Nullable ExecutorService pool, int threads) throws IOException {
      Splitter splitter = new Splitter(source, what);
      Span headerSpan = splitter.next(true);
      if (headerSpan == null) {
        throw new IllegalArgumentException("The " + what + " CSV is empty; it needs a header row.");
      }
      header(splitter.bytes(headerSpan));
      long limit = options.limit() > 0 ? options.limit() : Long.MAX_VALUE;
      List<Block> blocks = new ArrayList<>();
      ArrayDeque<Future<Block>> running = new ArrayDeque<>();
      long rows = 0;
      boolean more = true;
      while (more || !running.isEmpty()) {
        while (more && running.size() < 2 * threads) {
          Span span = splitter.next(false);
          if (span == null) {
            more = false;
            break;
          }
          byte[] bytes = splitter.bytes(span);
          boolean[] text = forcedText;
          if (pool == null) {
            running.add(java.util.concurrent.CompletableFuture.completedFuture(parse(span, bytes, text)));
          } else {
            running.add(pool.submit(() -> parse(span, bytes, text)));
          }
        }
        if (running.isEmpty()) {
          break;
        }
        Block block = join(running.poll());
        if (block.error != null) {
          throw new IllegalArgumentException("Row " + (rows + block.errorRow + 1) + " of the " + what + " CSV "
              + block.error);
        }
        blocks.add(block);
        rows += block.rows;
        if (rows >= limit) {
          running.forEach(f -> f.cancel(true));
          running.clear();
          more = false;
        }
      }
      return assemble(blocks, (int) Math.min(rows, limit), pool);
    }

    private void header(byte[] bytes) {
      String text = new String(bytes, StandardCharsets.UTF_8);
      if (text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      text = stripNewline(text);
      CsvRecord record = CsvReader.builder().ofSingleCsvRecord(text);
      List<String> names = record.getFields();
      if (names.stream().distinct().count() != names.size()) {
        throw new IllegalArgumentException("The " + what + " CSV header repeats a column name: " + names);
      }
      header = names;
      width = names.size();
      selected = SampleFiles.select(names, options.columns(), what, "CSV");
      column = new int[width];
      Arrays.fill(column, -1);
      for (int c = 0; c < selected.length; c++) {
        column[selected[c]] = c;
      }
      forcedText = new boolean[selected.length];
      for (int c = 0; c < selected.length; c++) {
        forcedText[c] = options.textColumns().contains(names.get(selected[c]));
      }
    }

    private static String stripNewline(String text) {
      int end = text.length();
      while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
        end--;
      }
      return text.substring(0, end);
    }

    /** Parses the records of a block; numbers where they can be, text where forced or found. */
    private Block parse(Span span, byte[] bytes, boolean[] text) {
      int columns = selected.length;
      // about 8 bytes per field is a fair first guess for numeric files; the arrays grow when it is not
      int capacity = Math.max(16, span.length() / Math.max(8, 8 * width));
      Block block = new Block(span, columns, capacity);
      for (int c = 0; c < columns; c++) {
        if (text[c]) {
          block.textFrom[c] = 0;
          block.texts[c] = new String[capacity];
          block.numbers[c] = null;
        }
      }
      BlockHandler handler = new BlockHandler(block, column, width, capacity);
      String document = new String(bytes, 0, span.length(), StandardCharsets.UTF_8);
      try (CsvReader<Boolean> reader = CsvReader.builder().allowExtraFields(true).allowMissingFields(true)
          .skipEmptyLines(true).build(handler, document)) {
        for (Boolean complete : reader) {
          if (!complete) {
            return block;
          }
        }
      } catch (CsvParseException | IOException | UncheckedIOException e) {
        block.error = "cannot be read: " + e.getMessage();
        block.errorRow = handler.row;
        return block;
      }
      block.rows = handler.row;
      return block;
    }

    private static void grow(Block block, int capacity) {
      for (int c = 0; c < block.numbers.length; c++) {
        if (block.numbers[c] != null) {
          block.numbers[c] = Arrays.copyOf(block.numbers[c], capacity);
        }
        if (block.texts[c] != null) {
          block.texts[c] = Arrays.copyOf(block.texts[c], capacity);
        }
      }
    }

    /**
     * Joins the blocks into columns. A column that any block found categorical is categorical throughout:
     * blocks that hold it as numbers for some rows are parsed again with it as text.
     */
    private Sample assemble(List<Block> blocks, int rows, @Nullable ExecutorService pool) throws IOException {
      int columns = selected.length;
      boolean[] text = forcedText.clone();
      for (Block b : blocks) {
        for (int c = 0; c < columns; c++) {
          text[c] |= b.textFrom[c] >= 0;
        }
      }
      List<Future<Block>> again = new ArrayList<>();
      List<Integer> positions = new ArrayList<>();
      for (int i = 0; i < blocks.size(); i++) {
        Block b = blocks.get(i);
        boolean complete = true;
        for (int c = 0; c < columns; c++) {
          complete &= !text[c] || b.textFrom[c] == 0 || b.rows == 0;
        }
        if (!complete) {
          byte[] bytes = new byte[b.span.length()];
          readFully(source, b.span.position(), bytes);
          Span span = b.span;
          boolean[] t = text;
          again.add(pool == null ? java.util.concurrent.CompletableFuture.completedFuture(parse(span, bytes, t))
              : pool.submit(() -> parse(span, bytes, t)));
          positions.add(i);
        }
      }
      for (int i = 0; i < again.size(); i++) {
        blocks.set(positions.get(i), join(again.get(i)));
      }
      Map<String, Sample.Column> out = new LinkedHashMap<>();
      for (int c = 0; c < columns; c++) {
        String name = header.get(selected[c]);
        if (text[c]) {
          String[] values = new String[rows];
          int at = 0;
          for (Block b : blocks) {
            int n = Math.min(b.rows, rows - at);
            System.arraycopy(b.texts[c], 0, values, at, n);
            b.texts[c] = null;
            at += n;
          }
          out.put(name, new Sample.Column.Categorical(values));
        } else {
          double[] values = new double[rows];
          int at = 0;
          for (Block b : blocks) {
            int n = Math.min(b.rows, rows - at);
            System.arraycopy(b.numbers[c], 0, values, at, n);
            b.numbers[c] = null;
            at += n;
          }
          out.put(name, new Sample.Column.Numeric(values));
        }
      }
      return new Sample(out, rows);
    }
  }

  private static Block join(Future<Block> future) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while reading CSV.", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException(e.getCause());
    }
  }

  private static void readFully(Source source, long position, byte[] into) throws IOException {
    int at = 0;
    while (at < into.length) {
      int n = source.read(position + at, into, at, into.length - at);
      if (n < 0) {
        throw new IOException("The CSV input changed while it was read.");
      }
      at += n;
    }
  }

  /**
   * Cuts a source into spans of whole records, in order: reads ahead in blocks of about
   * {@link #BLOCK_BYTES} and ends each span after the last newline outside quotes.
   */
  private static final class Splitter {
    final Source source;
    final String what;
    byte[] buffer = new byte[BLOCK_BYTES + (BLOCK_BYTES >> 2)];
    /** Source position of buffer[0]. */
    long base;
    /** Valid bytes in the buffer, and how far quotes have been counted. */
    int filled;
    int scanned;
    boolean quoted;
    /** End of the last record found in the counted bytes, or -1. */
    int lastEnd = -1;
    boolean eof;
    byte[] last = new byte[0];

    Splitter(Source source, String what) {
      this.source = source;
      this.what = what;
    }

    /** The next span (one record when {@code single}), or null at the end. */
    @Nullable Span next(boolean single) throws IOException {
      while (true) {
        boolean q = quoted;
        int i = scanned;
        for (; i < filled; i++) {
          byte b = buffer[i];
          if (b == '"') {
            q = !q;
          } else if (b == '\n' && !q) {
            lastEnd = i + 1;
            if (single) {
              break;
            }
          }
        }
        if (single && lastEnd > 0) {
          scanned = lastEnd;
          quoted = false;
          return take(lastEnd);
        }
        scanned = i;
        quoted = q;
        if (lastEnd > 0 && (filled >= BLOCK_BYTES || eof)) {
          return take(lastEnd);
        }
        if (eof) {
          if (filled == 0) {
            return null;
          }
          if (quoted) {
            throw new IllegalArgumentException("The " + what + " CSV ends inside a quoted field.");
          }
          scanned = filled;
          return take(filled);
        }
        fill();
      }
    }

    /** Takes the first {@code length} bytes; the quote count of the bytes after them carries over. */
    private Span take(int length) {
      Span span = new Span(base, length);
      scanned -= length;
      lastEnd = -1;
      last = Arrays.copyOf(buffer, length);
      System.arraycopy(buffer, length, buffer, 0, filled - length);
      filled -= length;
      base += length;
      return span;
    }

    /** The bytes of the span just taken. */
    byte[] bytes(Span span) {
      return last;
    }

    private void fill() throws IOException {
      if (filled == buffer.length) {
        buffer = Arrays.copyOf(buffer, buffer.length * 2);
      }
      int n = source.read(base + filled, buffer, filled, buffer.length - filled);
      if (n < 0) {
        eof = true;
      } else {
        filled += n;
      }
    }
  }

  /**
   * Fills a block field by field from FastCSV's buffer: numbers are parsed from the characters, so a
   * numeric field costs no String.
   */
  private static final class BlockHandler extends AbstractBaseCsvCallbackHandler<Boolean> {
    final Block block;
    /** Per field of the file, its column in the block, or -1 when it is not read. */
    final int[] column;
    final int width;
    int capacity;
    int row;

    BlockHandler(Block block, int[] column, int width, int capacity) {
      this.block = block;
      this.column = column;
      this.width = width;
      this.capacity = capacity;
    }

    @Override
    protected void handleBegin(long line) {
      if (row == capacity) {
        capacity = capacity + (capacity >> 1) + 16;
        Reading.grow(block, capacity);
      }
    }

    @Override
    protected void handleField(int index, char[] buffer, int offset, int length, boolean quoted) {
      if (index >= column.length || block.error != null) {
        return;
      }
      int c = column[index];
      if (c < 0) {
        return;
      }
      if (block.textFrom[c] >= 0) {
        String field = new String(buffer, offset, length);
        block.texts[c][row] = SampleFiles.missing(field) ? null : field;
        return;
      }
      double d = SampleFiles.number(buffer, offset, length);
      if (!Double.isNaN(d)) {
        block.numbers[c][row] = d;
        return;
      }
      String field = new String(buffer, offset, length);
      if (SampleFiles.missing(field)) {
        block.numbers[c][row] = Double.NaN;
      } else {
        block.textFrom[c] = row;
        block.texts[c] = new String[capacity];
        block.texts[c][row] = field;
        block.numbers[c] = null;
      }
    }

    @Override
    protected Boolean buildRecord() {
      if (getFieldCount() != width) {
        block.error = "has " + getFieldCount() + " fields, the header has " + width + ".";
        block.errorRow = row;
        return false;
      }
      row++;
      return true;
    }
  }
}
