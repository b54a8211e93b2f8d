package dev.steward.retrain;

/** Whom a run token speaks for: one run of one model. */
public record RunIdentity(String runId, String model, int attempt) {

  /** The name a run's changes are recorded under, {@code retrain-run:<id>} (no API token can carry a colon). */
  public String principal() {
    return PREFIX + runId;
  }

  public static final String PREFIX = "retrain-run:";

  /** The request attribute under which authentication leaves the identity of a call made with a run token. */
  public static final String REQUEST_ATTRIBUTE = "dev.steward.retrain.RunIdentity";
}
