package dev.steward.policies;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A request to promote a model version into an environment, with the policy version it is judged by
 * (pinned when it was requested, so a later policy change cannot reach a pending promotion), its
 * decisions, its latest evaluation and, once approved, where its desired deployment was written. Stored
 * at {@code promotions/<id>.yaml}; every change to it is one commit, so the file's history is the
 * promotion's audit trail.
 */
public record Promotion(
    String id,
    String model,
    int version,
    String modelVersionDigest,
    String environment,
    @Nullable String reason,
    String requestedBy,
    Instant requestedAt,
    Instant expiresAt,
    Evaluation.@Nullable PolicyRef policy,
    PromotionState state,
    List<Decision> decisions,
    @Nullable Evaluation evaluation,
    Comparison comparison,
    @Nullable DesiredState desiredState,
    @Nullable String closedBy,
    @Nullable Instant closedAt,
    @Nullable String closedReason) {

  public Promotion {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
    if (!expiresAt.isAfter(requestedAt)) {
      throw new IllegalArgumentException("Promotion " + id + " expires at " + expiresAt + ", before it was requested.");
    }
    decisions = List.copyOf(decisions);
  }

  /** A new pending promotion, judged by {@code policy}. */
  static Promotion requested(String id, String model, int version, String modelVersionDigest, String environment,
      @Nullable String reason, String requestedBy, Instant at, Instant expiresAt, Evaluation.PolicyRef policy,
      Comparison comparison) {
    return new Promotion(id, model, version, modelVersionDigest, environment, reason, requestedBy, at, expiresAt,
        policy, PromotionState.PENDING, List.of(), null, comparison, null, null, null, null);
  }

  /** Where the desired deployment of an approved promotion was written. */
  public record DesiredState(String path, int version, Instant writtenAt) {}

  public String path() {
    return PolicyDocuments.promotionPath(id);
  }

  public List<Decision> approvals() {
    return decisions.stream().filter(d -> d.decision() == Verdict.APPROVE).toList();
  }

  public boolean decidedBy(String reviewer) {
    return decisions.stream().anyMatch(d -> d.reviewer().equals(reviewer));
  }

  Promotion decided(Decision decision) {
    requirePending();
    List<Decision> all = new ArrayList<>(decisions);
    all.add(decision);
    boolean rejected = decision.decision() == Verdict.REJECT;
    return new Promotion(id, model, version, modelVersionDigest, environment, reason, requestedBy, requestedAt,
        expiresAt, policy, rejected ? PromotionState.REJECTED : state, all, evaluation, comparison, desiredState,
        rejected ? decision.reviewer() : closedBy, rejected ? decision.decidedAt() : closedAt,
        rejected ? "rejected by " + decision.reviewer() + (decision.comment() == null ? "" : ": " + decision.comment())
            : closedReason);
  }

  Promotion evaluated(Evaluation result) {
    requirePending();
    return new Promotion(id, model, version, modelVersionDigest, environment, reason, requestedBy, requestedAt,
        expiresAt, policy, result.passed() ? PromotionState.APPROVED : PromotionState.PENDING, decisions, result,
        comparison, desiredState, result.passed() ? result.evaluatedBy() : null,
        result.passed() ? result.evaluatedAt() : null, null);
  }

  Promotion written(DesiredState written) {
    if (state != PromotionState.APPROVED) {
      throw new IllegalStateException("Promotion " + id + " is " + state.id() + ", not approved.");
    }
    return new Promotion(id, model, version, modelVersionDigest, environment, reason, requestedBy, requestedAt,
        expiresAt, policy, state, decisions, evaluation, comparison, written, closedBy, closedAt, closedReason);
  }

  Promotion closed(PromotionState to, String by, Instant at, @Nullable String why) {
    requirePending();
    return new Promotion(id, model, version, modelVersionDigest, environment, reason, requestedBy, requestedAt,
        expiresAt, policy, to, decisions, evaluation, comparison, desiredState, by, at, why);
  }

  private void requirePending() {
    if (state != PromotionState.PENDING) {
      throw new IllegalStateException("Promotion " + id + " is " + state.id() + ", not pending.");
    }
  }
}
