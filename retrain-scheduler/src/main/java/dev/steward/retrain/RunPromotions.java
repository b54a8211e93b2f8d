package dev.steward.retrain;

import dev.steward.policies.Actor;
import dev.steward.policies.ApprovalGates;
import dev.steward.policies.DecisionRefused;
import dev.steward.policies.Promotion;
import dev.steward.policies.PromotionRequest;
import dev.steward.registry.EntityNotFound;
import dev.steward.registry.InvalidRequest;
import dev.steward.registry.RegistryConflict;
import dev.steward.registry.UnresolvedReference;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests the promotion a plan's {@code promoteTo} wants for the version a successful run registered, through
 * the approval gates like any request ({@link ApprovalGates#request}): the environment's policy judges it, and
 * reviewers decide where the policy asks them to. The request is made on behalf of the plan's owner (who
 * registered the plan revision the run ran under): the plan is that person's standing instruction, so the
 * promotion's requester is a person who answers for it, may cancel it, and, under the four-eyes rule, may not
 * approve it; {@code steward} as requester would let the owner approve the output of their own plan. The
 * reason names the run and the plan revision, so the audit trail says it was automatic.
 *
 * <p>Level-triggered: a run's file records what came of the request ({@link RunPromotion}), and the index lists
 * runs whose request is still due, so a crash between a run's success and the request is repaired by the next
 * look of the supervision. A request that finds the promotion made already (the crash came after it) records
 * that one instead of asking twice.
 */
class RunPromotions {
  private static final Logger LOG = LoggerFactory.getLogger(RunPromotions.class);

  private final RunLedger ledger;
  private final RetrainIndex index;
  private final Supplier<@Nullable ApprovalGates> gates;
  private final Clock clock;

  /** {@code gates} gives null where no approval gates run (a context without {@code policies}): nothing is asked. */
  RunPromotions(RunLedger ledger, RetrainIndex index, Supplier<@Nullable ApprovalGates> gates, Clock clock) {
    this.ledger = ledger;
    this.index = index;
    this.gates = gates;
    this.clock = clock;
  }

  /** Requests every promotion that is due. */
  void requestPending() {
    if (gates.get() == null) {
      return;
    }
    for (String id : index.promotionsPending()) {
      promote(id);
    }
  }

  /** Requests the promotion run {@code runId} is due, if it is due; records what came of it in the run. */
  void promote(String runId) {
    ApprovalGates gates = this.gates.get();
    if (gates == null) {
      return;
    }
    ledger.locked("run", runId, () -> {
      RetrainRun run = ledger.read(runId).orElse(null);
      if (run == null || !run.promotionPending()) {
        return null;
      }
      RunPromotion wanted = run.promotion();
      int version = run.producedVersion();
      Instant now = clock.instant();
      RunPromotion outcome;
      Optional<Promotion> made = existing(gates, run.model(), version, wanted.environment());
      if (made.isPresent()) {
        outcome = wanted.requested(made.get().id(), made.get().state().id(), now);
      } else {
        try {
          Promotion p = gates.request(new Actor(wanted.requestedBy(), Set.of()), new PromotionRequest(run.model(),
              version, wanted.environment(), "retrain run " + run.id() + " of plan " + run.model() + " revision "
              + run.planRevision() + " (promoteTo " + wanted.environment() + ")"));
          outcome = wanted.requested(p.id(), p.state().id(), now);
          LOG.info("Requested promotion {} of {}/{} to {} for retrain run {} on behalf of {}: {}.", p.id(),
              run.model(), version, wanted.environment(), runId, wanted.requestedBy(), p.state().id());
        } catch (RegistryConflict | InvalidRequest | UnresolvedReference | EntityNotFound | DecisionRefused e) {
          outcome = wanted.refused(e.getMessage(), now);
          LOG.info("Retrain run {} could not request the promotion of {}/{} to {}: {}.", runId, run.model(), version,
              wanted.environment(), e.getMessage());
        }
      }
      RunPromotion recorded = outcome;
      ledger.change(runId, RunEngine.SYSTEM, "request-promotion", r -> r.promotionPending()
          ? Optional.of(r.withPromotion(recorded, now)) : Optional.empty());
      return null;
    });
  }

  private static Optional<Promotion> existing(ApprovalGates gates, String model, int version, String environment) {
    return gates.promotions(null, model, environment, 0, 500).items().stream()
        .filter(p -> p.version() == version).findFirst();
  }
}
