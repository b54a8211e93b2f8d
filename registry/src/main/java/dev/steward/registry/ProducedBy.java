package dev.steward.registry;

/**
 * What produced a model version, when Steward started it: the retrain run whose token registered it. It is
 * part of the immutable version file (and so of its digest); the server sets it from the caller's run token,
 * never from the request body.
 */
public record ProducedBy(String retrainRun) {
  /** The request attribute under which authentication leaves the run a call speaks for. */
  public static final String REQUEST_ATTRIBUTE = "dev.steward.registry.ProducedBy";

  public ProducedBy {
    Names.requireKey("producedBy.retrainRun", retrainRun);
  }
}
