package dev.steward.deployer;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A Prometheus query a canary must keep within bounds, like Flagger's metric templates: the query may name
 * {@code {{ namespace }}}, {@code {{ service }}}, {@code {{ revision }}} (the canary's revision),
 * {@code {{ model }}}, {@code {{ version }}}, {@code {{ environment }}} and {@code {{ interval }}} (the
 * analysis interval, as a PromQL duration such as {@code 60s}); its first sample must lie in
 * {@code [min, max]}.
 */
public record MetricCheck(String name, String query, @Nullable Double min, @Nullable Double max) {
  static final Set<String> PLACEHOLDERS = Set.of("namespace", "service", "revision", "model", "version",
      "environment", "interval");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_]+)\\s*}}");

  public MetricCheck {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("Every rollout metric needs a name.");
    }
    if (query == null || query.isBlank()) {
      throw new IllegalArgumentException("Rollout metric " + name + " needs a query.");
    }
    if (min == null && max == null) {
      throw new IllegalArgumentException("Rollout metric " + name + " needs a bound: min, max or both.");
    }
    if (min != null && max != null && min > max) {
      throw new IllegalArgumentException("Rollout metric " + name + " has min " + min + " above max " + max + ".");
    }
    Matcher m = PLACEHOLDER.matcher(query);
    while (m.find()) {
      if (!PLACEHOLDERS.contains(m.group(1))) {
        throw new IllegalArgumentException("Rollout metric " + name + " names the unknown placeholder {{ "
            + m.group(1) + " }}; known are " + PLACEHOLDERS.stream().sorted().toList() + ".");
      }
    }
  }

  /** The query with every placeholder replaced. */
  public String render(java.util.Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(query);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Whether a value lies within the bounds (NaN never does). */
  public boolean accepts(double value) {
    return !Double.isNaN(value) && (min == null || value >= min) && (max == null || value <= max);
  }

  /** The bounds in words, for example {@code <= 0.01} or {@code between 0.9 and 1}. */
  public String bounds() {
    if (min != null && max != null) {
      return "between " + min + " and " + max;
    }
    return min != null ? ">= " + min : "<= " + max;
  }
}
