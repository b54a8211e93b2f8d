package dev.steward.retrain;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The promotion a run's plan asks for when the run succeeds with a version ({@code promoteTo}): the
 * environment, on whose behalf it is requested (the plan's owner: the revision's {@code registeredBy}), and,
 * once asked, the promotion's id and its state at the request, or why none was made.
 */
public record RunPromotion(
    String environment,
    String requestedBy,
    @Nullable String promotion,
    @Nullable String state,
    @Nullable String refused,
    @Nullable Instant at) {

  public RunPromotion {
    if (environment == null || environment.isBlank()) {
      throw new IllegalArgumentException("A run's promotion needs an environment.");
    }
    if (requestedBy == null || requestedBy.isBlank()) {
      throw new IllegalArgumentException("A run's promotion needs the name it is requested for.");
    }
  }

  static RunPromotion wanted(String environment, String requestedBy) {
    return new RunPromotion(environment, requestedBy, null, null, null, null);
  }

  /** Whether the promotion was asked for (or found impossible) already. */
  public boolean settled() {
    return promotion != null || refused != null;
  }

  RunPromotion requested(String promotionId, String promotionState, Instant at) {
    return new RunPromotion(environment, requestedBy, promotionId, promotionState, null, at);
  }

  RunPromotion refused(String why, Instant at) {
    return new RunPromotion(environment, requestedBy, null, null, why, at);
  }

  String summary() {
    return promotion != null ? promotion + " to " + environment + " (" + state + ")"
        : refused != null ? "to " + environment + " not requested: " + refused : "to " + environment + " wanted";
  }
}
