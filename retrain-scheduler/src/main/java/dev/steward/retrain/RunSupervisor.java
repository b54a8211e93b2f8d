package dev.steward.retrain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every active run moving, level-triggered: it reads what the index says and acts, so a step lost to a
 * crash (or never scheduled) is done by the next look. Every {@code poll-interval}: attempts past their deadline
 * are timed out, and launched attempts of this instance whose launcher has a status API are asked how they
 * stand. Every {@code supervise-interval} (and once at start): attempts of instances that are gone are taken
 * over ({@link RunEngine#takeOver}); attempts of this instance that nothing launches are launched; drift alerts
 * whose run was lost are caught up ({@link DriftCatchUp}); and promotions that successful runs' plans want are
 * requested ({@link RunPromotions}). Each instance of a cluster does the same; the run's lock makes each change
 * once.
 */
class RunSupervisor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RunSupervisor.class);

  private final RunEngine engine;
  private final RetrainIndex index;
  private final ClusterInstances instances;
  private final Schedules schedules;
  private final Launchers launchers;
  private final DriftCatchUp drift;
  private final RunPromotions promotions;
  private final Duration grace;
  private final BooleanSupplier indexComplete;
  private final Clock clock;
  private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, Thread.ofPlatform().daemon()
      .name("steward-retrain-supervisor-", 0).factory());

  RunSupervisor(RunEngine engine, RetrainIndex index, ClusterInstances instances, Schedules schedules,
      Launchers launchers, DriftCatchUp drift, RunPromotions promotions, Duration pollInterval,
      Duration superviseInterval, BooleanSupplier indexComplete, Clock clock) {
    this.engine = engine;
    this.index = index;
    this.instances = instances;
    this.schedules = schedules;
    this.launchers = launchers;
    this.drift = drift;
    this.promotions = promotions;
    this.grace = superviseInterval.multipliedBy(2);
    this.indexComplete = indexComplete;
    this.clock = clock;
    timer.scheduleWithFixedDelay(() -> guarded("time out and poll the launched retrain runs", this::deadlinesAndPolls),
        pollInterval.toMillis(), pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    timer.scheduleWithFixedDelay(() -> guarded("check the active retrain runs", this::supervise),
        Math.min(1000, superviseInterval.toMillis()), superviseInterval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void guarded(String what, Runnable work) {
    if (!indexComplete.getAsBoolean()) {
      return;
    }
    try {
      work.run();
    } catch (RuntimeException e) {
      LOG.warn("Could not {}; trying again at the next look.", what, e);
    }
  }

  /** Times out attempts past their deadline; asks status APIs about this instance's launched attempts. */
  void deadlinesAndPolls() {
    for (RetrainIndex.AttemptRef due : index.overdue(clock.instant())) {
      engine.timeout(due.id(), due.attempt());
    }
    Map<String, Optional<RetrainPlan>> plans = new HashMap<>();
    for (RetrainIndex.AttemptRef launched : index.launchedBy(engine.instance(), "webhook")) {
      Optional<RetrainPlan> plan = plans.computeIfAbsent(launched.model(), index::plan);
      if (plan.isPresent() && launchers.has(plan.get().launcher().kind())
          && launchers.target(plan.get().launcher()).polls(plan.get())) {
        engine.poll(launched.id(), launched.attempt());
      }
    }
  }

  /** The slower look: instances that are gone, attempts nothing launches, lost drift starts, wanted promotions. */
  void supervise() {
    Set<String> alive = instances.alive();
    Instant now = clock.instant();
    List<RetrainIndex.ActiveRun> active = index.activeRunRows();
    for (RetrainIndex.ActiveRun run : active) {
      String owner = run.owner();
      if (owner == null) {
        continue;
      }
      if (!alive.contains(owner)) {
        engine.takeOver(run.id(), run.attempt(), owner);
      } else if (owner.equals(engine.instance()) && run.state() == RunState.TRIGGERED
          && !engine.launching(run.id(), run.attempt()) && run.updatedAt().isBefore(now.minus(grace))
          && !schedules.scheduled(RunEngine.attemptName(run.id(), run.attempt()))) {
        LOG.info("Retrain run {} has attempt {} waiting with nothing to launch it; launching it now.", run.id(),
            run.attempt());
        engine.launchLater(run.id(), run.attempt(), null);
      }
    }
    drift.catchUp(now);
    promotions.requestPending();
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
