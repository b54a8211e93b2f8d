package dev.steward.policies;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A policy admin's decision on a proposed policy version, stored at
 * {@code policies/<name>/approvals/<version>.yaml} beside the immutable rules; it names the digest it
 * approved, so the approval cannot be carried over to other rules.
 */
public record PolicyDecision(String policy, int version, String digest, Verdict decision, String decidedBy,
    List<String> roles, @Nullable String comment, Instant decidedAt) {

  public PolicyDecision {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(digest, "digest");
    roles = List.copyOf(roles);
  }

  public String path() {
    return PolicyDocuments.decisionPath(policy, version);
  }
}
