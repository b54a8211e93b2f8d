package dev.steward.retrain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Whether drift seen at a moment may start a run of a plan: not within the drift trigger's {@code cooldown}
 * after the last drift-started run began, nor within its {@code minInterval} after the last run of any kind
 * began (skipped runs started nothing and count for neither). Checked under the plan's lock, against the runs
 * in the index, so the rule holds across instances and after a restart.
 */
final class DriftGate {
  private DriftGate() {}

  /** Why drift seen at {@code seenAt} may not start a run, or empty when it may. */
  static Optional<String> hold(Trigger.Drift trigger, @Nullable Instant lastDriftStart, @Nullable Instant lastStart,
      Instant seenAt) {
    Duration cooldown = trigger.cooldownDuration();
    if (lastDriftStart != null && seenAt.isBefore(lastDriftStart.plus(cooldown))) {
      return Optional.of("a drift-started run began at " + lastDriftStart + " and the cooldown is " + cooldown);
    }
    Duration minInterval = trigger.minIntervalDuration();
    if (lastStart != null && seenAt.isBefore(lastStart.plus(minInterval))) {
      return Optional.of("the last run began at " + lastStart + " and the minimum interval is " + minInterval);
    }
    return Optional.empty();
  }

  /** The admission of a start: {@link #hold} against the plan's runs in the index, under the plan's lock. */
  static RunEngine.Admission admission(RetrainIndex index, Trigger.Drift trigger, Instant seenAt) {
    return plan -> hold(trigger, index.lastStart(plan.model(), "drift").orElse(null),
        index.lastStart(plan.model(), null).orElse(null), seenAt);
  }
}
