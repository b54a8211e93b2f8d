/**
 * Imports MLflow runs and registered model versions into the registry, with their datasets, and mirrors
 * Steward's alias moves and desired deployments back to the MLflow tracking server.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"registry", "lineage", "deployer"})
package dev.steward.mlflow;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
