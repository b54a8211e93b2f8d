package dev.steward.mlflow;

/**
 * The retrain run an import names, through the caller's run token or the MLflow run's tag
 * {@value MlflowImport#RETRAIN_RUN_TAG}, may not produce the version: it does not exist, retrains another model,
 * has produced its one version already, or the token and the tag name two different runs. Nothing is imported.
 */
public class RetrainRunRefused extends RuntimeException {
  /** Why the run may not produce the version. */
  public enum Reason {
    UNKNOWN_RUN, OTHER_MODEL, ALREADY_PRODUCED, TWO_RUNS
  }

  private final Reason reason;
  private final String retrainRun;
  private final boolean byToken;

  public RetrainRunRefused(Reason reason, String retrainRun, boolean byToken, String message) {
    super(message);
    this.reason = reason;
    this.retrainRun = retrainRun;
    this.byToken = byToken;
  }

  public Reason reason() {
    return reason;
  }

  /** The retrain run the import named. */
  public String retrainRun() {
    return retrainRun;
  }

  /** Whether the caller's run token named the run (rather than the MLflow run's tag). */
  public boolean byToken() {
    return byToken;
  }
}
