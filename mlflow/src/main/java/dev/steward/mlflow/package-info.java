/**
 * Imports MLflow runs and registered model versions into the registry, with their datasets, and mirrors
 * Steward's alias moves and desired deployments back to the MLflow tracking server. Depends on {@code retrain}
 * for one thing: an import that names a retrain run (its token, or the MLflow run's tag) reserves that run's one
 * version through {@code RunTokens}, as a registration with the run's token does.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"registry", "lineage", "deployer", "retrain"})
package dev.steward.mlflow;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
