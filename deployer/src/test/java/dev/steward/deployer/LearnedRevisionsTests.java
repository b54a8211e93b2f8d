package dev.steward.deployer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

class LearnedRevisionsTests {

  @TempDir
  Path dir;

  @Test
  void aRevisionLearnedOnTheEmbeddedDatabaseSurvivesAKillNineRightAfterwards() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("index/steward") + ";DB_CLOSE_ON_EXIT=FALSE";
    Process learner = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-cp",
        System.getProperty("java.class.path"), Learner.class.getName(), url).redirectErrorStream(true).start();
    assertThat(learner.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(learner.getInputStream().readAllBytes());
    assertThat(learner.exitValue()).as(output).isEqualTo(9);

    RolloutStore store = new RolloutStore(JdbcClient.create(dataSource(url)), true);
    assertThat(store.revision("production", "churn", "churn-predictor-00002"))
        .as("the revision learned just before the kill").hasValueSatisfying(r -> assertThat(r.version()).isEqualTo(2));
  }

  private static JdbcDataSource dataSource(String url) {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL(url);
    ds.setUser("steward");
    ds.setPassword("");
    return ds;
  }

  /** Learns a revision as the reconciler does, then dies as {@code kill -9} would, within H2's write delay. */
  public static final class Learner {
    public static void main(String[] args) throws Exception {
      JdbcDataSource ds = dataSource(args[0]);
      // a pool holds its connections open, so the database stays open until the process dies
      Connection held = ds.getConnection();
      try (Statement s = held.createStatement()) {
        s.execute(Files.readString(Path.of("src/main/resources/db/migration/deployer/V5_2__rollouts.sql")));
      }
      new RolloutStore(JdbcClient.create(ds), true).revision("production", "churn", "churn-predictor-00002", 2,
          "{}", Instant.now());
      Runtime.getRuntime().halt(9);
    }
  }
}
