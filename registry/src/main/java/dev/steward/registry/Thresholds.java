package dev.steward.registry;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The names a threshold set may hold and the range each must fall in:
 * <ul>
 *   <li>{@code decision_threshold} in [0, 1];</li>
 *   <li>{@code min_<metric>} and {@code max_<metric>}: any finite number (for example {@code min_auc: 0.8});</li>
 *   <li>{@code psi_warn} and {@code psi_alert} >= 0 with warn <= alert;</li>
 *   <li>{@code null_rate_delta_alert}, {@code ece_alert} and {@code ece_increase_alert} in [0, 1].</li>
 * </ul>
 */
public final class Thresholds {
  private static final Pattern METRIC_BOUND = Pattern.compile("(min|max)_[a-z0-9][a-z0-9_]*");
  private static final Map<String, double[]> RANGES = Map.of(
      "decision_threshold", new double[] {0, 1},
      "psi_warn", new double[] {0, Double.MAX_VALUE},
      "psi_alert", new double[] {0, Double.MAX_VALUE},
      "null_rate_delta_alert", new double[] {0, 1},
      "ece_alert", new double[] {0, 1},
      "ece_increase_alert", new double[] {0, 1});

  private Thresholds() {}

  static void validate(Map<String, Double> values) {
    if (values == null || values.isEmpty()) {
      throw new InvalidRequest("values", "must hold at least one threshold");
    }
    FieldErrors errors = new FieldErrors();
    values.forEach((name, value) -> {
      String field = "values." + name;
      double[] range = RANGES.get(name);
      if (range == null && !METRIC_BOUND.matcher(name).matches()) {
        errors.add(field, "unknown threshold; expected one of " + RANGES.keySet().stream().sorted().toList()
            + " or min_<metric> / max_<metric>");
      } else if (value == null || value.isNaN() || value.isInfinite()) {
        errors.add(field, "must be a finite number");
      } else if (range != null && (value < range[0] || value > range[1])) {
        errors.add(field, value + " is outside [" + range[0] + ", "
            + (range[1] == Double.MAX_VALUE ? "inf" : range[1]) + "]");
      }
    });
    Double warn = values.get("psi_warn");
    Double alert = values.get("psi_alert");
    if (warn != null && alert != null && warn > alert) {
      errors.add("values.psi_warn", "must not exceed psi_alert (" + warn + " > " + alert + ")");
    }
    errors.throwIfAny();
  }
}
