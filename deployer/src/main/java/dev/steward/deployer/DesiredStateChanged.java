package dev.steward.deployer;

import org.jspecify.annotations.Nullable;

/**
 * The desired state of a model in an environment was committed to {@code deployments/<env>/<model>.yaml}:
 * an approved promotion ({@link Deployment.Action#PROMOTE}) or a rollback ({@link Deployment.Action#ROLLBACK})
 * now wants {@code version} there; {@code previousVersion} is the version desired before, if any. Announced by
 * {@code DeploymentProjection} inside the index transaction of the commit, in commit order, also when a
 * catch-up after a crash indexes the commit (never during an index rebuild), so listeners with
 * {@code @ApplicationModuleListener} get it durably; a rollback that changes nothing publishes nothing.
 */
public record DesiredStateChanged(
    String environment,
    String model,
    int version,
    @Nullable Integer previousVersion,
    Deployment.Action action,
    String actor,
    @Nullable String reason) {}
