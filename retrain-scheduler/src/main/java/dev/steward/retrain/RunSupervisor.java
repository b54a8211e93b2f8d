package dev.steward.retrain;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the active runs now and then, so that none is stuck without a next step: a crash between a run's
 * commit and the Quartz trigger of its next step leaves the step to this check.
 */
class RunSupervisor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RunSupervisor.class);

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "steward-retrain-supervisor");
    t.setDaemon(true);
    return t;
  });

  RunSupervisor(RunEngine engine, Duration interval, BooleanSupplier indexComplete) {
    long millis = interval.toMillis();
    timer.scheduleWithFixedDelay(() -> {
      if (!indexComplete.getAsBoolean()) {
        return;
      }
      try {
        engine.supervise(interval.multipliedBy(2));
      } catch (RuntimeException e) {
        LOG.warn("Could not check the active retrain runs; trying again in {} ms.", millis, e);
      }
    }, millis, millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
