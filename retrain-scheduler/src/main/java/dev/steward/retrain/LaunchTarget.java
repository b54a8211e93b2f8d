package dev.steward.retrain;

import java.util.Optional;

/** One kind of launcher at work: starts attempts, stops them, and (where it can) tells how they stand. */
interface LaunchTarget {

  /** The {@code type} of {@link Launcher} this target serves. */
  String kind();

  Launch launch(LaunchContext context);

  /** Stops an attempt (a timeout, a replacement); quietly does nothing for one that has ended already. */
  void cancel(RetrainRun run, RetrainPlan plan, Attempt attempt);

  /** Whether the engine should ask {@link #status} now and then for attempts of this plan. */
  default boolean polls(RetrainPlan plan) {
    return false;
  }

  default Optional<LaunchStatus> status(RetrainRun run, RetrainPlan plan, Attempt attempt) {
    return Optional.empty();
  }
}
