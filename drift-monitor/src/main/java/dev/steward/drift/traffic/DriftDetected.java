package dev.steward.drift.traffic;

import java.time.Instant;
import java.util.List;

/**
 * A window of a deployed model version closed in {@code alert}: later modules roll back or retrain on it.
 * Published with Spring's {@code ApplicationEventPublisher} in the transaction that stores the report, so a
 * listener with {@code @ApplicationModuleListener} receives it durably (the alerts module's direct path does).
 * {@code segments} names the segments in alert ({@code plan=basic}), empty when only the whole window
 * drifted; a segment alerts even when the whole window does not, and its reasons then start with its name.
 */
public record DriftDetected(long reportId, String model, int version, String environment, Instant windowStart,
    Instant windowEnd, List<String> reasons, List<String> segments) {

  public DriftDetected {
    reasons = List.copyOf(reasons);
    segments = List.copyOf(segments);
  }

  /** Drift of the whole window, no segment named. */
  public DriftDetected(long reportId, String model, int version, String environment, Instant windowStart,
      Instant windowEnd, List<String> reasons) {
    this(reportId, model, version, environment, windowStart, windowEnd, reasons, List.of());
  }
}
