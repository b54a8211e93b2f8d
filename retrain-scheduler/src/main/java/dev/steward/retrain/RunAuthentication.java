package dev.steward.retrain;

/** What a presented run token is worth. */
public sealed interface RunAuthentication {

  /** The token of an open attempt of an active run. */
  record Valid(RunIdentity identity) implements RunAuthentication {}

  /** A token that once was valid: its attempt or run ended, or it expired. {@code reason} says which. */
  record Ended(String runId, String reason) implements RunAuthentication {}

  /** Never issued. */
  record Unknown() implements RunAuthentication {}
}
