package dev.steward.governance;

import java.util.List;

/**
 * A deployment that serves a model version with revoked inputs: what on-call sees on the board and what the
 * metric {@code steward_revoked_input_deployment} exports, with the revocations that reach the version.
 */
public record RevokedInputServing(String environment, String model, int version, List<String> revocations) {
  public RevokedInputServing {
    revocations = List.copyOf(revocations);
  }
}
