package dev.steward.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.drift.traffic.DriftReports;
import dev.steward.drift.traffic.SqlDurability;
import dev.steward.policies.DriftStatus;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Approval gates see the latest stored drift report of the deployed version in the target environment. */
class DriftStatusConfigurationTests {

  private final JdbcClient jdbc;
  private final DriftStatus drift;

  DriftStatusConfigurationTests() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    Flyway.configure().dataSource(ds).locations("classpath:db/migration/drift").load().migrate();
    jdbc = JdbcClient.create(ds);
    drift = new DriftStatusConfiguration().reportedDriftStatus(new DriftReports(jdbc, SqlDurability.of(ds)));
  }

  private void report(int version, String environment, String windowStart, String status, String reasons) {
    Instant start = Instant.parse(windowStart);
    jdbc.sql("insert into drift_report (model, version, environment, window_start, window_end, status, rows_count,"
            + " closed_at, document) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params("churn", version, environment, Timestamp.from(start), Timestamp.from(start.plusSeconds(3600)), status,
            1200L, Timestamp.from(start.plusSeconds(3900)), "{\"reasons\": " + reasons + "}")
        .update();
  }

  @Test
  void answersTheLatestWindowOfTheDeployedVersionInThatEnvironment() {
    report(3, "production", "2026-11-23T08:00:00Z", "ok", "[]");
    report(3, "production", "2026-11-23T09:00:00Z", "alert", "[\"PSI of tenure 0.31 >= 0.25\"]");
    report(3, "staging", "2026-11-23T10:00:00Z", "ok", "[]");
    report(4, "production", "2026-11-23T10:00:00Z", "warn", "[]");

    assertThat(drift.latest("production", "churn", 3))
        .containsEntry("status", "alert")
        .containsEntry("windowStart", "2026-11-23T09:00:00Z")
        .containsEntry("rows", 1200L)
        .containsEntry("reasons", java.util.List.of("PSI of tenure 0.31 >= 0.25"));
    assertThat(drift.latest("staging", "churn", 3)).containsEntry("status", "ok");
  }

  @Test
  void isUnknownWithoutADeploymentOrAReport() {
    report(3, "production", "2026-11-23T08:00:00Z", "ok", "[]");

    assertThat(drift.latest("production", "churn", null)).containsEntry("status", "unknown")
        .extractingByKey("reason").asString().contains("no version of churn is deployed in production");
    assertThat(drift.latest("production", "churn", 2)).containsEntry("status", "unknown")
        .extractingByKey("reason").asString().contains("no drift report for churn/2 in production yet");
  }
}
