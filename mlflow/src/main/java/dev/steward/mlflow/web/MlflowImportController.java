package dev.steward.mlflow.web;

import dev.steward.mlflow.MlflowImport;
import dev.steward.mlflow.MlflowImportRequest;
import dev.steward.mlflow.MlflowImported;
import dev.steward.mlflow.MlflowLineage;
import dev.steward.retrain.RunIdentity;
import java.net.URI;
import java.security.Principal;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Imports an MLflow run or registered model version: 201 with the new model version, or 200 with the
 * version an earlier import of the same run and artifact made. Also answers lineage with MLflow's view. A call
 * made with a retrain run's token imports for that run (authentication leaves its {@link RunIdentity}).
 */
@RestController
class MlflowImportController {
  private final MlflowImport mlflowImport;
  private final MlflowLineage lineage;

  MlflowImportController(MlflowImport mlflowImport, MlflowLineage lineage) {
    this.mlflowImport = mlflowImport;
    this.lineage = lineage;
  }

  /** Upstream lineage of a model version with the MLflow run and each dataset's MLflow name, digest and context. */
  @GetMapping("/api/v1/lineage/models/{name}/versions/{version}/mlflow")
  MlflowLineage.Answer lineage(@PathVariable String name, @PathVariable int version) {
    return lineage.upstream(name, version);
  }

  @PostMapping("/api/v1/imports/mlflow")
  ResponseEntity<MlflowImported> importFromMlflow(@RequestBody MlflowImportRequest request, Principal actor,
      @Nullable @RequestAttribute(name = RunIdentity.REQUEST_ATTRIBUTE, required = false) RunIdentity run) {
    MlflowImported imported = mlflowImport.importFrom(actor.getName(), request, run);
    if (!imported.created()) {
      return ResponseEntity.ok(imported);
    }
    URI location = URI.create("/api/v1/models/" + imported.modelVersion().name() + "/versions/"
        + imported.modelVersion().version());
    return ResponseEntity.created(location).body(imported);
  }
}
