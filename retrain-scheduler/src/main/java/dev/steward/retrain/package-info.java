/**
 * Retrains models on a schedule, on drift and on new data: retrain plans and runs recorded in the registry
 * repository, triggers fired by Quartz (JDBC job store in the index database, clustered on PostgreSQL),
 * launchers (a local process, a webhook, a Kubernetes Job), and lineage from a run to the version it produced.
 * Depends on {@code policies} for one thing: a successful run's {@code promoteTo} is requested through its
 * approval gates ({@code ApprovalGates.request}), as any promotion is; on {@code alerts} for another: an alert
 * whose {@code steward_action} is {@code retrain} ({@code AlertFired}) starts the model's drift-triggered plans.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"registry", "lineage", "drift :: traffic", "policies", "alerts"})
package dev.steward.retrain;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
