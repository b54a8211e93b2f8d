/**
 * Server-rendered web pages for reviewers, on-call and engineers. Every page reads, and every form acts,
 * through the same module APIs as the REST API; the server authorizes each form by the REST call it stands
 * for ({@link dev.steward.ui.PageActions}), so pages and API share one table of roles.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"registry", "policies", "deployer", "drift :: traffic", "lineage"})
package dev.steward.ui;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
