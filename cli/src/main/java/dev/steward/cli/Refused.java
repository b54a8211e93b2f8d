package dev.steward.cli;

import tools.jackson.databind.JsonNode;

/**
 * Steward answered a call with an error status; {@link #getMessage()} is the problem detail in one line.
 */
final class Refused extends RuntimeException {
  private final int status;
  private final JsonNode problem;

  Refused(int status, String message, JsonNode problem) {
    super(message);
    this.status = status;
    this.problem = problem;
  }

  int status() {
    return status;
  }

  JsonNode problem() {
    return problem;
  }

  ExitCode exitCode() {
    return ExitCode.ofHttpStatus(status);
  }
}
