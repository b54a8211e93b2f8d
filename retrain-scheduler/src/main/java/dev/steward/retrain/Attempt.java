package dev.steward.retrain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One try at a run: what the launcher made of it ({@code reference}: the Job name, the dag run id, the
 * process id), when, until when it may run ({@code deadline}: launched plus the plan's timeout), which Steward
 * instance looks after it, and how it ended ({@code outcome}: {@code succeeded}, {@code failed},
 * {@code launch-failed}, {@code timed-out}, {@code cancelled}). Each attempt has its own run token; only its
 * hash is kept, and only while the attempt is open does the token count. An instance that launches an
 * attempt another one may already have handed out (it took the attempt over from an instance that died) adds
 * a token of its own: the earlier ones ({@code earlierTokenHashes}) keep counting, since a launch that reached
 * its target before the crash may be running with one of them.
 */
public record Attempt(
    int number,
    String launcher,
    @Nullable String reference,
    @Nullable String tokenHash,
    Instant tokenExpiresAt,
    @Nullable Instant launchedAt,
    @Nullable Instant endedAt,
    @Nullable String outcome,
    @Nullable String message,
    @Nullable String instance,
    @Nullable Instant deadline,
    @Nullable List<String> earlierTokenHashes) {

  public Attempt {
    if (number < 1) {
      throw new IllegalArgumentException("An attempt number starts at 1, not " + number + ".");
    }
    earlierTokenHashes = earlierTokenHashes == null || earlierTokenHashes.isEmpty() ? null
        : List.copyOf(earlierTokenHashes);
  }

  /** A new attempt, not launched yet, looked after by {@code instance}. */
  static Attempt next(int number, String launcher, String tokenHash, Instant tokenExpiresAt, String instance) {
    return new Attempt(number, launcher, null, tokenHash, tokenExpiresAt, null, null, null, null, instance, null, null);
  }

  public boolean open() {
    return endedAt == null;
  }

  /** Every token hash that counts for this attempt while it is open. */
  List<String> tokenHashes() {
    List<String> all = new ArrayList<>();
    if (tokenHash != null) {
      all.add(tokenHash);
    }
    if (earlierTokenHashes != null) {
      all.addAll(earlierTokenHashes);
    }
    return all;
  }

  Attempt launched(String reference, Instant at, String instance, Instant deadline) {
    return new Attempt(number, launcher, reference, tokenHash, tokenExpiresAt, at, endedAt, outcome, message,
        instance, deadline, earlierTokenHashes);
  }

  Attempt ended(String outcome, @Nullable String message, Instant at) {
    return new Attempt(number, launcher, reference, tokenHash, tokenExpiresAt, launchedAt, at, outcome, message,
        instance, deadline, earlierTokenHashes);
  }

  /** A new token for this attempt; the one before keeps counting (it may be in use). */
  Attempt withToken(String hash, Instant expiresAt) {
    List<String> earlier = new ArrayList<>(earlierTokenHashes == null ? List.of() : earlierTokenHashes);
    if (tokenHash != null) {
      earlier.add(tokenHash);
    }
    return new Attempt(number, launcher, reference, hash, expiresAt, launchedAt, endedAt, outcome, message, instance,
        deadline, earlier);
  }

  /** Looked after by {@code instance} from now on. */
  Attempt takenOverBy(String instance) {
    return new Attempt(number, launcher, reference, tokenHash, tokenExpiresAt, launchedAt, endedAt, outcome, message,
        instance, deadline, earlierTokenHashes);
  }

  Attempt withoutToken() {
    return new Attempt(number, launcher, reference, null, tokenExpiresAt, launchedAt, endedAt, outcome, message,
        instance, deadline, null);
  }
}
