package dev.steward.drift;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * Reads a reference and a current CSV document held in memory into two {@link Sample}s typed alike; the
 * rules are those of {@link SampleFiles} (which reads files, CSV or Parquet, in parallel).
 *
 * <pre>{@code
 * CsvSamples.Pair samples = CsvSamples.read(Files.newBufferedReader(ref), Files.newBufferedReader(cur));
 * Comparison comparison = DriftComparison.compare(samples.reference(), samples.current(), options);
 * }</pre>
 */
public final class CsvSamples {

  private CsvSamples() {
  }

  /** The two samples, typed consistently. */
  public record Pair(Sample reference, Sample current) {
  }

  public static Pair read(Reader reference, Reader current) throws IOException {
    byte[] ref = text(reference).getBytes(StandardCharsets.UTF_8);
    byte[] cur = text(current).getBytes(StandardCharsets.UTF_8);
    SampleFiles.Options options = SampleFiles.Options.ALL;
    SampleFiles.Pair pair = SampleFiles.alike(SampleFiles.readCsv(ref, options, "reference"),
        SampleFiles.readCsv(cur, options, "current"), (side, text) -> SampleFiles.readCsv(side == 0 ? ref : cur,
            options.withTextColumns(text), side == 0 ? "reference" : "current"));
    return new Pair(pair.reference(), pair.current());
  }

  private static String text(Reader reader) throws IOException {
    StringBuilder out = new StringBuilder();
    char[] buffer = new char[1 << 16];
    for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
      out.append(buffer, 0, n);
    }
    return out.toString();
  }

  /** The number a field holds, or NaN when it is not one; see {@link SampleFiles#number}. */
  static double parse(String field) {
    return SampleFiles.number(field);
  }
}
