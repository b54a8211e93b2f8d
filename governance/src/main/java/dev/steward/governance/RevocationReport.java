package dev.steward.governance;

import dev.steward.registry.Reference;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The impact report of a revocation for an auditor: the revocation as committed (each impact item with what was
 * done and when), every commit of its file (the proof), and the retrain runs started on the successor.
 */
public record RevocationReport(Revocation revocation, List<CommitEntry> commits, List<RetrainRunEntry> retrainRuns) {

  /** A commit of the revocation's file. */
  public record CommitEntry(String commit, Instant at, String actor, String action) {}

  /** A retrain run on the successor dataset version, as the retrain scheduler has it now. */
  public record RetrainRunEntry(String model, String run, String state, Reference dataset, Instant triggeredAt,
      @Nullable Integer producedVersion) {}
}
