package dev.steward.alerts;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A firing episode of an alert was recorded and acted on, once: its episode file
 * ({@code alerts/episodes/<fingerprint>/<startsAt>.yaml}) is in commit {@code commit} (for a rollback, the
 * rollback's own commit). Published by the episode's index projection inside the index transaction, so a
 * listener with {@code @ApplicationModuleListener} gets it durably (stored with the index rows, replayed at
 * start-up until it completes) and at least once: a listener keys its own work by
 * {@code (fingerprint, startsAt)}.
 *
 * <pre>{@code
 * @ApplicationModuleListener
 * void on(AlertFired fired) {
 *   if (fired.action() == AlertAction.RETRAIN) {
 *     scheduler.trigger(fired.model(), "alert " + fired.alertname() + " (" + fired.fingerprint() + ")");
 *   }
 * }
 * }</pre>
 *
 * @param fingerprint Alertmanager's fingerprint of the alert's label set (for the drift monitor's direct
 *     path, a hash of its labels)
 * @param startsAt when the episode started firing; with the fingerprint, the episode's identity
 * @param alertname the {@code alertname} label
 * @param source {@code alertmanager} or {@code drift-monitor}
 * @param version the {@code version} label, when the alert names one
 * @param labels the alert's labels (at most 32, values cut at 256 characters)
 * @param commit the commit that recorded the episode
 */
public record AlertFired(String fingerprint, Instant startsAt, String alertname, String source, String model,
    String environment, @Nullable Integer version, AlertAction action, Map<String, String> labels, String commit) {

  public AlertFired {
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(action, "action");
    Map<String, String> bounded = new LinkedHashMap<>();
    labels.entrySet().stream().limit(32).forEach(e -> bounded.put(e.getKey(),
        e.getValue().length() > 256 ? e.getValue().substring(0, 256) : e.getValue()));
    labels = Map.copyOf(bounded);
  }
}
