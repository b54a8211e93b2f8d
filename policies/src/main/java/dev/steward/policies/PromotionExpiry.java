package dev.steward.policies;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Expires pending promotions past their expiry, checking at a fixed interval. */
class PromotionExpiry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PromotionExpiry.class);

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "steward-promotion-expiry");
    t.setDaemon(true);
    return t;
  });

  /** @param indexComplete whether the index holds all of Git: not while it is rebuilt or behind */
  PromotionExpiry(ApprovalGates gates, Duration interval, BooleanSupplier indexComplete) {
    long millis = interval.toMillis();
    timer.scheduleWithFixedDelay(() -> {
      try {
        gates.expireOverdue(indexComplete);
      } catch (RuntimeException e) {
        LOG.warn("Could not expire overdue promotions; trying again in {} ms.", millis, e);
      }
    }, millis, millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
