package dev.steward.retrain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.retrain.quartz.VirtualThreadPool;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VirtualThreadPoolTests {

  @Test
  void runsAsManyStepsAsItHasThreadsAndTellsQuartzHowManyAreFree() throws Exception {
    VirtualThreadPool pool = new VirtualThreadPool();
    pool.setThreadCount(2);
    pool.initialize();
    assertThat(pool.blockForAvailableThreads()).isEqualTo(2);
    CountDownLatch hold = new CountDownLatch(1);
    CountDownLatch ran = new CountDownLatch(2);
    Runnable step = () -> {
      ran.countDown();
      try {
        hold.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    assertThat(pool.runInThread(step)).isTrue();
    assertThat(pool.blockForAvailableThreads()).isEqualTo(1);
    assertThat(pool.runInThread(step)).isTrue();
    assertThat(pool.runInThread(step)).as("no thread free").isFalse();
    assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
    hold.countDown();
    assertThat(pool.blockForAvailableThreads()).isBetween(1, 2);
    pool.shutdown(true);
    assertThat(pool.runInThread(step)).as("after shutdown").isFalse();
  }
}
