package dev.steward.cli;

/** Steward could not be reached at the configured URL; the message names the URL and the setting to change. */
final class Unreachable extends RuntimeException {
  Unreachable(String message) {
    super(message);
  }
}
