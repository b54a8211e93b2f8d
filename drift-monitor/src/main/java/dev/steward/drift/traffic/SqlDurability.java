package dev.steward.drift.traffic;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Makes drift data that lives only in SQL (reports) durable before the write-ahead log that a report
 * summarises is deleted. (Reference profiles are commits in the registry repository, durable before they
 * are acknowledged; their SQL rows are an index rebuilt from Git.) A PostgreSQL commit is
 * durable; H2 keeps commits in memory for up to its write delay (500 ms by default) and loses them on a
 * kill -9 unless told to write them out, which {@code CHECKPOINT} does. Making every H2 commit write
 * through ({@code WRITE_DELAY=0}) would do the same for these rare writes but cost the registry a third
 * of its registrations per second, whose index is rebuilt from Git anyway.
 */
public final class SqlDurability {
  private final JdbcClient jdbc;
  private final boolean h2;

  private SqlDurability(JdbcClient jdbc, boolean h2) {
    this.jdbc = jdbc;
    this.h2 = h2;
  }

  public static SqlDurability of(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      return new SqlDurability(JdbcClient.create(dataSource), "H2".equals(c.getMetaData().getDatabaseProductName()));
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot tell which database holds the drift tables", e);
    }
  }

  /** Writes committed changes to disk where the database would otherwise hold them back. */
  void flush() {
    if (h2) {
      jdbc.sql("CHECKPOINT").update();
    }
  }
}
