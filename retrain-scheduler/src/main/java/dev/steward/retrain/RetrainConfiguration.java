package dev.steward.retrain;

import dev.steward.drift.traffic.DriftReports;
import dev.steward.lineage.LeadershipListener;
import dev.steward.lineage.Lineage;
import dev.steward.lineage.Term;
import dev.steward.policies.ApprovalGates;
import dev.steward.registry.IndexProjection;
import dev.steward.registry.LineageLinks;
import dev.steward.registry.ModelRegistry;
import dev.steward.registry.RegistryIndex;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.Config;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.sql.DatabaseMetaData;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Supplier;
import javax.sql.DataSource;
import dev.steward.retrain.quartz.ClusteredJobStore;
import dev.steward.retrain.quartz.VirtualThreadPool;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;
import org.quartz.impl.jdbcjobstore.StdJDBCDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;
import org.springframework.scheduling.quartz.SpringBeanJobFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the retrain scheduler: Quartz on Spring's DataSource with the JDBC job store (tables from Flyway,
 * {@code db/quartz/{vendor}}), the standard delegate on H2 and {@link PostgreSQLDelegate} on PostgreSQL,
 * clustered where the database is shared; the launchers; the index projection and the lineage links.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RetrainProperties.class)
class RetrainConfiguration {
  private static final Logger LOG = LoggerFactory.getLogger(RetrainConfiguration.class);
  static final String SCHEDULER = "steward-retrain";

  @Bean
  IndexProjection retrainProjection() {
    return new RetrainProjection();
  }

  @Bean
  RetrainIndex retrainIndex(JdbcClient jdbc) {
    return new RetrainIndex(jdbc);
  }

  @Bean
  LineageLinks retrainLineage(ModelRegistry registry, RetrainIndex index) {
    return new RetrainLineage(registry, index);
  }

  @Bean
  RunTokens runTokens(RetrainIndex index, JdbcClient jdbc) {
    return new RunTokenStore(index, jdbc, Clock.systemUTC());
  }

  /**
   * Quartz, made here rather than by Spring Boot's auto-configuration so that the delegate and clustering
   * follow the database, and the tables come from Flyway only ({@code initialize-schema} never runs Quartz's
   * script, which starts by dropping every table). Taking the registry index orders it after the migrations.
   */
  @Bean
  SchedulerFactoryBean retrainQuartz(DataSource dataSource, PlatformTransactionManager transactions,
      RetrainProperties settings, ApplicationContext context, RegistryIndex index, Lineage lineage) {
    String product = databaseProduct(dataSource);
    boolean postgres = product.toLowerCase(Locale.ROOT).contains("postgres");
    boolean clustered = clustered(settings, dataSource);
    Properties quartz = new Properties();
    quartz.setProperty("org.quartz.scheduler.instanceName", SCHEDULER);
    quartz.setProperty("org.quartz.scheduler.instanceId", "AUTO");
    quartz.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    // take every trigger due at the same moment (and those due within the window) in one acquisition and one
    // "fired" transaction, instead of one trigger per round trip through Quartz's cluster lock
    quartz.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", String.valueOf(settings.batchSize()));
    quartz.setProperty("org.quartz.scheduler.batchTriggerAcquisitionFireAheadTimeWindow",
        String.valueOf(settings.batchWindow().toMillis()));
    quartz.setProperty("org.quartz.threadPool.class", VirtualThreadPool.class.getName());
    quartz.setProperty("org.quartz.jobStore.class", ClusteredJobStore.class.getName());
    quartz.setProperty("org.quartz.threadPool.threadCount", String.valueOf(settings.threads()));
    quartz.setProperty("org.quartz.threadPool.threadNamePrefix", "steward-retrain-quartz");
    quartz.setProperty("org.quartz.jobStore.driverDelegateClass",
        (postgres ? PostgreSQLDelegate.class : StdJDBCDelegate.class).getName());
    quartz.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
    quartz.setProperty("org.quartz.jobStore.useProperties", "true");
    quartz.setProperty("org.quartz.jobStore.isClustered", String.valueOf(clustered));
    quartz.setProperty("org.quartz.jobStore.clusterCheckinInterval",
        String.valueOf(settings.clusterCheckinInterval().toMillis()));
    quartz.setProperty("org.quartz.jobStore.misfireThreshold", String.valueOf(settings.misfireThreshold().toMillis()));
    // row locks in QRTZ_LOCKS also when acquiring batches, so two instances never take the same trigger
    quartz.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
    SpringBeanJobFactory jobs = new SpringBeanJobFactory();
    jobs.setApplicationContext(context);
    SchedulerFactoryBean factory = new SchedulerFactoryBean();
    factory.setDataSource(dataSource);
    factory.setTransactionManager(transactions);
    factory.setQuartzProperties(quartz);
    factory.setJobFactory(jobs);
    // with several replicas only the leader fires triggers (docs/high-availability.md): Quartz stands by elsewhere
    factory.setAutoStartup(settings.enabled() && lineage.leads());
    if (settings.enabled() && lineage.shared()) {
      lineage.addLeadershipListener(new QuartzOnLeader(factory));
    }
    factory.setWaitForJobsToCompleteOnShutdown(true);
    factory.setSchedulerName(SCHEDULER);
    LOG.info("Retrain scheduler on {} with the JDBC job store, {}.", product,
        clustered ? "clustered (instances share the triggers and recover each other's steps)" : "not clustered");
    return factory;
  }

