/**
 * Governs promotions: versioned policies of CEL rules and approval gates with N-of-M reviewers; an
 * approved promotion's desired state is written, in the same commit, by the owner of deployments
 * through {@link dev.steward.policies.DesiredStates}.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"registry", "lineage"})
package dev.steward.policies;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
