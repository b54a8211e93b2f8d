package dev.steward.ui;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The on-call board's "last alert and what was done" for a model in an environment. The web module answers it
 * from the deployments and rollouts alone ({@code DeploymentEvents}: rollbacks and aborted rollouts, with who did
 * them and why); a module that keeps an on-call history of alerts (Alertmanager deliveries) replaces it with a bean
 * of its own, and the board shows that instead.
 */
@FunctionalInterface
public interface LastAlerts {

  Optional<LastAlert> last(String environment, String model);

  /**
   * @param at when it happened
   * @param what what fired or went wrong, in words
   * @param done what Steward or a person did about it, in words
   * @param by who acted ({@code steward} for Steward itself)
   * @param commit the commit that recorded the action, if one did
   * @param source where this came from, for example {@code deployments} or {@code alertmanager}
   */
  record LastAlert(Instant at, String what, String done, @Nullable String by, @Nullable String commit, String source) {}
}
