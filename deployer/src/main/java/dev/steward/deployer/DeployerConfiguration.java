package dev.steward.deployer;

import dev.steward.lineage.LeadershipListener;
import dev.steward.lineage.Lineage;
import dev.steward.lineage.Term;
import dev.steward.registry.IndexProjection;
import dev.steward.registry.ModelRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.DatabaseMetaData;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/** Wires the deployer over the registry and its repository, and the reconciler for cluster environments. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({DeployerProperties.class, EnvironmentSettings.class})
class DeployerConfiguration {
  private static final Logger LOG = LoggerFactory.getLogger(DeployerConfiguration.class);

  @Bean
  IndexProjection deploymentProjection() {
    return new DeploymentProjection();
  }

  @Bean
  DeploymentIndex deploymentIndex(JdbcClient jdbc) {
    return new DeploymentIndex(jdbc);
  }

  /** The payload logger needs the drift monitor's ingest key: {@code steward.drift.kserve.ingest-key}. */
  @Bean
  DeploymentEnvironments deploymentEnvironments(EnvironmentSettings settings, DeployerProperties deployer,
      Environment env) {
    return new DeploymentEnvironments(settings.resolve(deployer.loggerUrl(
        env.getProperty("steward.drift.kserve.ingest-key"))));
  }

  @Bean
  Deployer deployer(Lineage lineage, ModelRegistry registry, DeploymentIndex index,
      DeploymentEnvironments environments) {
    return new Deployer(lineage, registry, index, environments, Clock.systemUTC());
  }

  @Bean(destroyMethod = "close")
  Reconciler reconciler(Deployer deployer, DeploymentIndex index, DeploymentEnvironments environments,
      JdbcClient jdbc, DataSource dataSource, DeployerProperties properties, ObjectProvider<DriftVerdicts> drift,
      ObjectProvider<MeterRegistry> meters, Lineage lineage) {
    Prometheus prometheus = prometheus(environments, properties);
    boolean cluster = environments.all().stream().anyMatch(e -> e.target() == Target.CLUSTER);
    Reconciler reconciler = new Reconciler(deployer, index, environments, new RolloutStore(jdbc, embedded(dataSource)),
        cluster ? Cluster.connect(properties.kubeconfig()) : null,
        new CanaryAnalysis(drift.getIfAvailable(() -> DriftVerdicts.NONE), prometheus),
        meters.getIfAvailable() == null ? DeployerMetrics.none() : new DeployerMetrics(meters.getObject()),
        new Reconciler.Settings(properties.resyncInterval(), properties.revertManualChanges(), properties.workers()),
        Clock.systemUTC());
    deployer.attach(reconciler);
    // with several replicas the leader alone reconciles (docs/high-availability.md)
    reconciler.runOnlyWhile(lineage::leads);
    lineage.addLeadershipListener(new LeadershipListener() {
      @Override
      public void leading(Term term) {
        reconciler.resync();
      }
    });
    return reconciler;
  }

  private static boolean embedded(DataSource dataSource) {
    try {
      return "H2".equals(JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName));
    } catch (MetaDataAccessException e) {
      throw new IllegalStateException("Cannot tell which database the index is: " + e.getMessage(), e);
    }
  }

  @Bean
  ReconcilerWakeUps reconcilerWakeUps(Reconciler reconciler) {
    return new ReconcilerWakeUps(reconciler);
  }

  /**
   * Starts the reconciler once the application (and the index) is ready; desired-state changes wake it once
   * their index transaction committed (before, a worker would read the old desired state). A wake-up lost in
   * a crash costs nothing: the reconciler is level-triggered and compares every desired state at start.
   */
  static class ReconcilerWakeUps {
    private final Reconciler reconciler;

    ReconcilerWakeUps(Reconciler reconciler) {
      this.reconciler = reconciler;
    }

    @EventListener
    void ready(ApplicationReadyEvent ready) {
      reconciler.start();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void changed(DesiredStateChanged changed) {
      reconciler.desiredStateChanged(changed);
    }
  }

  /**
   * The Prometheus of canary metric checks; every configured query is checked against it at start-up, and
   * metrics without a Prometheus are refused.
   */
  static @Nullable Prometheus prometheus(DeploymentEnvironments environments, DeployerProperties properties) {
    List<String> problems = new ArrayList<>();
    Prometheus prometheus = properties.prometheusUrl() == null ? null : new Prometheus(properties.prometheusUrl());
    for (DeploymentEnvironment e : environments.all()) {
      for (MetricCheck m : e.rollout().metrics()) {
        if (prometheus == null) {
          problems.add("environment " + e.name() + " checks metric " + m.name()
              + " but steward.deployer.prometheus-url is not set");
          continue;
        }
        String invalid = prometheus.invalid(m);
        if (invalid != null) {
          problems.add("environment " + e.name() + ", metric " + m.name() + ": Prometheus cannot parse the query "
              + m.query() + " (" + invalid + ")");
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("The rollout settings are invalid: " + String.join("; ", problems) + ".");
    }
    if (prometheus != null) {
      LOG.info("Canary metrics are checked against Prometheus at {}.", prometheus.base());
    }
    return prometheus;
  }
}
