/**
 * Turns alerts into actions, once per firing episode: the Alertmanager webhook receiver, the drift monitor's
 * direct path, alert episodes recorded in Git with the action they caused, and the on-call history.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"deployer", "drift :: traffic", "registry", "lineage"})
package dev.steward.alerts;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
