package dev.steward.policies;

import dev.steward.lineage.FileChange;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What approval gates need from whoever owns deployments (the deployer implements it): the version desired
 * in an environment now and before, for the ladder, the soak rule and the comparison; and the files that
 * make an approved promotion's desired state, so the approval and the desired state are one commit.
 *
 * <pre>{@code
 * desiredStates.approve(approved, files -> lineage.record(new Change(actor, "approve-promotion", ..., files.all())));
 * }</pre>
 */
public interface DesiredStates {

  /** The version now desired for {@code model} in {@code environment}, if any. */
  Optional<DesiredVersion> current(String environment, String model);

  /** Every desired state the model had in the environment, oldest first. */
  List<DesiredVersion> history(String environment, String model);

  /**
   * Computes the desired-state files of an approved promotion and hands them to {@code commit}, which
   * records them in one commit with the promotion; after it returns the owner reacts to the change. The
   * owner holds its own writer lock throughout, so a concurrent rollback cannot interleave.
   */
  void approve(ApprovedPromotion approved, Consumer<Files> commit);

  /** One desired state of a model in an environment. */
  record DesiredVersion(int version, String modelVersionDigest, String action, Instant since) {}

  /** The files to commit: {@code record} is the path of the desired-state record among {@code files}. */
  record Files(String record, List<FileChange> files) {
    public Files {
      files = List.copyOf(files);
      if (files.stream().noneMatch(f -> f.path().equals(record))) {
        throw new IllegalArgumentException("The desired-state record " + record + " is not among the files.");
      }
    }
  }

  /** A promotion whose policy passed: what the desired state must say. */
  record ApprovedPromotion(String promotion, String model, int version, String modelVersionDigest,
      String environment, List<String> approvals, @org.jspecify.annotations.Nullable String reason, String actor,
      Instant at) {
    public ApprovedPromotion {
      approvals = List.copyOf(approvals);
    }
  }
}