  /** Starts Quartz when this replica takes over the shared repository and puts it on standby when it steps down. */
  private record QuartzOnLeader(SchedulerFactoryBean factory) implements LeadershipListener {
    @Override
    public void leading(Term term) {
      try {
        factory.getObject().start();
      } catch (SchedulerException e) {
        LOG.error("Could not start the retrain scheduler on taking over; triggers wait for the next leader.", e);
      }
    }

    @Override
    public void following() {
      try {
        factory.getObject().standby();
      } catch (SchedulerException e) {
        LOG.error("Could not put the retrain scheduler on standby after stepping down.", e);
      }
    }
  }

  @Bean
  Schedules schedules(Scheduler scheduler, PlatformTransactionManager transactions) {
    return new Schedules(scheduler, transactions);
  }

  @Bean(destroyMethod = "close")
  RunLedger runLedger(Lineage lineage, JdbcClient jdbc, PlatformTransactionManager transactions) {
    return new RunLedger(lineage, jdbc, new TransactionTemplate(transactions), DIRECT_LOCK_HOLDERS);
  }

  /**
   * Callers that change runs themselves (plan registration, a replacing start) hold a connection while their
   * commit is written; batched changes share one. Four keeps Spring Boot's default pool of ten from running dry.
   */
  private static final int DIRECT_LOCK_HOLDERS = 4;

  @Bean
  ClusterInstances retrainInstances(JdbcClient jdbc, Scheduler scheduler, RetrainProperties settings,
      DataSource dataSource) {
    boolean clustered = clustered(settings, dataSource);
    return new ClusterInstances(jdbc, SCHEDULER, clustered ? instanceId(scheduler) : ClusterInstances.thisProcess(),
        clustered, Clock.systemUTC());
  }

  @Bean
  DeferredAttemptListener attemptListener() {
    return new DeferredAttemptListener();
  }

  /** The Kubernetes Job launcher, when {@code steward.retrain.kubernetes.enabled}. */
  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(name = "steward.retrain.kubernetes.enabled", havingValue = "true")
  JobLaunch jobLaunch(RetrainProperties settings, DeferredAttemptListener listener, RetrainIndex index) {
    JobLaunch launch = new JobLaunch(kubernetesClient(settings), kubernetesClient(settings), listener);
    return launch;
  }

  /** Once the index has caught up: watch the Jobs of every namespace a plan launches into. */
  @Bean
  SmartInitializingSingleton retrainJobWatches(ObjectProvider<JobLaunch> jobs, RetrainIndex index) {
    return () -> jobs.ifAvailable(launch -> index.plans().stream()
        .filter(p -> p.launcher() instanceof Launcher.KubernetesJob)
        .map(p -> ((Launcher.KubernetesJob) p.launcher()).namespace()).distinct().forEach(launch::watch));
  }

  private static ApiClient kubernetesClient(RetrainProperties settings) {
    try {
      Path kubeconfig = settings.kubernetes().kubeconfig();
      return kubeconfig != null ? Config.fromConfig(kubeconfig.toString()) : Config.defaultClient();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Cannot read the Kubernetes configuration for the Job launcher: " + e.getMessage(), e);
    }
  }

  @Bean
  Launchers launchers(RetrainProperties settings, DeferredAttemptListener listener,
      @Value("${steward.data-dir:./data}") Path dataDir, ObjectProvider<JobLaunch> jobs) {
    List<LaunchTarget> targets = new ArrayList<>();
    jobs.ifAvailable(targets::add);
    if (settings.process().enabled()) {
      Path logs = settings.process().logDirectory() != null ? settings.process().logDirectory()
          : dataDir.resolve("retrain").resolve("logs");
      targets.add(new ProcessLaunch(logs.toAbsolutePath(), listener));
    }
    if (settings.webhook().enabled()) {
      targets.add(new WebhookLaunch(settings.credentialsOrEmpty(), Clock.systemUTC()));
    }
    return new Launchers(targets);
  }

