package dev.steward.drift.traffic;

import dev.steward.lineage.Lineage;
import dev.steward.registry.IndexProjection;
import dev.steward.registry.ModelRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the traffic side of the drift monitor and the scheduler that closes due windows. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TrafficProperties.class)
class TrafficConfiguration {
  private static final Logger LOG = LoggerFactory.getLogger(TrafficConfiguration.class);

  @Bean
  MonitoredModels monitoredModels(ModelRegistry registry) {
    return MonitoredModels.of(registry);
  }

  @Bean
  SqlDurability sqlDurability(DataSource dataSource) {
    return SqlDurability.of(dataSource);
  }

  /** Profiles are recorded in the registry repository and indexed from it by {@link #referenceProfileProjection}. */
  @Bean
  ReferenceProfiles referenceProfiles(JdbcClient jdbc, Lineage lineage) {
    return new ReferenceProfiles(jdbc, lineage);
  }

  @Bean
  IndexProjection referenceProfileProjection() {
    return new ReferenceProfileProjection();
  }

  @Bean
  DriftReports driftReports(JdbcClient jdbc, SqlDurability durability) {
    return new DriftReports(jdbc, durability);
  }

  @Bean
  DriftMetrics driftMetrics(ObjectProvider<MeterRegistry> registry, TrafficProperties p) {
    return new DriftMetrics(registry.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new),
        p.metricsIdleExpiry() != null ? p.metricsIdleExpiry() : p.window().multipliedBy(3).plus(p.closeDelay()));
  }

  /**
   * The monitor replays its log on creation and needs every reference profile then: it depends on the
   * registry through {@code models}, whose index has caught up with Git (profiles included) by then.
   */
  @Bean(destroyMethod = "close")
  TrafficMonitor trafficMonitor(MonitoredModels models, ReferenceProfiles profiles, DriftReports reports,
      DriftMetrics metrics, ApplicationEventPublisher events, TransactionTemplate tx, TrafficProperties p,
      Environment env) {
    Path wal = p.walDirectory() != null ? p.walDirectory()
        : Path.of(env.getProperty("steward.data-dir", "./data")).resolve("drift-wal");
    return new TrafficMonitor(models, profiles, reports, metrics, events, tx,
        new TrafficMonitor.Settings(p.window(), p.closeDelay(), wal, p.maxBatchRows(), p.dedupCapacity(),
            p.maxLabelledRows(), p.minLabelledRows(), p.numericBins(), p.maxFutureSkew(), p.maxRowAge(),
            p.maxReferenceLabelled(), p.walSnapshotInterval(), p.walSnapshotBytes().toBytes(), p.segmentValues(),
            p.minSegmentRows()),
        Clock.systemUTC());
  }

  @Bean
  KserveEvents kserveEvents(TrafficMonitor monitor, TrafficProperties p) {
    TrafficProperties.Kserve k = p.kserve();
    long bytes = k.pendingBytes();
    LOG.info("KServe events wait up to {} for their partner, at most {} of them and {} MB.", k.joinTimeout(),
        k.maxPending(), bytes >> 20);
    return new KserveEvents(monitor, k.ingestKey(), k.joinTimeout(), k.maxPending(), bytes, k.serviceMap(),
        Clock.systemUTC());
  }

  /**
   * Closes due windows every {@code steward.drift.close-interval}; 0 turns it off (tests drive the clock). With
   * several replicas only the leader closes windows (docs/high-availability.md).
   */
  @Bean
  Repeating windowCloser(TrafficMonitor monitor, DriftMetrics metrics, TrafficProperties p, Lineage lineage) {
    return new Repeating("drift-window-closer", p.closeInterval().toMillis(), () -> {
      if (lineage.leads()) {
        monitor.closeDue();
      }
      metrics.expireIdle(java.time.Instant.now());
    }, "Could not close due drift windows; will retry");
  }

  /**
   * Snapshots the write-ahead log when due (checked every second; see {@link TrafficMonitor#snapshotIfDue}),
   * so that its size follows the snapshot interval and not the window length.
   */
  @Bean
  Repeating walSnapshots(TrafficMonitor monitor, TrafficProperties p) {
    boolean on = !p.walSnapshotInterval().isZero() || p.walSnapshotBytes().toBytes() > 0;
    long check = Math.clamp(p.walSnapshotInterval().toMillis() / 4, 50, 1000);
    return new Repeating("drift-wal-snapshot", on ? check : 0, monitor::snapshotIfDue,
        "Could not snapshot the drift write-ahead log; will retry");
  }

  /**
   * Lets KServe events that found no partner go once they waited the join timeout, whether or not other
   * events arrive: every quarter of the timeout, between 100 ms and 5 s.
   */
  @Bean
  Repeating kserveExpiry(KserveEvents kserve) {
    long interval = Math.clamp(kserve.joinTimeout().toMillis() / 4, 100, 5000);
    return new Repeating("drift-kserve-expiry", interval, kserve::expireDue,
        "Could not let expired KServe events go; will retry");
  }

  /** A task on its own daemon thread every {@code intervalMillis}; none when that is 0 or less. */
  static final class Repeating implements DisposableBean {
    private final @Nullable ScheduledExecutorService scheduler;

    Repeating(String name, long intervalMillis, Runnable task, String failure) {
      if (intervalMillis <= 0) {
        scheduler = null;
        return;
      }
      scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
      });
      scheduler.scheduleWithFixedDelay(() -> {
        try {
          task.run();
        } catch (RuntimeException e) {
          LOG.warn("{}: {}", failure, e.getMessage());
        }
      }, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
      if (scheduler != null) {
        scheduler.shutdownNow();
      }
    }
  }
}
