package dev.steward.mlflow.web;

import dev.steward.mlflow.MlflowEntityNotFound;
import dev.steward.mlflow.MlflowUnreachable;
import dev.steward.mlflow.MlflowImport;
import dev.steward.mlflow.ModelNotImportable;
import dev.steward.mlflow.RetrainRunRefused;
import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Maps the MLflow import's exceptions to RFC 9457 problem details. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class MlflowProblems {
  private static final String TYPES = "https://steward.dev/problems/";

  @ExceptionHandler
  ProblemDetail unreachable(MlflowUnreachable e) {
    ProblemDetail p = problem(HttpStatus.BAD_GATEWAY, "mlflow-unreachable", "MLflow tracking server unavailable",
        e.getMessage() + ". Nothing was imported.");
    p.setProperty("trackingUri", e.trackingUri().toString());
    return p;
  }

  @ExceptionHandler
  ProblemDetail notFound(MlflowEntityNotFound e) {
    return problem(HttpStatus.NOT_FOUND, "mlflow-not-found", "Not found in MLflow", e.getMessage());
  }

  @ExceptionHandler
  ProblemDetail notImportable(ModelNotImportable e) {
    ProblemDetail p = problem(HttpStatus.UNPROCESSABLE_CONTENT, "mlflow-model-not-importable", "MLflow model not importable",
        e.getMessage());
    p.setProperty("field", e.field());
    return p;
  }

  /**
   * A retrain run that may not produce the version: 403 when the caller's run token speaks for another model (as
   * for a registration), 409 when the run has produced its one version, 422 when the MLflow run's tag names no
   * run, a run of another model, or another run than the caller's token.
   */
  @ExceptionHandler
  ProblemDetail retrainRunRefused(RetrainRunRefused e) {
    ProblemDetail p;
    if (e.byToken() && e.reason() == RetrainRunRefused.Reason.OTHER_MODEL) {
      p = problem(HttpStatus.FORBIDDEN, "run-token-refused", "Run token refused", e.getMessage());
    } else if (e.reason() == RetrainRunRefused.Reason.ALREADY_PRODUCED) {
      p = problem(HttpStatus.CONFLICT, "retrain-run-produced", "Retrain run has produced its version", e.getMessage());
    } else {
      p = problem(HttpStatus.UNPROCESSABLE_CONTENT, "retrain-run-tag-refused", "Retrain run tag refused",
          e.getMessage());
    }
    if (!e.byToken() || e.reason() == RetrainRunRefused.Reason.TWO_RUNS) {
      p.setProperty("tag", MlflowImport.RETRAIN_RUN_TAG);
    }
    p.setProperty("retrainRun", e.retrainRun());
    return p;
  }

  private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setType(URI.create(TYPES + type));
    p.setTitle(title);
    return p;
  }
}
