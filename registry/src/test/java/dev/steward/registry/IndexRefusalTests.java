package dev.steward.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.steward.lineage.Change;
import dev.steward.lineage.ChangedFile;
import dev.steward.lineage.FileChange;
import dev.steward.lineage.Lineage;
import dev.steward.lineage.LineageSettings;
import dev.steward.lineage.RecordedChange;
import dev.steward.lineage.SigningSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The index never holds a commit that fails verification: catch-up and rebuild stop before it, keep the
 * index at the last good commit and name the commit, and commits that land on top of it are not indexed.
 */
class IndexRefusalTests {
  @TempDir
  Path dir;
  JdbcDataSource ds;
  JdbcClient jdbc;
  Lineage lineage;
  RegistryIndex index;

  /** Indexes {@code notes/<n>.txt} into a table of its own. */
  static final class Notes implements IndexProjection {
    @Override
    public boolean indexes(String path) {
      return path.startsWith("notes/");
    }

    @Override
    public void apply(JdbcClient jdbc, RecordedChange change, ChangedFile file, boolean fresh) {
      jdbc.sql("delete from note where path = ?").param(file.path()).update();
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
    ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    Flyway.configure().dataSource(ds).locations("classpath:db/migration/registry").load().migrate();
    jdbc = JdbcClient.create(ds);
    jdbc.sql("create table note (path varchar(200) primary key, body varchar(200))").update();
    lineage = Lineage.open(repository(), signed());
  }

  @AfterEach
  void close() {
    if (index != null) {
      index.close();
    }
    lineage.close();
  }

  Path repository() {
    return dir.resolve("registry.git");
  }

  LineageSettings signed() {
    return LineageSettings.defaults().withSigning(SigningSettings.generatedIn(dir.resolve("signing")));
  }

  RegistryIndex startIndex() {
    index = new RegistryIndex(lineage, jdbc, new TransactionTemplate(new DataSourceTransactionManager(ds)),
        List.of(new Notes()));
    index.start();
    return index;
  }

  static Change note(int n) {
    return new Change("alice", "note", "note " + n, "Note " + n,
        List.of(FileChange.put("notes/" + n + ".txt", ("note " + n).getBytes(StandardCharsets.UTF_8))));
  }

  /** A commit written by a second, unsigned writer on the same repository, as a hand-made commit would be. */
  String unsignedNote(int n) {
    try (Lineage unsigned = Lineage.open(repository(), LineageSettings.defaults())) {
      return unsigned.record(note(n)).commitId();
    }
  }

  List<String> notes() {
    return jdbc.sql("select body from note order by path").query(String.class).list();
  }

  @Test
  void stopsBeforeAnUnsignedCommitThatAnotherWriterSlippedBeneathALiveBatch() {
    startIndex();
    lineage.record(note(1));
    String lastGood = lineage.record(note(2)).commitId();
    String unsigned = unsignedNote(3);

    lineage.record(note(4)); // lands on top of the unsigned commit; the index notices and replays from Git
    lineage.record(note(5));

    assertThat(index.refusal()).get().satisfies(refusal -> {
      assertThat(refusal.commitId()).isEqualTo(unsigned);
      assertThat(refusal.reason()).contains("not signed");
      assertThat(refusal.lastIndexedCommit()).isEqualTo(lastGood);
    });
    assertThat(index.isBehind()).isTrue();
    assertThat(index.lastIndexedCommit()).contains(lastGood);
    assertThat(notes()).containsExactly("note 1", "note 2");

    assertThatExceptionOfType(IndexRefused.class).isThrownBy(index::rebuild)
        .satisfies(e -> assertThat(e.refusal().commitId()).isEqualTo(unsigned))
        .withMessageContaining(unsigned);
    assertThat(notes()).containsExactly("note 1", "note 2");
    assertThat(index.isRebuilding()).isFalse();
  }

  @Test
  void catchUpAtStartStopsBeforeTheUntrustedCommitAndARebuildGetsPastOnceItIsGone() throws IOException {
    lineage.record(note(1));
    String lastGood = lineage.record(note(2)).commitId();
    String unsigned = unsignedNote(3);
    lineage.close();
    lineage = Lineage.open(repository(), signed());

    RegistryIndex.Progress progress = startIndex().catchUp();

    assertThat(progress.refused()).isNotNull();
    assertThat(progress.refused().commitId()).isEqualTo(unsigned);
    assertThat(progress.lastCommit()).isEqualTo(lastGood);
    assertThat(notes()).containsExactly("note 1", "note 2");

    try (Repository git = new FileRepositoryBuilder().setGitDir(repository().toFile()).setBare().build()) {
      RefUpdate reset = git.updateRef("refs/heads/main");
      reset.setNewObjectId(ObjectId.fromString(lastGood));
      reset.setForceUpdate(true);
      assertThat(reset.update()).isEqualTo(RefUpdate.Result.FORCED);
    }
    RegistryIndex.Progress rebuilt = index.rebuild();

    assertThat(rebuilt.refused()).isNull();
    assertThat(index.refusal()).isEmpty();
    assertThat(index.isBehind()).isFalse();
    lineage.record(note(4));
    assertThat(notes()).containsExactly("note 1", "note 2", "note 4");
  }

  @Test
  void indexesItsOwnSignedCommitsAsTheyAreMade() {
    startIndex();
    for (int n = 1; n <= 3; n++) {
      lineage.record(note(n));
    }

    assertThat(index.refusal()).isEmpty();
    assertThat(index.lastIndexedCommit()).isEqualTo(lineage.head());
    assertThat(notes()).containsExactly("note 1", "note 2", "note 3");
  }
}
