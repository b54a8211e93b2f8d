package dev.steward.retrain;

/** A run token used for something it does not speak for: another run, another model. */
public class RunTokenRefused extends RuntimeException {
  public RunTokenRefused(String message) {
    super(message);
  }
}
