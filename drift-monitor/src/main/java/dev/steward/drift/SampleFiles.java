package dev.steward.drift;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Reads samples from files: CSV (RFC 4180 with a header row; FastCSV and FastDoubleParser, blocks parsed on
 * all cores) and Parquet (Hardwood, row groups decoded in parallel). A CSV column is numeric when every
 * non-missing value parses as a number ({@code inf}, {@code -inf}, {@code Infinity} included), categorical
 * otherwise; missing values are the spellings pandas reads as NaN ({@link #MISSING}). A Parquet column is
 * numeric when its type is (integers, floats, doubles), categorical for strings and booleans ({@code true},
 * {@code false}); nulls are missing. Two files read as a pair are typed alike: a column numeric in one and
 * categorical in the other is categorical in both, as one pandas frame would have it.
 *
 * <pre>{@code
 * SampleFiles.Pair pair = SampleFiles.read(Path.of("reference.parquet"), Path.of("current.csv"),
 *     SampleFiles.Options.ALL.withColumns(List.of("age", "plan")).withLimit(100_000));
 * Comparison comparison = DriftComparison.compare(pair.reference(), pair.current(), ComparisonOptions.DEFAULT);
 * }</pre>
 */
public final class SampleFiles {

  /**
   * Field values read as missing: pandas' default {@code na_values}, compared after trimming spaces (so
   * {@code " NA "} is missing too, as it always was here).
   */
  public static final Set<String> MISSING = Set.of("", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN",
      "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null");

  /** Seed of {@link Options#sample}: the same file and sample size always give the same rows. */
  static final long SAMPLE_SEED = 0x5a3b_1e5L;

  private SampleFiles() {
  }

  /** The file formats read. */
  public enum Format {
    CSV("csv"), PARQUET("parquet");

    private final String id;

    Format(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }

    public static Format fromId(String id) {
      for (Format f : values()) {
        if (f.id.equalsIgnoreCase(id.strip())) {
          return f;
        }
      }
      throw new IllegalArgumentException("Unknown file format '" + id + "'; use csv or parquet.");
    }

    /**
     * The format of a file: by its extension ({@code .csv}, {@code .parquet}, {@code .pq}), else by its first
     * bytes (Parquet files start with {@code PAR1}), else CSV.
     */
    public static Format of(Path file) throws IOException {
      String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
      if (name.endsWith(".parquet") || name.endsWith(".pq")) {
        return PARQUET;
      }
      if (name.endsWith(".csv") || name.endsWith(".csv.txt") || name.endsWith(".tsv")) {
        return CSV;
      }
      byte[] magic = new byte[4];
      try (InputStream in = Files.newInputStream(file)) {
        if (in.readNBytes(magic, 0, 4) == 4 && magic[0] == 'P' && magic[1] == 'A' && magic[2] == 'R' && magic[3] == '1') {
          return PARQUET;
        }
      }
      return CSV;
    }
  }

  /**
   * What to read. {@code format} null: by the file ({@link Format#of}); {@code columns} empty: all, else
   * these in this order; {@code limit} > 0: only the first that many rows; {@code sample} > 0: that many rows
   * drawn uniformly at random (fixed seed) from those read, kept in file order; {@code textColumns}: columns
   * read as categorical whatever they hold (a model's categorical features: {@code 007} stays {@code 007});
   * {@code threads}: parallel readers, 0 for one per core.
   */
  public record Options(@Nullable Format format, List<String> columns, long limit, long sample, Set<String> textColumns,
      int threads) {
    public static final Options ALL = new Options(null, List.of(), 0, 0, Set.of(), 0);

    public Options {
      columns = List.copyOf(columns);
      textColumns = Set.copyOf(textColumns);
      if (limit < 0 || sample < 0 || threads < 0) {
        throw new IllegalArgumentException("limit, sample and threads must not be negative.");
      }
      if (limit > Integer.MAX_VALUE || sample > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("A sample holds at most " + Integer.MAX_VALUE + " rows.");
      }
      if (Set.copyOf(columns).size() != columns.size()) {
        throw new IllegalArgumentException("The column selection names a column twice: " + columns + ".");
      }
    }

    public Options withFormat(@Nullable Format f) {
      return new Options(f, columns, limit, sample, textColumns, threads);
    }

    public Options withColumns(List<String> c) {
      return new Options(format, c, limit, sample, textColumns, threads);
    }

    public Options withLimit(long rows) {
      return new Options(format, columns, rows, sample, textColumns, threads);
    }

    public Options withSample(long rows) {
      return new Options(format, columns, limit, rows, textColumns, threads);
    }

    public Options withTextColumns(Set<String> c) {
      return new Options(format, columns, limit, sample, c, threads);
    }

    public Options withThreads(int n) {
      return new Options(format, columns, limit, sample, textColumns, n);
    }

    int parallelism() {
      return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
  }

  /** A reference and a current sample, typed alike. */
  public record Pair(Sample reference, Sample current) {
  }

  /** Reads one file; {@code what} names it in messages ("reference", "current"). */
  public static Sample read(Path file, Options options, String what) throws IOException {
    Objects.requireNonNull(file, "file");
    Format format = options.format() != null ? options.format() : Format.of(file);
    Sample sample = switch (format) {
      case CSV -> CsvFiles.read(CsvFiles.Source.of(file), options, what);
      case PARQUET -> parquet(file, options, what);
    };
    return options.sample() > 0 ? sample(sample, options.sample()) : sample;
  }

  private static Sample parquet(Path file, Options options, String what) throws IOException {
    Files.size(file); // a missing file is NoSuchFileException, not bad content
    try {
      return ParquetFiles.read(file, options, what);
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("The " + what + " file is not a Parquet file Steward can read: "
          + e.getMessage(), e);
    }
  }

  /** Reads a CSV document held in memory (a request body); as {@link #read(Path, Options, String)}. */
  public static Sample readCsv(byte[] csv, Options options, String what) {
    try {
      Sample sample = CsvFiles.read(CsvFiles.Source.of(csv), options, what);
      return options.sample() > 0 ? sample(sample, options.sample()) : sample;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // cannot happen in memory
    }
  }

  /** Reads a reference and a current file and types their columns alike. */
  public static Pair read(Path reference, Path current, Options options) throws IOException {
    Sample ref = read(reference, options, "reference");
    Sample cur = read(current, options, "current");
    return alike(ref, cur, (side, text) -> read(side == 0 ? reference : current,
        options.withTextColumns(union(options.textColumns(), text)), side == 0 ? "reference" : "current"));
  }

  /** Re-reads one side (0 reference, 1 current) with more columns as text. */
  interface Reread {
    Sample read(int side, Set<String> text) throws IOException;
  }

  /**
   * Makes a column numeric on one side and categorical on the other categorical on both: the numeric side is
   * read again with that column as text, so the categories are the file's own spellings.
   */
  static Pair alike(Sample ref, Sample cur, Reread reread) throws IOException {
    Set<String> refText = new java.util.HashSet<>();
    Set<String> curText = new java.util.HashSet<>();
    for (Map.Entry<String, Sample.Column> e : ref.columns().entrySet()) {
      Sample.Column other = cur.column(e.getKey());
      if (other == null || other.type() == e.getValue().type()) {
        continue;
      }
      (e.getValue() instanceof Sample.Column.Numeric ? refText : curText).add(e.getKey());
    }
    if (!refText.isEmpty()) {
      ref = reread.read(0, refText);
    }
    if (!curText.isEmpty()) {
      cur = reread.read(1, curText);
    }
    return new Pair(ref, cur);
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new java.util.HashSet<>(a);
    all.addAll(b);
    return all;
  }

  /**
   * Keeps {@code k} rows of a sample, each subset equally likely, in their order (Knuth's selection sampling
   * with a fixed seed).
   */
  static Sample sample(Sample sample, long k) {
    int n = sample.rows();
    if (k >= n) {
      return sample;
    }
    int[] rows = new int[(int) k];
    SplittableRandom random = new SplittableRandom(SAMPLE_SEED);
    int kept = 0;
    for (int i = 0; i < n && kept < k; i++) {
      if (random.nextInt(n - i) < k - kept) {
        rows[kept++] = i;
      }
    }
    Map<String, Sample.Column> columns = new LinkedHashMap<>();
    for (Map.Entry<String, Sample.Column> e : sample.columns().entrySet()) {
      columns.put(e.getKey(), switch (e.getValue()) {
        case Sample.Column.Numeric num -> {
          double[] all = num.values();
          double[] out = new double[rows.length];
          for (int i = 0; i < rows.length; i++) {
            out[i] = all[rows[i]];
          }
          yield new Sample.Column.Numeric(out);
        }
        case Sample.Column.Categorical cat -> {
          String[] all = cat.values();
          String[] out = new String[rows.length];
          for (int i = 0; i < rows.length; i++) {
            out[i] = all[rows[i]];
          }
          yield new Sample.Column.Categorical(out);
        }
      });
    }
    return new Sample(columns, rows.length);
  }

  /** The positions of the selected columns in a file's header; refuses names the file lacks. */
  static int[] select(List<String> header, List<String> selected, String what, String kind) {
    if (selected.isEmpty()) {
      int[] all = new int[header.size()];
      Arrays.setAll(all, i -> i);
      return all;
    }
    int[] positions = new int[selected.size()];
    List<String> unknown = new ArrayList<>();
    for (int i = 0; i < selected.size(); i++) {
      positions[i] = header.indexOf(selected.get(i));
      if (positions[i] < 0) {
        unknown.add(selected.get(i));
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("The " + what + " " + kind + " has no column " + String.join(", ", unknown)
          + "; its columns are " + abbreviate(header) + ".");
    }
    return positions;
  }

  private static String abbreviate(List<String> names) {
    return names.size() <= 20 ? String.join(", ", names)
        : String.join(", ", names.subList(0, 20)) + " and " + (names.size() - 20) + " more";
  }

  /**
   * The number a field holds, or NaN when it holds none: Java's decimal and hexadecimal literals, correctly
   * rounded (FastDoubleParser gives the same double as {@link Double#parseDouble}), and the infinity
   * spellings of pandas. Java-only forms such as {@code 1d} and {@code NaN} are not numbers.
   */
  public static double number(String field) {
    int start = 0;
    int end = field.length();
    while (start < end && field.charAt(start) <= ' ') {
      start++;
    }
    while (end > start && field.charAt(end - 1) <= ' ') {
      end--;
    }
    if (start == end) {
      return Double.NaN;
    }
    char last = field.charAt(end - 1);
    if (!(last >= '0' && last <= '9' || last == '.')) {
      return infinity(field.substring(start, end));
    }
    try {
      return ch.randelshofer.fastdoubleparser.JavaDoubleParser.parseDouble(field, start, end - start);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** As {@link #number(String)} for the characters {@code buffer[offset, offset + length)}. */
  static double number(char[] buffer, int offset, int length) {
    int start = offset;
    int end = offset + length;
    while (start < end && buffer[start] <= ' ') {
      start++;
    }
    while (end > start && buffer[end - 1] <= ' ') {
      end--;
    }
    if (start == end) {
      return Double.NaN;
    }
    char last = buffer[end - 1];
    if (!(last >= '0' && last <= '9' || last == '.')) {
      return infinity(new String(buffer, start, end - start));
    }
    try {
      return ch.randelshofer.fastdoubleparser.JavaDoubleParser.parseDouble(buffer, start, end - start);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static double infinity(String v) {
    return switch (v) {
      case "inf", "+inf", "Infinity", "+Infinity", "INF", "+INF" -> Double.POSITIVE_INFINITY;
      case "-inf", "-Infinity", "-INF" -> Double.NEGATIVE_INFINITY;
      default -> Double.NaN;
    };
  }

  /** Whether a field is one of the {@link #MISSING} spellings, spaces around it aside. */
  public static boolean missing(String field) {
    return field.isEmpty() || MISSING.contains(field.trim());
  }
}
