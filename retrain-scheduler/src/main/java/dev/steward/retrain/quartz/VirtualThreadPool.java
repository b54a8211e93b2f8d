package dev.steward.retrain.quartz;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.quartz.SchedulerConfigException;
import org.quartz.spi.ThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quartz's worker pool on virtual threads: at most {@code threadCount} steps run at once, each on a virtual
 * thread of its own. A retrain step mostly waits (for its run's commit, a launch call, the database), so many
 * may wait at once without a platform thread each. Quartz asks {@link #blockForAvailableThreads} how many
 * triggers to take in one acquisition, so a burst of due triggers is acquired and fired in batches. Public
 * only because Quartz makes it by reflection ({@code org.quartz.threadPool.class}).
 */
public final class VirtualThreadPool implements ThreadPool {
  private static final Logger LOG = LoggerFactory.getLogger(VirtualThreadPool.class);

  private int threadCount = 10;
  private String name = "quartz";
  private Semaphore permits;
  private volatile boolean shutdown;

  /** Set by Quartz from {@code org.quartz.threadPool.threadCount}. */
  public void setThreadCount(int threadCount) {
    this.threadCount = threadCount;
  }

  public int getThreadCount() {
    return threadCount;
  }

  /** Set by Quartz from {@code org.quartz.threadPool.threadNamePrefix}. */
  public void setThreadNamePrefix(String prefix) {
    this.name = prefix;
  }

  @Override
  public void initialize() throws SchedulerConfigException {
    if (threadCount < 1) {
      throw new SchedulerConfigException("The retrain scheduler needs at least one thread, not " + threadCount + ".");
    }
    permits = new Semaphore(threadCount);
  }

  @Override
  public boolean runInThread(Runnable step) {
    if (shutdown || !permits.tryAcquire()) {
      return false;
    }
    try {
      Thread.ofVirtual().name(name).start(() -> {
        try {
          step.run();
        } finally {
          permits.release();
        }
      });
      return true;
    } catch (RuntimeException e) {
      permits.release();
      LOG.error("Could not start a virtual thread for a retrain step.", e);
      return false;
    }
  }

  @Override
  public int blockForAvailableThreads() {
    while (!shutdown) {
      try {
        if (permits.tryAcquire(500, TimeUnit.MILLISECONDS)) {
          int available = 1 + permits.availablePermits();
          permits.release();
          return available;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 0;
      }
    }
    return 0;
  }

  @Override
  public void shutdown(boolean waitForJobsToComplete) {
    shutdown = true;
    if (waitForJobsToComplete && permits != null) {
      try {
        if (permits.tryAcquire(threadCount, 60, TimeUnit.SECONDS)) {
          permits.release(threadCount);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public int getPoolSize() {
    return threadCount;
  }

  @Override
  public void setInstanceId(String instanceId) {
    // virtual threads carry the prefix only
  }

  @Override
  public void setInstanceName(String instanceName) {
    // virtual threads carry the prefix only
  }
}
