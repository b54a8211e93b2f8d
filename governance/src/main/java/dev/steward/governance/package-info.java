/**
 * Governance that a registry alone does not answer: consent revocation of a dataset version with its impact
 * computed from lineage (and the gate that blocks affected versions), explanations of predictions in business
 * language without personal data, and the cost of serving a thousand predictions.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"registry", "lineage", "policies", "deployer", "retrain",
    "drift :: traffic"})
package dev.steward.governance;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
