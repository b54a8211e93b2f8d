package dev.steward.governance;

import dev.steward.deployer.DesiredStateChanged;
import dev.steward.policies.Actor;
import dev.steward.policies.ApprovalGates;
import dev.steward.policies.Promotion;
import dev.steward.policies.PromotionState;
import dev.steward.registry.RegistryConflict;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;

/**
 * What follows a revocation's commit, durably (Spring Modulith's event publication registry replays it after a
 * crash): the retrain plans fed by the dataset start on the successor ({@link Revocations#followUp}), pending
 * promotions of the marked versions are evaluated again so reviewers see the block at once, and the
 * revoked-input metric is refreshed. A change of a desired state refreshes the metric too.
 */
class RevocationFollowUpListener {
  private static final Logger LOG = LoggerFactory.getLogger(RevocationFollowUpListener.class);
  /** The actor of what Steward does by itself. */
  static final String ACTOR = "steward";

  private final Revocations revocations;
  private final ApprovalGates gates;
  private final RevocationMetrics metrics;

  RevocationFollowUpListener(Revocations revocations, ApprovalGates gates, RevocationMetrics metrics) {
    this.revocations = revocations;
    this.gates = gates;
    this.metrics = metrics;
  }

  @ApplicationModuleListener
  void on(RevocationRecorded recorded) {
    Revocation r = revocations.followUp(recorded.id());
    for (ImpactItem item : r.items(ImpactItem.MODEL_VERSION)) {
      for (Promotion p : gates.promotions(PromotionState.PENDING, item.name(), null, 0, 500).items()) {
        if (p.version() != item.version()) {
          continue;
        }
        try {
          gates.reevaluate(p.id(), new Actor(ACTOR, Set.of()));
          LOG.info("Evaluated promotion {} of {}/{} again after revocation {}.", p.id(), p.model(), p.version(),
              r.id());
        } catch (RegistryConflict e) {
          LOG.info("Promotion {} was not evaluated again after revocation {}: {}", p.id(), r.id(), e.getMessage());
        }
      }
    }
    metrics.refresh();
  }

  @ApplicationModuleListener
  void on(DesiredStateChanged changed) {
    metrics.refresh();
  }
}
