package dev.steward.retrain;

import com.zaxxer.hikari.HikariConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;

/**
 * On the PostgreSQL server the test command starts ({@code STEWARD_TEST_POSTGRES_URL}), in a schema of its own;
 * in CI a missing server fails the test, elsewhere it is skipped with a message.
 */
class QuartzStepsOnPostgresTests extends QuartzStepsTests {
  private final String schema = "quartz_steps_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  private static String url() {
    String url = System.getenv("STEWARD_TEST_POSTGRES_URL");
    if (url == null || url.isBlank()) {
      String message = "STEWARD_TEST_POSTGRES_URL is not set: run the suite with bin/test-all, which starts PostgreSQL";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail(message);
      }
      Assumptions.abort(message);
    }
    return url;
  }

  private static String user() {
    return System.getenv().getOrDefault("STEWARD_TEST_POSTGRES_USER", "postgres");
  }

  @Override
  HikariConfig database() {
    execute("create schema " + schema);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url() + (url().contains("?") ? "&" : "?") + "currentSchema=" + schema);
    config.setUsername(user());
    return config;
  }

  @Override
  String quartzTables() {
    return "classpath:db/quartz/postgresql";
  }

  @Override
  Class<?> delegate() {
    return PostgreSQLDelegate.class;
  }

  @Override
  void dropDatabase() {
    execute("drop schema if exists " + schema + " cascade");
  }

  private void execute(String sql) {
    try (Connection c = DriverManager.getConnection(url(), user(), ""); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
