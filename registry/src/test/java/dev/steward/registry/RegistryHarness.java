package dev.steward.registry;

import dev.steward.lineage.Lineage;
import dev.steward.lineage.LineageSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The registry over a real repository in a temporary directory and an in-memory H2 index, without Spring. */
final class RegistryHarness implements AutoCloseable {
  final Lineage lineage;
  final JdbcClient jdbc;
  final RegistryIndex index;
  final ModelRegistry registry;
  final List<Object> events = new CopyOnWriteArrayList<>();
  final ParsedDocuments parsed = new ParsedDocuments();

  RegistryHarness(Path dir) {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    Flyway.configure().dataSource(ds).locations("classpath:db/migration/registry").load().migrate();
    jdbc = JdbcClient.create(ds);
    lineage = Lineage.open(dir.resolve("registry.git"), LineageSettings.defaults());
    index = new RegistryIndex(lineage, jdbc, new TransactionTemplate(new DataSourceTransactionManager(ds)),
        List.of(new RegistryProjection(parsed)));
    index.start();
    registry = new ModelRegistry(lineage, jdbc, Clock.systemUTC(), events::add, parsed);
  }

  @Override
  public void close() {
    index.close();
    lineage.close();
  }
}
