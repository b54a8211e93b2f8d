package dev.steward.retrain;

/** Where launchers that see an attempt end by themselves (a process exit, a Job's condition) report it. */
interface AttemptListener {

  void ended(String runId, int attempt, boolean succeeded, String message);
}
