package dev.steward.retrain;

import java.util.Map;

/** One attempt to launch: the run, its plan, the attempt number, and the parameters it is told. */
record LaunchContext(RetrainRun run, RetrainPlan plan, int attempt, Map<String, String> parameters) {

  /** A name unique to this attempt, usable as a Kubernetes name or a dag run id: {@code <run id>-<attempt>}. */
  String attemptName() {
    return run.id() + "-" + attempt;
  }
}
