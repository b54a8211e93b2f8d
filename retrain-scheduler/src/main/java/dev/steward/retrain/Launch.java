package dev.steward.retrain;

/** What a launcher made of a launch: the run is on its way, or it could not be started (to be retried). */
sealed interface Launch {

  /** Started; {@code reference} names it in the launcher's world (a Job, a dag run, a process). */
  record Launched(String reference) implements Launch {}

  /** Not started, and why (an HTTP 5xx, a timeout, a rejected Job, a missing command). */
  record Refused(String reason) implements Launch {}
}
