package dev.steward.registry;

/**
 * What produced a model version, when Steward started it: the retrain run whose token registered it, or whose
 * id the MLflow run it was imported from carries (tag {@code steward.retrain_run}). It is part of the immutable
 * version file (and so of its digest); the server sets it from the caller's run token or the checked tag, never
 * from the request body.
 */
public record ProducedBy(String retrainRun) {
  /** The request attribute under which authentication leaves the run a call speaks for. */
  public static final String REQUEST_ATTRIBUTE = "dev.steward.registry.ProducedBy";

  public ProducedBy {
    Names.requireKey("producedBy.retrainRun", retrainRun);
  }
}
