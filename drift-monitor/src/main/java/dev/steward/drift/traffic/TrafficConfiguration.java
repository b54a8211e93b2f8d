package dev.steward.drift.traffic;

import dev.steward.registry.ModelRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
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

  @Bean
  ReferenceProfiles referenceProfiles(JdbcClient jdbc, TransactionTemplate transactions, SqlDurability durability) {
    return new ReferenceProfiles(jdbc, transactions, durability);
  }

  @Bean
  DriftReports driftReports(JdbcClient jdbc, SqlDurability durability) {
    return new DriftReports(jdbc, durability);
  }

  @Bean
  DriftMetrics driftMetrics(ObjectProvider<MeterRegistry> registry) {
    return new DriftMetrics(registry.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new));
  }

  @Bean(destroyMethod = "close")
  TrafficMonitor trafficMonitor(MonitoredModels models, ReferenceProfiles profiles, DriftReports reports,
      DriftMetrics metrics, ApplicationEventPublisher events, TrafficProperties p, Environment env) {
    Path wal = p.walDirectory() != null ? p.walDirectory()
        : Path.of(env.getProperty("steward.data-dir", "./data")).resolve("drift-wal");
    return new TrafficMonitor(models, profiles, reports, metrics, events,
        new TrafficMonitor.Settings(p.window(), p.closeDelay(), wal, p.maxBatchRows(), p.dedupCapacity(),
            p.maxLabelledRows(), p.minLabelledRows(), p.numericBins()),
        Clock.systemUTC());
  }

  @Bean
  KserveEvents kserveEvents(TrafficMonitor monitor, TrafficProperties p) {
    TrafficProperties.Kserve k = p.kserve();
    return new KserveEvents(monitor, k.ingestKey(), k.joinTimeout(), k.maxPending(),
        k.serviceMap(), Clock.systemUTC());
  }

  /** Closes due windows every {@code steward.drift.close-interval}; 0 turns it off (tests drive the clock). */
  @Bean
  WindowCloser windowCloser(TrafficMonitor monitor, TrafficProperties p) {
    return new WindowCloser(monitor, p.closeInterval().toMillis());
  }

  static final class WindowCloser implements DisposableBean {
    private final ScheduledExecutorService scheduler;

    WindowCloser(TrafficMonitor monitor, long intervalMillis) {
      if (intervalMillis <= 0) {
        scheduler = null;
        return;
      }
      scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "drift-window-closer");
        t.setDaemon(true);
        return t;
      });
      scheduler.scheduleWithFixedDelay(() -> {
        try {
          monitor.closeDue();
        } catch (RuntimeException e) {
          LOG.warn("Could not close due drift windows; will retry: {}", e.getMessage());
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
