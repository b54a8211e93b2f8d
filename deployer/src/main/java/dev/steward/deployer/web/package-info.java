/** The deployments REST API. */
@NullMarked
package dev.steward.deployer.web;

import org.jspecify.annotations.NullMarked;
