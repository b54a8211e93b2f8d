package dev.steward.deployer;

import static dev.steward.deployer.DeploymentFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.lineage.ChangedFile;
import dev.steward.lineage.RecordedChange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The projection turns deployment records into rows; applying a commit twice, or in a rebuild, changes nothing. */
class DeploymentProjectionTests {
  private final DeploymentProjection projection = new DeploymentProjection();
  private JdbcClient jdbc;
  private DeploymentIndex index;

  @BeforeEach
  void createTables() throws IOException {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:deployer-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    jdbc = JdbcClient.create(ds);
    jdbc.sql("create table registry_index_state (id int, last_commit varchar(64))").update();
    try (InputStream in = getClass().getResourceAsStream("/db/migration/deployer/V5_1__deployments.sql")) {
      String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
      for (String statement : sql.split(";")) {
        if (!statement.isBlank()) {
          jdbc.sql(statement).update();
        }
      }
    }
    index = new DeploymentIndex(jdbc);
  }

  private static RecordedChange change(String commit, Deployment d) {
    return new RecordedChange(commit, NOW, "bob", "test", "x", Map.of(),
        List.of(new ChangedFile(d.path(), DeploymentDocuments.toYaml(d))));
  }

  private void apply(RecordedChange c, boolean fresh) {
    c.files().forEach(f -> projection.apply(jdbc, c, f, fresh));
  }

  private Map<String, Long> rows() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : List.of("deployment", "deployment_history")) {
      counts.put(table, jdbc.sql("select count(*) from " + table).query(Long.class).single());
    }
    return counts;
  }

  @Test
  void keepsTheLatestRecordAndOneHistoryRowPerCommit() {
    Deployment v1 = DeploymentFixtures.deployment("dev", 1, Deployment.Action.PROMOTE, 0);
    Deployment v2 = DeploymentFixtures.deployment("dev", 2, Deployment.Action.PROMOTE, 60);
    Deployment back = DeploymentFixtures.deployment("dev", 1, Deployment.Action.ROLLBACK, 120);
    apply(change("c1", v1), false);
    apply(change("c2", v2), false);
    apply(change("c3", back), false);
    Map<String, Long> once = rows();
    apply(change("c3", back), false);

    assertThat(rows()).isEqualTo(once).containsEntry("deployment", 1L).containsEntry("deployment_history", 3L);
    assertThat(index.history("dev", "churn")).extracting(DeploymentIndex.HistoryEntry::version).containsExactly(1, 2, 1);
    assertThat(index.deployment("dev", "churn")).map(Deployment::action).contains(Deployment.Action.ROLLBACK);
    assertThat(index.deployment("dev", "churn")).map(Deployment::manifest).contains(back.manifest());
  }

  @Test
  void replaysARewrittenRecordInAFreshRebuild() {
    // a rebuild clears the tables and replays with fresh = true, but the record is written by many commits
    projection.clear(jdbc);
    apply(change("c1", DeploymentFixtures.deployment("dev", 1, Deployment.Action.PROMOTE, 0)), true);
    apply(change("c2", DeploymentFixtures.deployment("dev", 2, Deployment.Action.PROMOTE, 60)), true);

    assertThat(index.deployment("dev", "churn")).map(Deployment::version).contains(2);
    assertThat(rows()).containsEntry("deployment", 1L).containsEntry("deployment_history", 2L);
  }
}
