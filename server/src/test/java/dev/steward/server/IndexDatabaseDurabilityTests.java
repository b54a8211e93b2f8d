package dev.steward.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexDatabaseDurabilityTests {

  @TempDir
  Path dir;

  @Test
  void rowsCommittedOnAnEmbeddedDatabaseSurviveAKillNineRightAfterTheCommit() throws Exception {
    // the URL an operator might write, without WRITE_DELAY: the guard must make it durable on its own
    String url = "jdbc:h2:file:" + dir.resolve("index/steward") + ";DB_CLOSE_ON_EXIT=FALSE";
    Process writer = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-cp",
        System.getProperty("java.class.path"), Writer.class.getName(), url)
        .redirectErrorStream(true).start();
    assertThat(writer.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(writer.getInputStream().readAllBytes());
    assertThat(writer.exitValue()).as(output).isEqualTo(9);
    assertThat(output).contains("committed 50");

    try (Connection c = dataSource(url).getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from acknowledged")) {
      rs.next();
      assertThat(rs.getInt(1)).as("rows committed before the kill").isEqualTo(50);
    }
  }

  private static JdbcDataSource dataSource(String url) {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL(url);
    ds.setUser("steward");
    ds.setPassword("");
    return ds;
  }

  /** Commits 50 rows one by one through the guarded data source, then dies as {@code kill -9} would. */
  public static final class Writer {
    public static void main(String[] args) throws Exception {
      JdbcDataSource ds = dataSource(args[0]);
      // a pool holds its connections open, so the database stays open until the process dies
      Connection c = ds.getConnection();
      IndexDatabaseDurability.apply(ds);
      try (Statement s = c.createStatement()) {
        s.execute("create table acknowledged(id int primary key)");
        for (int i = 0; i < 50; i++) {
          s.execute("insert into acknowledged values (" + i + ")");
        }
      }
      System.out.println("committed 50");
      System.out.flush();
      Runtime.getRuntime().halt(9);
    }
  }
}
