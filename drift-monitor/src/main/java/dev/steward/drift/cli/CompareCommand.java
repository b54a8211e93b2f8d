package dev.steward.drift.cli;

import dev.steward.drift.Comparison;
import dev.steward.drift.ComparisonMode;
import dev.steward.drift.ComparisonOptions;
import dev.steward.drift.DriftComparison;
import dev.steward.drift.SampleFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * {@code steward drift compare ref.csv cur.parquet}: compares two samples, CSV or Parquet files read by
 * {@link SampleFiles}, on this machine (no server) and
 * prints a table of every column's drift, or the whole result as JSON or YAML ({@link ComparisonJson}).
 * With {@code --fail-on-drift} it exits 1 when the dataset drifts, so that it can gate a CI job.
 *
 * <pre>
 * steward drift compare reference.csv current.csv --mode reference-bins --fail-on-drift
 * </pre>
 *
 * Exit status: 0 when the comparison ran (and, with {@code --fail-on-drift}, found no drift), 1 drift found
 * with {@code --fail-on-drift}, 2 for a wrong command line or a file that cannot be read as CSV.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, description = {
    "Compares a current sample with a reference sample (CSV files with a header, or Parquet) on this machine, "
        + "without a server: "
        + "drift per column (Evidently-compatible tests, or PSI over reference-quantile bins), null-rate drift and, "
        + "with score and label columns, calibration drift.",
    "The dataset drifts when the share of drifted columns reaches --drift-share, or calibration drift alerts.",
    "Example: steward drift compare reference.csv current.csv --fail-on-drift"})
public final class CompareCommand implements Callable<Integer> {
  /** Exit status of a comparison that found drift with {@code --fail-on-drift}. */
  public static final int DRIFT_FOUND = 1;

  /** How the result is printed. */
  public enum Output { table, json, yaml }

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "REFERENCE", description = "the reference sample, CSV or Parquet")
  Path reference;

  @Parameters(index = "1", paramLabel = "CURRENT", description = "the current sample, CSV or Parquet")
  Path current;

  @Option(names = "--format", paramLabel = "FORMAT", description = "csv or parquet (default: by extension, else by content)")
  @Nullable String format;

  @Option(names = "--columns", paramLabel = "A,B", split = ",", description = "read only these columns")
  @Nullable List<String> columns;

  @Option(names = "--limit", paramLabel = "N", description = "read only the first N rows")
  @Nullable Long limit;

  @Option(names = "--sample", paramLabel = "N", description = "compare N rows drawn at random (fixed seed) from those read")
  @Nullable Long sample;

  @Option(names = "--mode", paramLabel = "MODE", converter = ModeConverter.class, defaultValue = "evidently",
      description = "evidently or reference-bins (default: ${DEFAULT-VALUE})")
  ComparisonMode mode = ComparisonMode.EVIDENTLY;

  @Option(names = "--bins", paramLabel = "N", description = "reference-quantile bins per numeric column (default: 10)")
  int bins = ComparisonOptions.DEFAULT.numericBins();

  @Option(names = "--psi-threshold", paramLabel = "X", description = "PSI counted as drift in reference-bins mode (default: 0.2)")
  double psiThreshold = ComparisonOptions.DEFAULT.psiThreshold();

  @Option(names = "--drift-share", paramLabel = "X", description = "share of drifted columns for dataset drift (default: 0.5)")
  double driftShare = ComparisonOptions.DEFAULT.driftShare();

  @Option(names = "--score-column", paramLabel = "NAME", description = "scores for calibration (default: score)")
  String scoreColumn = ComparisonOptions.DEFAULT.scoreColumn();

  @Option(names = "--label-column", paramLabel = "NAME", description = "0/1 labels for calibration (default: label)")
  String labelColumn = ComparisonOptions.DEFAULT.labelColumn();

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
      description = "table, json or yaml (default: ${DEFAULT-VALUE})")
  Output output = Output.table;

  @Option(names = "--pretty", description = "indent the JSON (with -o json)")
  boolean pretty;

  @Option(names = "--fail-on-drift", description = "exit " + DRIFT_FOUND + " when the dataset drifts (for CI jobs)")
  boolean failOnDrift;

  /** Runs the command on its own (the server's {@code steward} command adds it under {@code drift}). */
  public static void main(String[] args) {
    System.exit(new CommandLine(new CompareCommand()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
  }

  @Override
  public Integer call() {
    ComparisonOptions options;
    try {
      options = new ComparisonOptions(mode, bins, psiThreshold, driftShare, scoreColumn, labelColumn);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    Comparison comparison;
    try {
      SampleFiles.Pair samples = SampleFiles.read(reference, current, readOptions());
      comparison = DriftComparison.compare(samples.reference(), samples.current(), options);
    } catch (NoSuchFileException e) {
      throw new ParameterException(spec.commandLine(), "No such file: " + e.getFile());
    } catch (IOException e) {
      throw new ParameterException(spec.commandLine(), "Cannot read the input: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    switch (output) {
      case table -> ComparisonTable.print(out, comparison, options);
      case json -> out.println(pretty
          ? JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(ComparisonJson.toJson(comparison))
          : ComparisonJson.write(comparison, false));
      case yaml -> out.print(YAMLMapper.builder().disable(YAMLWriteFeature.WRITE_DOC_START_MARKER).build()
          .writeValueAsString(ComparisonJson.toJson(comparison)));
    }
    out.flush();
    return failOnDrift && drifts(comparison) ? DRIFT_FOUND : 0;
  }

  private SampleFiles.Options readOptions() {
    SampleFiles.Options read = SampleFiles.Options.ALL;
    if (format != null) {
      read = read.withFormat(SampleFiles.Format.fromId(format));
    }
    if (columns != null && !columns.isEmpty()) {
      read = read.withColumns(columns);
    }
    if (limit != null) {
      read = read.withLimit(limit);
    }
    if (sample != null) {
      read = read.withSample(sample);
    }
    return read;
  }

  /** The dataset drifts, or calibration drift alerts. */
  static boolean drifts(Comparison comparison) {
    return comparison.datasetDrift() || (comparison.calibration() != null && comparison.calibration().alert());
  }

  static final class ModeConverter implements ITypeConverter<ComparisonMode> {
    @Override
    public ComparisonMode convert(String value) {
      return ComparisonMode.fromId(value);
    }
  }
}
