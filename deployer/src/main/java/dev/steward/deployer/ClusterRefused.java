package dev.steward.deployer;

import org.jspecify.annotations.Nullable;

/**
 * The cluster refused or could not take a request: {@code code} is the HTTP status (0 when it was not
 * reached), the message names the operation, the object and the cause in words an operator can act on.
 */
public class ClusterRefused extends RuntimeException {
  private final int code;

  ClusterRefused(int code, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** 409 and 5xx and an unreachable server are worth retrying as they are; 403 and 422 need a person first. */
  boolean transientFailure() {
    return code == 0 || code == 409 || code == 429 || code >= 500;
  }
}
