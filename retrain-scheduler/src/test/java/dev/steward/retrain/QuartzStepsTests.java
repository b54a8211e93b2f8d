package dev.steward.retrain;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;
import org.quartz.impl.jdbcjobstore.StdJDBCDelegate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;

/**
 * {@link Schedules} against Quartz's JDBC job store on a real database (tables from this module's Flyway
 * migration), wired as the server wires it: Spring's job store on the application's DataSource.
 */
abstract class QuartzStepsTests {
  private HikariDataSource dataSource;
  private SchedulerFactoryBean factory;
  private Scheduler scheduler;
  private Schedules schedules;

  /** A pool on an empty database of its own. */
  abstract HikariConfig database();

  /** Where the Quartz tables of this database come from ({@code db/quartz/h2}, {@code db/quartz/postgresql}). */
  abstract String quartzTables();

  /** Quartz's delegate for this database. */
  Class<?> delegate() {
    return StdJDBCDelegate.class;
  }

  /** Drops what {@link #database} made. */
  void dropDatabase() {
  }

  @BeforeEach
  void start() throws Exception {
    HikariConfig config = database();
    config.setMaximumPoolSize(8);
    dataSource = new HikariDataSource(config);
    Flyway.configure().dataSource(dataSource).locations(quartzTables()).load().migrate();
    Properties quartz = new Properties();
    quartz.setProperty("org.quartz.scheduler.instanceName", "quartz-steps");
    quartz.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    quartz.setProperty("org.quartz.threadPool.threadCount", "1");
    quartz.setProperty("org.quartz.jobStore.class", dev.steward.retrain.quartz.ClusteredJobStore.class.getName());
    quartz.setProperty("org.quartz.jobStore.driverDelegateClass", delegate().getName());
    quartz.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
    quartz.setProperty("org.quartz.jobStore.useProperties", "true");
    DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
    factory = new SchedulerFactoryBean();
    factory.setDataSource(dataSource);
    factory.setTransactionManager(transactions);
    factory.setQuartzProperties(quartz);
    factory.setAutoStartup(false);   // nothing fires: only what is stored is looked at
    factory.setSchedulerName("quartz-steps-" + System.nanoTime());
    factory.afterPropertiesSet();
    scheduler = factory.getObject();
    schedules = new Schedules(scheduler, transactions);
    schedules.reconcile(List.of());
  }

  @AfterEach
  void stop() throws Exception {
    if (factory == null) {
      return; // skipped: no database to test against (outside CI)
    }
    factory.destroy();
    dataSource.close();
    dropDatabase();
  }

  /**
   * A step scheduled while the same step is cancelled (a retry waiting for its backoff, cancelled by a
   * replacing run; a run's trigger and its end racing) must either be stored whole or not at all. Outside a
   * transaction Quartz's lock in {@code QRTZ_LOCKS} is released at once (auto-commit), so a cancel could
   * delete the trigger's row between the two inserts of scheduling it, and scheduling failed with a foreign
   * key violation on {@code QRTZ_SIMPLE_TRIGGERS}: the 500 on {@code POST /runs}.
   */
  @Test
  void aStepScheduledWhileItIsCancelledIsStoredWholeOrNotAtAll() throws Exception {
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    AtomicBoolean done = new AtomicBoolean();
    CountDownLatch go = new CountDownLatch(1);
    Instant later = Instant.now().plusSeconds(3600);
    Thread canceller = Thread.ofPlatform().start(() -> {
      try {
        go.await();
        while (!done.get()) {
          for (int i = 0; i < 4; i++) {
            schedules.cancel("attempt/run-" + i + "#2");
          }
        }
      } catch (Throwable e) {
        failures.add(e);
      }
    });
    Thread scheduling = Thread.ofPlatform().start(() -> {
      try {
        go.await();
        for (int round = 0; round < 1500 && failures.isEmpty(); round++) {
          schedules.once("attempt/run-" + (round % 4) + "#2", later, Map.of("step", "attempt", "run",
              "run-" + (round % 4), "attempt", "2"));
        }
      } catch (Throwable e) {
        failures.add(e);
      } finally {
        done.set(true);
      }
    });
    go.countDown();
    scheduling.join();
    canceller.join();
    assertThat(failures).as("scheduling and cancelling the same step at once").isEmpty();
    JdbcClient jdbc = JdbcClient.create(dataSource);
    assertThat(jdbc.sql("""
        select count(*) from QRTZ_SIMPLE_TRIGGERS s where not exists (select 1 from QRTZ_TRIGGERS t
          where t.SCHED_NAME = s.SCHED_NAME and t.TRIGGER_NAME = s.TRIGGER_NAME and t.TRIGGER_GROUP = s.TRIGGER_GROUP)""")
        .query(Integer.class).single()).isZero();
    for (int i = 0; i < 4; i++) {
      TriggerKey key = new TriggerKey("attempt/run-" + i + "#2", Schedules.ONCE);
      assertThat(scheduler.checkExists(key)).as("%s", key).isEqualTo(scheduler.getTrigger(key) != null);
    }
  }

  @Test
  void schedulingAStepTwiceKeepsOneTriggerAndCancellingItRemovesIt() throws Exception {
    Instant at = Instant.now().plusSeconds(600);
    schedules.once("attempt/r#2", at, Map.of("step", "attempt", "run", "r", "attempt", "2"));
    schedules.once("attempt/r#2", at.plusSeconds(60), Map.of("step", "attempt", "run", "r", "attempt", "2"));
    assertThat(scheduler.getTrigger(new TriggerKey("attempt/r#2", Schedules.ONCE)).getStartTime().toInstant())
        .as("the first one stays").isEqualTo(at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    assertThat(schedules.scheduled("attempt/r#2")).isTrue();
    schedules.cancel("attempt/r#2");
    assertThat(schedules.scheduled("attempt/r#2")).isFalse();
  }
}
