package dev.steward.retrain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One run of a retrain plan: what started it and why, the champion it set out to beat, its attempts, where it
 * stands, and the model version it produced. Stored as {@code retrain-runs/<xx>/<yy>/<id>.yaml} and rewritten (one
 * commit each) as its state changes; {@code git log} of the file is the run's story. {@code promotion} is what
 * the plan's {@code promoteTo} asks for once the run succeeds with a version, and what came of it.
 */
public record RetrainRun(
    String id,
    String model,
    int planRevision,
    String trigger,
    Cause cause,
    @Nullable Integer champion,
    RunState state,
    List<Attempt> attempts,
    @Nullable Integer producedVersion,
    @Nullable String message,
    String triggeredBy,
    Instant triggeredAt,
    Instant updatedAt,
    @Nullable Instant endedAt,
    @Nullable RunPromotion promotion) {

  public RetrainRun {
    attempts = List.copyOf(attempts);
  }

  /** The attempt under way or the last one. */
  public Optional<Attempt> currentAttempt() {
    return attempts.isEmpty() ? Optional.empty() : Optional.of(attempts.getLast());
  }

  RetrainRun withAttempt(Attempt attempt, RunState state, Instant at) {
    List<Attempt> list = new ArrayList<>(attempts);
    if (!list.isEmpty() && list.getLast().number() == attempt.number()) {
      list.set(list.size() - 1, attempt);
    } else {
      list.add(attempt);
    }
    return new RetrainRun(id, model, planRevision, trigger, cause, champion, state, list, producedVersion, message,
        triggeredBy, triggeredAt, at, state.terminal() ? at : endedAt, promotion);
  }

  /** Moves to {@code next}; a terminal state is never left ({@link IllegalStateException}). */
  RetrainRun to(RunState next, @Nullable String why, Instant at) {
    if (state.terminal()) {
      throw new IllegalStateException("Run " + id + " is " + state.id() + " and cannot become " + next.id() + ".");
    }
    return new RetrainRun(id, model, planRevision, trigger, cause, champion, next, attempts, producedVersion,
        why == null ? message : why, triggeredBy, triggeredAt, at, next.terminal() ? at : null, promotion);
  }

  RetrainRun produced(int version, Instant at) {
    return new RetrainRun(id, model, planRevision, trigger, cause, champion, state, attempts, version, message,
        triggeredBy, triggeredAt, at, endedAt, promotion);
  }

  RetrainRun withPromotion(RunPromotion next, Instant at) {
    return new RetrainRun(id, model, planRevision, trigger, cause, champion, state, attempts, producedVersion, message,
        triggeredBy, triggeredAt, at, endedAt, next);
  }

  RetrainRun withChampion(@Nullable Integer version) {
    return new RetrainRun(id, model, planRevision, trigger, cause, version, state, attempts, producedVersion, message,
        triggeredBy, triggeredAt, updatedAt, endedAt, promotion);
  }

  /** Succeeded with a version, and its plan's promotion not asked for yet. */
  boolean promotionPending() {
    return state == RunState.SUCCEEDED && producedVersion != null && promotion != null && !promotion.settled();
  }

  /** The run as the API shows it: no token hashes. */
  RetrainRun forApi() {
    return new RetrainRun(id, model, planRevision, trigger, cause, champion, state,
        attempts.stream().map(Attempt::withoutToken).toList(), producedVersion, message, triggeredBy, triggeredAt,
        updatedAt, endedAt, promotion);
  }
}
