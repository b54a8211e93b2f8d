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

  /**
   * Takes over a launched attempt whose instance ({@code deadInstance}) is gone: whether this instance can
   * follow it from here on, or why the attempt is lost.
   */
  Adoption adopt(RetrainRun run, RetrainPlan plan, Attempt attempt, String deadInstance);

  /** What {@link #adopt} made of an attempt. */
  sealed interface Adoption {
    /** Followed from here on; {@code how} says how (a watch, polling, the run's own reports). */
    record Adopted(String how) implements Adoption {}

    /** Nobody can follow it any more; {@code reason} says why, for the run's message. */
    record Lost(String reason) implements Adoption {}
  }
}
