package dev.steward.retrain;

import dev.steward.registry.Reference;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Why a run started, as its lineage tells it: the schedule and the time it was due (and when the scheduler
 * fired it: {@code firedAt}, first fire only); the drift report (or alert) of a version in an environment; the
 * dataset version that landed; or who asked and why.
 */
public record Cause(
    String kind,
    @Nullable Instant scheduledAt,
    @Nullable String expression,
    @Nullable String timeZone,
    @Nullable Long driftReport,
    @Nullable String alert,
    @Nullable String environment,
    @Nullable Integer driftedVersion,
    @Nullable Reference dataset,
    @Nullable String requestedBy,
    @Nullable String reason,
    @Nullable Instant firedAt) {

  static Cause schedule(Instant scheduledAt, String expression, String timeZone, @Nullable Instant firedAt) {
    return new Cause("schedule", scheduledAt, expression, timeZone, null, null, null, null, null, null, null, firedAt);
  }

  static Cause drift(@Nullable Long report, @Nullable String alert, String environment, @Nullable Integer version) {
    return new Cause("drift", null, null, null, report, alert, environment, version, null, null, null, null);
  }

  static Cause dataset(Reference dataset) {
    return new Cause("dataset", null, null, null, null, null, null, null, dataset, null, null, null);
  }

  static Cause manual(String requestedBy, @Nullable String reason) {
    return new Cause("manual", null, null, null, null, null, null, null, null, requestedBy, reason, null);
  }
}
