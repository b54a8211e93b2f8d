package dev.steward.ui.web;

import dev.steward.deployer.Deployer;
import dev.steward.deployer.Deployment;
import dev.steward.deployer.DeploymentStatus;
import dev.steward.ui.LastAlerts;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The on-call board's "last alert and what was done" from the deployments alone, until an on-call history of
 * alerts is wired in (see {@link LastAlerts}): a rollback of the desired state (by a person, an alert receiver or
 * Steward's own canary analysis) with its reason, or a rollout that failed.
 */
final class DeploymentEvents implements LastAlerts {
  private static final Set<String> FAILED = Set.of("aborted", "failed");

  private final Deployer deployer;

  DeploymentEvents(Deployer deployer) {
    this.deployer = deployer;
  }

  @Override
  public Optional<LastAlert> last(String environment, String model) {
    Deployment d = deployer.deployment(environment, model);
    List<Deployer.HistoryEntry> changes = deployer.changes(environment, model);
    String commit = changes.isEmpty() ? null : changes.getLast().commitId();
    if (d.action() == Deployment.Action.ROLLBACK) {
      return Optional.of(new LastAlert(d.writtenAt(), d.reason() == null ? "rollback" : d.reason(),
          "rolled back" + (d.previousVersion() == null ? "" : " from version " + d.previousVersion()) + " to version "
              + d.version(), d.writtenBy(), commit, "deployments"));
    }
    DeploymentStatus status = deployer.status(environment, model);
    if (status.rollout() != null && FAILED.contains(status.rollout().state())) {
      var t = status.rollout().lastTransition();
      return Optional.of(new LastAlert(t.at(), t.message(), "rollout " + status.rollout().state(), "steward",
          status.rollout().outcomeCommit(), "rollouts"));
    }
    for (int i = changes.size() - 1; i >= 0; i--) {
      Deployer.HistoryEntry h = changes.get(i);
      if (h.action().equals("rollback")) {
        return Optional.of(new LastAlert(h.writtenAt(), "rollback", "rolled back to version " + h.version(), null,
            h.commitId(), "deployments"));
      }
    }
    return Optional.empty();
  }
}
