package dev.steward.server.access;

/** Steward refuses to start with a supplied bootstrap token that is easy to guess ({@link TokenStrength}). */
class WeakBootstrapToken extends IllegalStateException {
  static final String HOW = "Make a strong one with 'openssl rand -base64 32' and set STEWARD_BOOTSTRAP_TOKEN to it, "
      + "or leave STEWARD_BOOTSTRAP_TOKEN unset to have Steward generate an admin token and print it once at first start.";

  private final String description;

  private WeakBootstrapToken(String description) {
    super(description + " " + HOW);
    this.description = description;
  }

  /** @param reason why the token is weak, without the token itself */
  static WeakBootstrapToken because(String reason) {
    return new WeakBootstrapToken("The supplied bootstrap admin token (STEWARD_BOOTSTRAP_TOKEN, steward.bootstrap-token) "
        + "is too weak: " + reason + ". Its SHA-256 is stored in the registry repository, where anyone with a copy can "
        + "test guesses against it.");
  }

  /** What is wrong, without the advice. */
  String description() {
    return description;
  }
}
