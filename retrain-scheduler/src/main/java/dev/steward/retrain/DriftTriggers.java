package dev.steward.retrain;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way drift starts retraining. The drift monitor's {@code DriftDetected} comes here
 * ({@code RetrainReactions}), and so does the alert receiver's {@code AlertFired} with the retrain action:
 *
 * <pre>{@code
 * @ApplicationModuleListener
 * void on(AlertFired fired) {
 *   if (fired.action() == AlertAction.RETRAIN) {
 *     driftTriggers.onDrift(fired.model(), fired.environment(),
 *         new DriftCause.Alert(fired.fingerprint(), fired.startsAt(), fired.alertname(), fired.version()));
 *   }
 * }
 * }</pre>
 *
 * For each plan of the model with a drift trigger for the environment, a run is recorded (one commit) unless the
 * trigger's cooldown or minimum interval holds it, and launched after this returns. The run's id is derived from
 * the cause, so a cause delivered again (at least once delivery, a restart, the drift catch-up) finds its run
 * instead of starting a second one.
 */
public class DriftTriggers {
  private static final Logger LOG = LoggerFactory.getLogger(DriftTriggers.class);

  private final RetrainIndex index;
  private final RunEngine engine;
  private final Clock clock;

  DriftTriggers(RetrainIndex index, RunEngine engine, Clock clock) {
    this.index = index;
    this.engine = engine;
    this.clock = clock;
  }

  /**
   * Drift of {@code model} in {@code environment}: starts the runs its plan's drift trigger asks for.
   *
   * @return the ids of the runs this call started (empty when no plan waits for this drift, when a cooldown or
   *     minimum interval holds it, or when the cause had started its run before)
   */
  public List<String> onDrift(String model, String environment, DriftCause cause) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(cause, "cause");
    Instant now = clock.instant();
    Long report = cause instanceof DriftCause.Report r ? r.id() : null;
    String alert = cause instanceof DriftCause.Alert a ? a.id() : null;
    List<String> started = new ArrayList<>();
    for (RetrainPlan plan : index.plansTriggeredBy("drift", environment)) {
      if (!plan.model().equals(model)) {
        continue;
      }
      Trigger.Drift trigger = plan.triggers().stream().filter(Trigger.Drift.class::isInstance)
          .map(Trigger.Drift.class::cast).filter(d -> d.environment().equals(environment)).findFirst().orElse(null);
      if (trigger == null) {
        continue;
      }
      switch (engine.fireDrift(plan, environment, report, alert, cause.version(), cause.at(),
          DriftGate.admission(index, trigger, now))) {
        case RunEngine.Started.Recorded recorded -> {
          if (recorded.isNew()) {
            started.add(recorded.run().id());
            LOG.info("Drift of {} in {} ({}) starts retrain run {}.", model, environment, describe(cause),
                recorded.run().id());
          }
        }
        case RunEngine.Started.Held held -> LOG.info("Drift of {} in {} ({}) starts no retrain run: {}.", model,
            environment, describe(cause), held.reason());
      }
    }
    return started;
  }

  private static String describe(DriftCause cause) {
    return switch (cause) {
      case DriftCause.Report r -> "report " + r.id();
      case DriftCause.Alert a -> "alert " + a.id();
    };
  }
}
