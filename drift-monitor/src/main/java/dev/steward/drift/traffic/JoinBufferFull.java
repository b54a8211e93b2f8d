package dev.steward.drift.traffic;

import java.time.Duration;

/**
 * The KServe join buffer cannot hold another waiting half now (503): the answer carries
 * {@code Retry-After}, the time until the oldest waiting half expires and frees its room.
 */
public class JoinBufferFull extends InvalidTraffic {
  private final Duration retryAfter;

  public JoinBufferFull(Duration retryAfter, String message) {
    super(503, "ce-id", message);
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }

  /** Whole seconds to wait, at least one, as {@code Retry-After} wants them. */
  public long retryAfterSeconds() {
    return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
  }
}
