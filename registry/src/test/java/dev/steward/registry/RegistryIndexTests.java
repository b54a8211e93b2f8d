package dev.steward.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.steward.lineage.Change;
import dev.steward.lineage.ChangedFile;
import dev.steward.lineage.FileChange;
import dev.steward.lineage.Lineage;
import dev.steward.lineage.LineageSettings;
import dev.steward.lineage.RecordedChange;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Rebuilds replay Git in chunks, say while they run, and recover like a crash when they stop half-way. */
class RegistryIndexTests {
  private static final int COMMITS = 2_500;

  @TempDir
  Path dir;
  Lineage lineage;
  JdbcClient jdbc;
  RegistryIndex index;
  final Notes notes = new Notes();

  /** Indexes {@code notes/<n>.txt} into a table of its own; can be told to fail once on one file. */
  final class Notes implements IndexProjection {
    final List<Boolean> rebuildingSeen = new CopyOnWriteArrayList<>();
    final AtomicInteger afterFailure = new AtomicInteger();
    volatile int failAt = -1;
    final AtomicInteger applied = new AtomicInteger();
    volatile boolean failed;

    @Override
    public boolean indexes(String path) {
      return path.startsWith("notes/");
    }

    @Override
    public void apply(JdbcClient jdbc, RecordedChange change, ChangedFile file, boolean fresh) {
      rebuildingSeen.add(index.isRebuilding());
      if (failed) {
        afterFailure.incrementAndGet();
      }
      if (applied.incrementAndGet() == failAt) {
        failed = true;
        throw new IllegalStateException("the database went away while indexing " + file.path());
      }
      if (!fresh) {
        jdbc.sql("delete from note where path = ?").param(file.path()).update();
      }
      jdbc.sql("insert into note (path, body) values (?, ?)")
          .params(file.path(), new String(file.content(), StandardCharsets.UTF_8)).update();
    }

    @Override
    public void clear(JdbcClient jdbc) {
      jdbc.sql("delete from note").update();
    }
  }

  @BeforeEach
  void open() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    Flyway.configure().dataSource(ds).locations("classpath:db/migration/registry").load().migrate();
    jdbc = JdbcClient.create(ds);
    jdbc.sql("create table note (path varchar(200) primary key, body varchar(200))").update();
    lineage = Lineage.open(dir.resolve("registry.git"), LineageSettings.defaults());
    index = new RegistryIndex(lineage, jdbc, new TransactionTemplate(new DataSourceTransactionManager(ds)),
        List.of(notes));
    index.start();
    List<CompletableFuture<RecordedChange>> pending = new ArrayList<>();
    for (int i = 0; i < COMMITS; i++) {
      pending.add(lineage.recordAsync(new Change("alice", "note", "note " + i, "Note " + i,
          List.of(FileChange.create("notes/" + i + ".txt", ("note " + i).getBytes(StandardCharsets.UTF_8))),
          Map.of())));
    }
    pending.forEach(CompletableFuture::join);
  }

  @AfterEach
  void close() {
    index.close();
    lineage.close();
  }

  private int notesIndexed() {
    return jdbc.sql("select count(*) from note").query(Integer.class).single();
  }

  @Test
  void saysItIsRebuildingOnlyWhileItReplays() {
    assertThat(notes.rebuildingSeen).hasSize(COMMITS).containsOnly(false);
    notes.rebuildingSeen.clear();

    RegistryIndex.Progress progress = index.rebuild();

    assertThat(progress.commits()).isEqualTo(COMMITS);
    assertThat(progress.lastCommit()).isEqualTo(lineage.head().orElseThrow());
    assertThat(notes.rebuildingSeen).hasSize(COMMITS).containsOnly(true);
    assertThat(index.isRebuilding()).isFalse();
    assertThat(notesIndexed()).isEqualTo(COMMITS);
  }

  @Test
  void staysUnavailableAfterARebuildStopsHalfWayUntilItCaughtUpFromTheLastChunk() {
    notes.applied.set(0);
    notes.failAt = 1_100; // in the second chunk, while Git is still being read

    assertThatThrownBy(index::rebuild).hasMessageContaining("the database went away");

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(index.isBehind()).isFalse();
      assertThat(notesIndexed()).isEqualTo(COMMITS);
    });
    assertThat(index.isRebuilding()).as("unavailable until caught up").isFalse();
    assertThat(notes.rebuildingSeen.subList(COMMITS, notes.rebuildingSeen.size())).as("during the catch-up")
        .containsOnly(true);
    assertThat(notes.afterFailure.get()).as("commits replayed after the failure: all but the first chunk")
        .isEqualTo(COMMITS - 1_000);
    assertThat(index.lastIndexedCommit()).isEqualTo(lineage.head());
  }
}
