package dev.steward.drift.traffic;

import java.time.Instant;
import java.util.List;

/**
 * A window of a deployed model version closed in {@code alert}: later modules roll back or retrain on it.
 * Published with Spring's {@code ApplicationEventPublisher} in the transaction that stores the report, so a
 * listener with {@code @ApplicationModuleListener} receives it durably (the alerts module's direct path does).
 */
public record DriftDetected(long reportId, String model, int version, String environment, Instant windowStart,
    Instant windowEnd, List<String> reasons) {

  public DriftDetected {
    reasons = List.copyOf(reasons);
  }
}
