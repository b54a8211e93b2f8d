package dev.steward.retrain;

import dev.steward.drift.traffic.DriftReport;
import dev.steward.drift.traffic.DriftReports;
import dev.steward.drift.traffic.DriftStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the drift runs that were lost: the drift monitor stores an alert report, then tells the retrain
 * scheduler ({@code DriftDetected}, in memory); a crash in between, or before the run's commit, would lose the
 * start. So the supervision also looks, for every plan with a drift trigger, at the alert reports of its model
 * and environment closed in the last {@code drift-catch-up} (and after the plan's revision was registered, and
 * after its last drift-started run began), and starts a run for each one that has none and that the trigger's
 * cooldown and minimum interval would have let through when the report closed. The run's id is derived from the
 * report, as for the event, so a report seen both ways starts one run.
 */
class DriftCatchUp {
  private static final Logger LOG = LoggerFactory.getLogger(DriftCatchUp.class);

  private final RetrainIndex index;
  private final RunEngine engine;
  private final Supplier<@Nullable DriftReports> reports;
  private final Duration lookback;

  /** {@code reports} gives null where the drift monitor's traffic part does not run: nothing to catch up. */
  DriftCatchUp(RetrainIndex index, RunEngine engine, Supplier<@Nullable DriftReports> reports, Duration lookback) {
    this.index = index;
    this.engine = engine;
    this.reports = reports;
    this.lookback = lookback;
  }

  void catchUp(Instant now) {
    DriftReports reports = this.reports.get();
    if (reports == null) {
      return;
    }
    for (RetrainPlan plan : index.plansWithTrigger("drift")) {
      for (Trigger t : plan.triggers()) {
        if (t instanceof Trigger.Drift drift) {
          catchUp(reports, plan, drift, now);
        }
      }
    }
  }

  private void catchUp(DriftReports reports, RetrainPlan plan, Trigger.Drift trigger, Instant now) {
    Instant since = latest(now.minus(lookback), plan.registeredAt(),
        index.lastStart(plan.model(), "drift").orElse(Instant.EPOCH));
    // reports are listed by window start; a window closes at most a day after it starts in any setting here
    List<DriftReport> alerts = reports.list(new DriftReports.Query(plan.model(), null, trigger.environment(),
            DriftStatus.ALERT, since.minus(Duration.ofDays(1)), null, 0, 500)).stream()
        .filter(r -> r.closedAt().isAfter(since))
        .sorted(Comparator.comparing(DriftReport::closedAt).thenComparing(DriftReport::id))
        .toList();
    for (DriftReport report : alerts) {
      if (index.runForReport(plan.model(), report.id()) || DriftGate.hold(trigger,
          index.lastStart(plan.model(), "drift").orElse(null), index.lastStart(plan.model(), null).orElse(null),
          report.closedAt()).isPresent()) {
        continue;   // started, or held by the cooldown or minimum interval (checked again under the lock)
      }
      RunEngine.Started started = engine.fireDrift(plan, trigger.environment(), report.id(), null,
          report.stream().version(), report.windowEnd(), DriftGate.admission(index, trigger, report.closedAt()));
      if (started instanceof RunEngine.Started.Recorded r && r.isNew()) {
        LOG.info("Drift report {} of {}/{} in {} had not started its retrain run; started run {} now.", report.id(),
            plan.model(), report.stream().version(), trigger.environment(), r.run().id());
      }
    }
  }

  private static Instant latest(Instant... instants) {
    Instant latest = instants[0];
    for (Instant i : instants) {
      latest = i.isAfter(latest) ? i : latest;
    }
    return latest;
  }
}
