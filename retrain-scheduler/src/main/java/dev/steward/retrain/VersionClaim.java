package dev.steward.retrain;

import org.jspecify.annotations.Nullable;

/**
 * What came of reserving the one model version a retrain run may produce ({@link RunTokens#claimVersion}): the
 * reservation, or why there is none. A reservation that does not end in a registration is given back with
 * {@link RunTokens#releaseRegistration}.
 */
public sealed interface VersionClaim {

  /** The run's one version is reserved for the caller. */
  record Claimed(String runId) implements VersionClaim {}

  /** No retrain run has this id. */
  record UnknownRun(String runId) implements VersionClaim {}

  /** The run retrains another model than the one the version is for. */
  record OtherModel(String runId, String runModel) implements VersionClaim {}

  /** The run has produced its version already ({@code version}), or another registration is producing it now (null). */
  record Taken(String runId, @Nullable Integer version) implements VersionClaim {}
}
