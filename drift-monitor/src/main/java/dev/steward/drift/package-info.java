/**
 * Detects drift between a reference and a current sample of scored traffic: per-feature distribution
 * drift (Evidently-compatible and streaming PSI), null-rate drift and calibration drift. The traffic side
 * records reference profiles in the registry repository through {@code lineage}; the statistics use
 * neither (checked in the server's {@code ArchitectureTests}).
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"registry", "lineage"})
package dev.steward.drift;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