  @Bean(destroyMethod = "close")
  RunEngine runEngine(RetrainIndex index, RunLedger ledger, Launchers launchers, ModelRegistry registry,
      Schedules schedules, RetrainProperties settings, Environment environment, ApplicationEventPublisher events,
      ObjectProvider<MeterRegistry> meters, ClusterInstances instances, DeferredAttemptListener listener) {
    Supplier<URI> url = () -> settings.stewardUrl() != null ? settings.stewardUrl()
        : URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port",
            environment.getProperty("server.port", "8080")));
    RunEngine engine = new RunEngine(index, ledger, launchers, registry, schedules, url, events, Clock.systemUTC(),
        settings.tokenGrace(), instances.self(), settings.concurrentLaunches(),
        meters.getIfAvailable(SimpleMeterRegistry::new));
    listener.delegateTo(engine);
    return engine;
  }

  @Bean
  Plans retrainPlans(Lineage lineage, RetrainIndex index, ModelRegistry registry, Launchers launchers,
      RetrainProperties settings, ObjectProvider<JobLaunch> jobs) {
    JobLaunch launch = jobs.getIfAvailable();
    Plans.JobTemplateCheck check = launch != null ? launch
        : (namespace, template) -> List.of("no Kubernetes cluster is configured (steward.retrain.kubernetes.enabled)");
    return new Plans(lineage, index, registry, launchers, settings.credentialsOrEmpty().keySet(), check,
        Clock.systemUTC());
  }

  @Bean
  RetrainScheduler retrainScheduler(Plans plans, RetrainIndex index, RunLedger ledger, RunEngine engine,
      Schedules schedules) {
    return new RetrainScheduler(plans, index, ledger, engine, schedules, Clock.systemUTC());
  }

  /** Promotions that successful runs' plans want, through the approval gates (made by {@code policies}). */
  @Bean
  RunPromotions runPromotions(RunLedger ledger, RetrainIndex index, ObjectProvider<ApprovalGates> gates) {
    return new RunPromotions(ledger, index, gates::getIfAvailable, Clock.systemUTC());
  }

  /** Drift starts lost to a crash, from the drift monitor's stored reports. */
  @Bean
  DriftCatchUp driftCatchUp(RetrainIndex index, RunEngine engine, ObjectProvider<DriftReports> reports,
      RetrainProperties settings) {
    return new DriftCatchUp(index, engine, reports::getIfAvailable, settings.driftCatchUp());
  }

  @Bean
  RetrainReactions retrainReactions(RetrainScheduler scheduler, DriftTriggers drift, RunEngine engine,
      ModelRegistry registry, RunPromotions promotions) {
    return new RetrainReactions(scheduler, drift, engine, registry, promotions);
  }

  /** Where drift starts retraining: {@code DriftDetected} here, the alert receiver's {@code AlertFired} too. */
  @Bean
  DriftTriggers driftTriggers(RetrainIndex index, RunEngine engine) {
    return new DriftTriggers(index, engine, Clock.systemUTC());
  }

  /** Once the index has caught up: the plans' cron triggers as Git says they should be. */
  @Bean
  SmartInitializingSingleton retrainTriggers(Schedules schedules, RetrainIndex index) {
    return () -> schedules.reconcile(index.plans());
  }

  @Bean(destroyMethod = "close")
  RunSupervisor runSupervisor(RunEngine engine, RetrainIndex retrainIndex, ClusterInstances instances,
      Schedules schedules, Launchers launchers, DriftCatchUp drift, RunPromotions promotions,
      RetrainProperties settings, RegistryIndex index, Lineage lineage) {
    return new RunSupervisor(engine, retrainIndex, instances, schedules, launchers, drift, promotions,
        settings.pollInterval(), settings.superviseInterval(),
        () -> lineage.leads() && !index.isRebuilding() && !index.isBehind(), Clock.systemUTC());
  }

  private static boolean clustered(RetrainProperties settings, DataSource dataSource) {
    return settings.clustered() != null ? settings.clustered()
        : databaseProduct(dataSource).toLowerCase(Locale.ROOT).contains("postgres");
  }

  private static String databaseProduct(DataSource dataSource) {
    try {
      return JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
    } catch (Exception e) {
      throw new IllegalStateException("Cannot tell which database the retrain scheduler runs on: " + e.getMessage(), e);
    }
  }

  /** Quartz's instance id: generated (host name and start time) when clustered, {@code NON_CLUSTERED} otherwise. */
  private static String instanceId(Scheduler scheduler) {
    try {
      return scheduler.getSchedulerInstanceId();
    } catch (SchedulerException e) {
      return "unknown";
    }
  }
}
