package dev.steward.server;

import dev.steward.registry.RegistryIndex;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code registryIndex} component of {@code /actuator/health}: {@code OUT_OF_SERVICE} while the index has
 * stopped before a commit that failed verification, naming the commit and the reason (shown to callers with a
 * token, as {@code management.endpoint.health.show-details} says), otherwise {@code UP}. Liveness and
 * readiness leave it out: restarting does not repair the repository, and the API's own 503 answers say what
 * is wrong.
 */
class RegistryIndexHealth implements HealthIndicator {
  private final RegistryIndex index;

  RegistryIndexHealth(RegistryIndex index) {
    this.index = index;
  }

  @Override
  public Health health() {
    return index.refusal().map(refusal -> {
      Health.Builder health = Health.status(Status.OUT_OF_SERVICE)
          .withDetail("untrustedCommit", refusal.commitId())
          .withDetail("reason", refusal.reason());
      if (refusal.lastIndexedCommit() != null) {
        health.withDetail("lastIndexedCommit", refusal.lastIndexedCommit());
      }
      return health.build();
    }).orElseGet(() -> Health.up()
        .withDetail("rebuilding", index.isRebuilding())
        .withDetail("behind", index.isBehind())
        .build());
  }
}
