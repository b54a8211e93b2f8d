package dev.steward.drift.cli;

import dev.steward.drift.BinnedDrift;
import dev.steward.drift.CalibrationDrift;
import dev.steward.drift.ColumnDrift;
import dev.steward.drift.Comparison;
import dev.steward.drift.ComparisonOptions;
import dev.steward.drift.NullRateDrift;
import dev.steward.drift.StatTestResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A comparison as people read it: a verdict line, one row per column (test, score, threshold, null rates),
 * and a calibration line.
 *
 * <pre>
 * Dataset drift: DETECTED (2 of 3 columns drifted; drifts at 50%), mode evidently
 * COLUMN   TYPE  DRIFT  TEST  SCORE   THRESHOLD  NULLS REF  NULLS CUR  NULL ALERT
 * amount   num   yes    ks    0.0000  0.05       0.0%       0.0%       no
 * </pre>
 */
final class ComparisonTable {
  private ComparisonTable() {}

  static void print(PrintWriter out, Comparison comparison, ComparisonOptions options) {
    out.printf(Locale.ROOT, "Dataset drift: %s (%d of %d columns drifted; drifts at %s), mode %s%n",
        comparison.datasetDrift() ? "DETECTED" : "not detected", comparison.driftedColumns(), comparison.columns().size(),
        percent(comparison.driftShare()), comparison.mode().id());
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("COLUMN", "TYPE", "DRIFT", "TEST", "SCORE", "THRESHOLD", "NULLS REF", "NULLS CUR", "NULL ALERT"));
    for (Comparison.ColumnComparison column : comparison.columns()) {
      rows.add(column.evidently() != null ? row(column.evidently()) : row(column.binned(), options));
    }
    align(out, rows);
    CalibrationDrift calibration = comparison.calibration();
    if (calibration != null) {
      out.printf(Locale.ROOT, "Calibration: ECE %.4f -> %.4f (difference %.4f, alerts at %.4f), Brier %.4f -> %.4f: %s%n",
          calibration.reference().ece(), calibration.current().ece(), calibration.eceDifference(),
          calibration.eceAlertThreshold(), calibration.reference().brier(), calibration.current().brier(),
          calibration.alert() ? "ALERT" : "no alert");
    } else {
      out.println("Calibration: skipped (" + comparison.calibrationSkipped() + ")");
    }
    if (!comparison.ignoredColumns().isEmpty()) {
      out.println("Ignored columns: " + String.join(", ", comparison.ignoredColumns()));
    }
  }

  private static List<String> row(ColumnDrift drift) {
    List<String> row = new ArrayList<>(List.of(drift.column(), drift.type().code(), yes(drift.driftDetected())));
    if (drift.error() != null) {
      row.addAll(List.of("error: " + drift.error(), "-", "-"));
    } else {
      StatTestResult result = drift.defaultResult();
      row.addAll(List.of(result.test().id(), number(result.score()), number(result.threshold())));
    }
    nulls(row, drift.nullRate());
    return row;
  }

  private static List<String> row(BinnedDrift drift, ComparisonOptions options) {
    List<String> row = new ArrayList<>(List.of(drift.bins().feature(),
        drift.bins() instanceof dev.steward.drift.FeatureBins.Numeric ? "num" : "cat", yes(drift.psiAlert()), "psi",
        number(drift.psi()), number(options.psiThreshold())));
    nulls(row, drift.nullRate());
    return row;
  }

  private static void nulls(List<String> row, NullRateDrift nullRate) {
    row.add(percent(nullRate.referenceRate()));
    row.add(percent(nullRate.currentRate()));
    row.add(yes(nullRate.alert()));
  }

  private static String yes(boolean value) {
    return value ? "yes" : "no";
  }

  private static String number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return String.valueOf(value);
    }
    return Math.abs(value) >= 1e-4 || value == 0 ? String.format(Locale.ROOT, "%.4f", value)
        : String.format(Locale.ROOT, "%.2e", value);
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  private static void align(PrintWriter out, List<List<String>> rows) {
    int columns = rows.getFirst().size();
    int[] widths = new int[columns];
    rows.forEach(r -> {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], r.get(i).length());
      }
    });
    for (List<String> r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        line.append(String.format("%-" + widths[i] + "s  ", r.get(i)));
      }
      out.println(line.toString().stripTrailing());
    }
  }
}
