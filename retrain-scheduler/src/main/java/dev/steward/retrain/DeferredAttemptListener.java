package dev.steward.retrain;

/**
 * Hands attempt ends from launchers to the engine, which is made after them (the engine launches through
 * them, and they report back to it).
 */
class DeferredAttemptListener implements AttemptListener {
  private volatile AttemptListener target;

  void delegateTo(AttemptListener target) {
    this.target = target;
  }

  @Override
  public void ended(String runId, int attempt, boolean succeeded, String message) {
    AttemptListener t = target;
    if (t == null) {
      throw new IllegalStateException("An attempt ended before the retrain engine was ready.");
    }
    t.ended(runId, attempt, succeeded, message);
  }
}
