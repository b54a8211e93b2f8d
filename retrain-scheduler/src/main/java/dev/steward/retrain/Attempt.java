package dev.steward.retrain;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One try at a run: what the launcher made of it ({@code reference}: the Job name, the dag run id, the
 * process id), when, and how it ended ({@code outcome}: {@code succeeded}, {@code failed},
 * {@code launch-failed}, {@code timed-out}, {@code cancelled}). Each attempt has its own run token; only its
 * hash is kept, and only while the attempt is open does the token count.
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
    @Nullable String instance) {

  public boolean open() {
    return endedAt == null;
  }

  Attempt launched(String reference, Instant at, String instance) {
    return new Attempt(number, launcher, reference, tokenHash, tokenExpiresAt, at, null, null, null, instance);
  }

  Attempt ended(String outcome, @Nullable String message, Instant at) {
    return new Attempt(number, launcher, reference, tokenHash, tokenExpiresAt, launchedAt, at, outcome, message,
        instance);
  }

  Attempt withToken(String tokenHash, Instant expiresAt) {
    return new Attempt(number, launcher, reference, tokenHash, expiresAt, launchedAt, endedAt, outcome, message,
        instance);
  }

  Attempt withoutToken() {
    return new Attempt(number, launcher, reference, null, tokenExpiresAt, launchedAt, endedAt, outcome, message,
        instance);
  }
}
