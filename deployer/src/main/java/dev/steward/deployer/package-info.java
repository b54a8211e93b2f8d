/**
 * Owns deployments: the desired state of each model in each environment
 * ({@code deployments/<environment>/<model>.yaml}), the KServe InferenceService rendered for it, the
 * target that applies it (dry run, GitOps manifests, or a cluster) and rollback.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"registry", "lineage", "policies"})
package dev.steward.deployer;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
