package dev.steward.alerts;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code steward.alerts.*}: the cooldown of an action per model and environment (a second episode within it
 * is recorded as ignored), how long the on-call history is kept and how many refused deliveries it keeps at
 * most, and the drift monitor's direct path.
 */
@ConfigurationProperties("steward.alerts")
record AlertsProperties(
    @DefaultValue("15m") Duration cooldown,
    @DefaultValue("30d") Duration historyRetention,
    @DefaultValue("10000") int maxRejectedKept,
    @DefaultValue Direct direct) {

  AlertsProperties {
    if (cooldown.isNegative() || historyRetention.compareTo(Duration.ofMinutes(1)) < 0 || maxRejectedKept < 0) {
      throw new IllegalArgumentException("steward.alerts: cooldown must be >= 0, history-retention at least 1m and"
          + " max-rejected-kept >= 0.");
    }
  }

  /**
   * Without Alertmanager: a drift window that closes in {@code alert} triggers {@code action} through the same
   * receiver (same dedupe, cooldown and history), in the listed environments (all when empty).
   */
  record Direct(@DefaultValue("false") boolean enabled, @DefaultValue("rollback") String action,
      @DefaultValue List<String> environments) {
    Direct {
      AlertAction.fromId(action);
      environments = List.copyOf(environments);
    }
  }
}
