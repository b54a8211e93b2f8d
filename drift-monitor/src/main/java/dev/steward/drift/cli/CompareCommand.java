package dev.steward.drift.cli;

import dev.steward.drift.Comparison;
import dev.steward.drift.ComparisonMode;
import dev.steward.drift.ComparisonOptions;
import dev.steward.drift.DriftComparison;
import dev.steward.drift.SampleFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code steward drift compare ref.csv cur.parquet}: compares two samples, CSV or Parquet files read by
 * {@link SampleFiles}, and prints the result as JSON.
 *
 * <pre>
 * java -cp ... dev.steward.drift.cli.CompareCommand reference.csv current.csv --mode reference-bins
 * </pre>
 *
 * Exit status: 0 when the comparison ran (whatever it found), 1 for unreadable or invalid input, 2 for a
 * wrong command line.
 */
public final class CompareCommand {

  static final String USAGE = """
      usage: steward drift compare REFERENCE CURRENT [options]   (CSV or Parquet files)
        --mode evidently|reference-bins   binning and tests (default: evidently)
        --bins N                          reference-quantile bins per numeric column (default: 10)
        --psi-threshold X                 PSI counted as drift in reference-bins mode (default: 0.2)
        --drift-share X                   share of drifted columns for dataset drift (default: 0.5)
        --score-column NAME               scores for calibration (default: score)
        --label-column NAME               0/1 labels for calibration (default: label)
        --format csv|parquet              file format (default: by extension, else by content)
        --columns A,B,...                 read only these columns
        --limit N                         read only the first N rows
        --sample N                        compare N rows drawn at random (fixed seed) from those read
        --pretty                          indent the JSON
      """;

  private CompareCommand() {
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    Path reference = null;
    Path current = null;
    ComparisonOptions defaults = ComparisonOptions.DEFAULT;
    ComparisonMode mode = defaults.mode();
    int bins = defaults.numericBins();
    double psiThreshold = defaults.psiThreshold();
    double driftShare = defaults.driftShare();
    String scoreColumn = defaults.scoreColumn();
    String labelColumn = defaults.labelColumn();
    boolean pretty = false;
    SampleFiles.Options read = SampleFiles.Options.ALL;
    ComparisonOptions options;
    try {
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "--mode" -> mode = ComparisonMode.fromId(value(args, ++i, arg));
          case "--bins" -> bins = Integer.parseInt(value(args, ++i, arg));
          case "--psi-threshold" -> psiThreshold = Double.parseDouble(value(args, ++i, arg));
          case "--drift-share" -> driftShare = Double.parseDouble(value(args, ++i, arg));
          case "--score-column" -> scoreColumn = value(args, ++i, arg);
          case "--label-column" -> labelColumn = value(args, ++i, arg);
          case "--pretty" -> pretty = true;
          case "--format" -> read = read.withFormat(SampleFiles.Format.fromId(value(args, ++i, arg)));
          case "--columns" -> read = read.withColumns(List.of(value(args, ++i, arg).split(",")));
          case "--limit" -> read = read.withLimit(Long.parseLong(value(args, ++i, arg)));
          case "--sample" -> read = read.withSample(Long.parseLong(value(args, ++i, arg)));
          case "-h", "--help" -> {
            out.print(USAGE);
            return 0;
          }
          default -> {
            if (arg.startsWith("--")) {
              throw new IllegalArgumentException("Unknown option " + arg);
            } else if (reference == null) {
              reference = Path.of(arg);
            } else if (current == null) {
              current = Path.of(arg);
            } else {
              throw new IllegalArgumentException("Unexpected argument " + arg);
            }
          }
        }
      }
      if (current == null) {
        throw new IllegalArgumentException("Both a reference and a current file are needed.");
      }
      options = new ComparisonOptions(mode, bins, psiThreshold, driftShare, scoreColumn, labelColumn);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.print(USAGE);
      return 2;
    }
    try {
      SampleFiles.Pair samples = SampleFiles.read(reference, current, read);
      Comparison comparison = DriftComparison.compare(samples.reference(), samples.current(), options);
      out.println(ComparisonJson.write(comparison, pretty));
      return 0;
    } catch (NoSuchFileException e) {
      err.println("No such file: " + e.getFile());
      return 1;
    } catch (IOException e) {
      err.println("Cannot read the input: " + e.getMessage());
      return 1;
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 1;
    }
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value.");
    }
    return args[i];
  }
}
