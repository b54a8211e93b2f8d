package dev.steward.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.lineage.Change;
import dev.steward.lineage.ChangedFile;
import dev.steward.lineage.FileChange;
import dev.steward.lineage.Lineage;
import dev.steward.lineage.LineageSettings;
import dev.steward.lineage.RecordedChange;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What projections announce is published inside the index transaction, once per commit: for live commits and
 * for commits a catch-up after a crash indexes, never during a rebuild or a catch-up into an empty index.
 */
class AnnouncedEventsTests {
  @TempDir
  Path dir;

  /** Announces the path of every note, and whether a transaction was active when it was published. */
  static final class Notes implements IndexProjection {
    @Override
    public boolean indexes(String path) {
      return path.startsWith("notes/");
    }

    @Override
    public void apply(JdbcClient jdbc, RecordedChange change, ChangedFile file, boolean fresh) {}

    @Override
    public void clear(JdbcClient jdbc) {}

    @Override
    public List<Object> announce(RecordedChange change, ChangedFile file) {
      return List.of(file.path());
    }
  }

  @Test
  void announcesLiveAndCaughtUpCommitsInsideTheIndexTransactionButNotReplays() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    Flyway.configure().dataSource(ds).locations("classpath:db/migration/registry").load().migrate();
    JdbcClient jdbc = JdbcClient.create(ds);
    TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
    List<String> published = new CopyOnWriteArrayList<>();
    List<Boolean> inTransaction = new CopyOnWriteArrayList<>();
    java.util.function.Consumer<Object> events = e -> {
      published.add((String) e);
      inTransaction.add(TransactionSynchronizationManager.isActualTransactionActive());
    };

    try (Lineage lineage = Lineage.open(dir.resolve("registry.git"), LineageSettings.defaults())) {
      // commits made before any index existed: a catch-up into an empty index replays history, silently
      note(lineage, 1);
      RegistryIndex first = new RegistryIndex(lineage, jdbc, tx, List.of(new Notes()), events);
      first.start();
      first.startAnnouncing();
      assertThat(published).isEmpty();

      note(lineage, 2);
      assertThat(published).containsExactly("notes/2.txt");
      assertThat(inTransaction).containsExactly(true);
      first.close();
    }
    // a crash between a commit and its index transaction: the commit is in Git, the index never saw it
    try (Lineage lineage = Lineage.open(dir.resolve("registry.git"), LineageSettings.defaults())) {
      note(lineage, 3);
      assertThat(published).containsExactly("notes/2.txt");
      RegistryIndex restarted = new RegistryIndex(lineage, jdbc, tx, List.of(new Notes()), events);
      restarted.start();
      assertThat(published).as("owed until the listeners exist").containsExactly("notes/2.txt");
      restarted.startAnnouncing();
      assertThat(published).containsExactly("notes/2.txt", "notes/3.txt");
      restarted.startAnnouncing();
      assertThat(published).containsExactly("notes/2.txt", "notes/3.txt");

      restarted.rebuild();
      assertThat(published).as("a rebuild replays without announcing").containsExactly("notes/2.txt", "notes/3.txt");
      assertThat(inTransaction).containsOnly(true);
      restarted.close();
    }
    // owed and announced once: a further start announces nothing again
    try (Lineage lineage = Lineage.open(dir.resolve("registry.git"), LineageSettings.defaults())) {
      RegistryIndex again = new RegistryIndex(lineage, jdbc, tx, List.of(new Notes()), events);
      again.start();
      again.startAnnouncing();
      assertThat(published).containsExactly("notes/2.txt", "notes/3.txt");
      again.close();
    }
  }

  private static void note(Lineage lineage, int n) {
    lineage.record(new Change("alice", "note", "note " + n, "Note " + n,
        List.of(FileChange.put("notes/" + n + ".txt", ("note " + n).getBytes(StandardCharsets.UTF_8)))));
  }
}
