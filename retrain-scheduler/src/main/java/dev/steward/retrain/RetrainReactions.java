package dev.steward.retrain;

import dev.steward.alerts.AlertAction;
import dev.steward.alerts.AlertFired;
import dev.steward.drift.traffic.DriftDetected;
import dev.steward.registry.DatasetVersionRegistered;
import dev.steward.registry.Kind;
import dev.steward.registry.ModelRegistry;
import dev.steward.registry.ModelVersion;
import dev.steward.registry.ModelVersionRegistered;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;

/**
 * What the retrain scheduler does when other modules report: drift of a deployed version records a run (and
 * launches it after); a new dataset version schedules a start through Quartz; a version registered with a run's
 * token (or imported from an MLflow run tagged with its id) is recorded in that run; a run that succeeded with a
 * version requests the promotion its plan wants.
 * Listeners run in the publisher's thread, after its commit. None of these is lost to a crash: the supervision
 * catches up drift alerts from the stored reports ({@link DriftCatchUp}) and due promotions from the index
 * ({@link RunPromotions}).
 */
class RetrainReactions {
  private static final Logger LOG = LoggerFactory.getLogger(RetrainReactions.class);

  private final RetrainScheduler scheduler;
  private final DriftTriggers drift;
  private final RunEngine engine;
  private final ModelRegistry registry;
  private final RunPromotions promotions;

  RetrainReactions(RetrainScheduler scheduler, DriftTriggers drift, RunEngine engine, ModelRegistry registry,
      RunPromotions promotions) {
    this.scheduler = scheduler;
    this.drift = drift;
    this.engine = engine;
    this.registry = registry;
    this.promotions = promotions;
  }

  @EventListener
  void on(DriftDetected detected) {
    drift.onDrift(detected.model(), detected.environment(),
        new DriftCause.Report(detected.reportId(), detected.version(), detected.windowEnd()));
  }

  /**
   * An alert episode whose action is {@code retrain}, delivered durably (Spring Modulith's event publication
   * registry: a crash before this ran runs it again at start-up, and the run id derived from the episode keeps
   * that to one run).
   */
  @ApplicationModuleListener
  void on(AlertFired fired) {
    if (fired.action() != AlertAction.RETRAIN) {
      return;
    }
    List<String> started = drift.onDrift(fired.model(), fired.environment(),
        new DriftCause.Alert(fired.fingerprint(), fired.startsAt(), fired.alertname(), fired.version()));
    LOG.info("Alert {} ({}@{}) for {} in {} starts retrain runs {}.", fired.alertname(), fired.fingerprint(),
        fired.startsAt(), fired.model(), fired.environment(), started);
  }

  @EventListener
  void on(DatasetVersionRegistered registered) {
    List<String> started = scheduler.datasetRegistered(registered.name(), registered.version(), registered.digest(),
        registered.tags());
    if (!started.isEmpty()) {
      LOG.info("Dataset {}/{} starts retrain runs of {}.", registered.name(), registered.version(), started);
    }
  }

  /**
   * A version that names the run that produced it: registered with the run's token, or imported from an MLflow
   * run tagged with the run's id by anyone allowed to import, so the actor does not tell.
   */
  @EventListener
  void on(ModelVersionRegistered registered) {
    if (registered.producedBy() == null) {
      return;
    }
    ModelVersion v = registry.get(Kind.MODEL_VERSION, registered.id().model(), registered.id().version(),
        ModelVersion.class);
    if (v.producedBy() != null) {
      engine.produced(v.producedBy().retrainRun(), v.version())
          .filter(RetrainRun::promotionPending)
          .ifPresent(run -> promote(run.id()));
    }
  }

  @EventListener
  void on(RetrainCompleted completed) {
    if (completed.state() == RunState.SUCCEEDED && completed.promoteTo() != null) {
      promote(completed.runId());
    }
  }

  private void promote(String runId) {
    try {
      promotions.promote(runId);
    } catch (RuntimeException e) {
      LOG.warn("Could not request the promotion retrain run {} wants now; the supervision tries again.", runId, e);
    }
  }
}
