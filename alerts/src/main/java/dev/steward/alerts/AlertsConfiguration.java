package dev.steward.alerts;

import dev.steward.deployer.Deployer;
import dev.steward.lineage.Lineage;
import dev.steward.registry.IndexProjection;
import dev.steward.registry.ModelRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Wires the alert receiver, its episode projection, the direct drift path and the history's pruning. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AlertsProperties.class)
class AlertsConfiguration {
  private static final Logger LOG = LoggerFactory.getLogger(AlertsConfiguration.class);

  @Bean
  IndexProjection episodeProjection() {
    return new EpisodeProjection();
  }

  @Bean
  AlertHistory alertHistory(JdbcClient jdbc) {
    return new AlertHistory(jdbc);
  }

  @Bean
  AlertReceiver alertReceiver(Deployer deployer, ModelRegistry registry, Lineage lineage, JdbcClient jdbc,
      AlertHistory history, AlertsProperties properties, ObjectProvider<MeterRegistry> meters) {
    return new AlertReceiver(deployer, registry, lineage, new Episodes(jdbc), history, properties.cooldown(),
        Clock.systemUTC(), meters.getIfAvailable());
  }

  @Bean
  DriftAlerts driftAlerts(AlertReceiver receiver, AlertsProperties properties) {
    return new DriftAlerts(receiver, properties.direct());
  }

  /** Prunes the on-call history every ten minutes (a holder, not an executor bean, so Spring's own stay). */
  @Bean
  HistoryPruning alertHistoryPruning(AlertHistory history, AlertsProperties properties) {
    return new HistoryPruning(history, properties);
  }

  static final class HistoryPruning implements DisposableBean {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "steward-alert-history-pruning");
      t.setDaemon(true);
      return t;
    });

    HistoryPruning(AlertHistory history, AlertsProperties properties) {
      scheduler.scheduleWithFixedDelay(() -> {
        try {
          int n = history.prune(Clock.systemUTC().instant().minus(properties.historyRetention()),
              properties.maxRejectedKept());
          if (n > 0) {
            LOG.info("Pruned {} lines of the on-call history.", n);
          }
        } catch (RuntimeException e) {
          LOG.warn("Could not prune the on-call history; will retry: {}", e.getMessage());
        }
      }, 1, 10, TimeUnit.MINUTES);
    }

    @Override
    public void destroy() {
      scheduler.shutdownNow();
    }
  }
}
