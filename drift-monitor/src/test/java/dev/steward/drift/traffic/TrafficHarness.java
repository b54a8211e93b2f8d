package dev.steward.drift.traffic;

import dev.steward.lineage.Lineage;
import dev.steward.lineage.LineageSettings;
import dev.steward.registry.RegistryIndex;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The traffic monitor over a real H2 database, a real registry repository (reference profiles are
 * commits there, indexed by {@link ReferenceProfileProjection} through the registry's {@link RegistryIndex})
 * and a write-ahead log in a temporary directory, with a fixed set of model versions instead of the
 * registry (the server's system tests use the real one). The clock stands at {@link #DAY} + 12 h until a
 * test moves it.
 */
final class TrafficHarness implements AutoCloseable {
  static final Instant DAY = Instant.parse("2026-01-05T00:00:00Z");

  final Path dir;
  final JdbcClient jdbc;
  final TransactionTemplate tx;
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final List<Object> events = new CopyOnWriteArrayList<>();
  final Map<String, MonitoredModel> models;
  final DriftReports reports;
  final SettableClock clock = new SettableClock(DAY.plus(Duration.ofHours(12)));
  TrafficMonitor monitor;
  Lineage lineage;
  RegistryIndex index;
  /** What the next {@link #restartAfterCrash} starts the monitor with. */
  TrafficMonitor.Settings settings;
  final JdbcDataSource ds;

  TrafficHarness(Path dir, Map<String, MonitoredModel> models) {
    this(dir, models, 1000);
  }

  TrafficHarness(Path dir, Map<String, MonitoredModel> models, int maxBatchRows) {
    this(dir, models, maxBatchRows, 100_000);
  }

  TrafficHarness(Path dir, Map<String, MonitoredModel> models, int maxBatchRows, int maxReferenceLabelled) {
    this.dir = dir;
    this.models = models;
    ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:file:" + dir.resolve("db/" + UUID.randomUUID()) + ";DB_CLOSE_DELAY=-1");
    Flyway.configure().dataSource(ds).locations("classpath:db/migration/registry", "classpath:db/migration/drift")
        .load().migrate();
    jdbc = JdbcClient.create(ds);
    tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
    reports = new DriftReports(jdbc, SqlDurability.of(ds));
    settings = new TrafficMonitor.Settings(Duration.ofHours(1), Duration.ofMinutes(5), dir.resolve("wal"),
        maxBatchRows, 1_000_000, 100_000, 50, 10, Duration.ofMinutes(5), Duration.ofDays(7), maxReferenceLabelled);
    monitor = start();
  }

  private TrafficMonitor start() {
    lineage = Lineage.open(dir.resolve("registry.git"), LineageSettings.defaults());
    index = new RegistryIndex(lineage, jdbc, tx, List.of(new ReferenceProfileProjection()));
    index.start();
    MonitoredModels lookup = new MonitoredModels((m, v) -> Optional.ofNullable(models.get(m + "/" + v)));
    return new TrafficMonitor(lookup, new ReferenceProfiles(jdbc, lineage), reports, new DriftMetrics(meters),
        events::add, settings, clock);
  }

  /**
   * A new monitor over the same database, repository and log, as after a crash (the old monitor is
   * dropped unclosed; the repository and index are closed, since they guard their files).
   */
  void restartAfterCrash() {
    index.close();
    lineage.close();
    monitor = start();
  }

  IngestResult rows(String jsonLines) {
    byte[] body = jsonLines.getBytes(StandardCharsets.UTF_8);
    return monitor.ingestRows(body, body.length);
  }

  IngestResult labels(String jsonLines) {
    byte[] body = jsonLines.getBytes(StandardCharsets.UTF_8);
    return monitor.ingestLabels(body, body.length);
  }

  static MonitoredModel churn(String name, int version) {
    return new MonitoredModel(name, version, List.of(new MonitoredModel.MonitoredFeature("x", true),
        new MonitoredModel.MonitoredFeature("c", false)),
        new MonitoredModel.Thresholds(0.1, 0.25, 0.05, 0.1, null));
  }

  @Override
  public void close() {
    monitor.close();
    index.close();
    lineage.close();
  }
}
