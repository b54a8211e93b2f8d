package dev.steward.alerts;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One alert as Steward acts on it, from an Alertmanager delivery or from the drift monitor's direct path:
 * the episode's identity ({@code fingerprint}, {@code startsAt}), whether it fires or resolved, and the
 * target and action its labels name.
 */
public record ReceivedAlert(String source, String fingerprint, Instant startsAt, Status status, String alertname,
    String model, String environment, @Nullable Integer version, AlertAction action, Map<String, String> labels,
    Map<String, String> annotations, @Nullable String generatorUrl) {

  static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{1,64}");
  static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");

  public ReceivedAlert {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(action, "action");
    if (!FINGERPRINT.matcher(fingerprint).matches()) {
      throw new IllegalArgumentException("fingerprint '" + fingerprint + "' is not 1 to 64 lower-case hex digits");
    }
    if (!NAME.matcher(model).matches() || model.contains("..")) {
      throw new IllegalArgumentException("model '" + model + "' is not a Steward name");
    }
    if (!NAME.matcher(environment).matches() || environment.contains("..")) {
      throw new IllegalArgumentException("environment '" + environment + "' is not a Steward name");
    }
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
  }

  /** Whether the alert fires or has resolved, as Alertmanager says. */
  public enum Status {
    FIRING,
    RESOLVED;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** {@code startsAt} as the episode key stores it: ISO-8601 in UTC with as many fraction digits as needed. */
  public String startsAtKey() {
    return startsAt.toString();
  }

  /** A short line for commit messages and logs: the summary or description annotation, else the alert name. */
  String summary() {
    String s = annotations.getOrDefault("summary", annotations.getOrDefault("description", alertname));
    s = s.replaceAll("\\s+", " ").strip();
    return s.length() > 160 ? s.substring(0, 157) + "..." : s;
  }
}
