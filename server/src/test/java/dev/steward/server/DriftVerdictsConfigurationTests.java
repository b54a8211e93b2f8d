package dev.steward.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.deployer.DriftVerdicts;
import dev.steward.drift.traffic.DriftReports;
import dev.steward.drift.traffic.SqlDurability;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Canary analysis sees the latest drift window of the canary version's own traffic that closed after it started. */
class DriftVerdictsConfigurationTests {
  private static final Instant CANARY_STARTED = Instant.parse("2026-11-23T09:30:00Z");

  private final JdbcClient jdbc;
  private final DriftVerdicts verdicts;

  DriftVerdictsConfigurationTests() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    Flyway.configure().dataSource(ds).locations("classpath:db/migration/drift").load().migrate();
    jdbc = JdbcClient.create(ds);
    verdicts = new DriftVerdictsConfiguration().driftVerdicts(new DriftReports(jdbc, SqlDurability.of(ds)));
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
  void answersTheCanaryVersionsOwnWindowInWords() {
    report(2, "production", "2026-11-23T09:00:00Z", "alert", "[\"PSI of tenure 0.31 >= 0.25\"]");
    report(1, "production", "2026-11-23T09:00:00Z", "ok", "[]");

    DriftVerdicts.Verdict verdict = verdicts.latest("production", "churn", 2, CANARY_STARTED);

    assertThat(verdict.status()).isEqualTo(DriftVerdicts.Status.ALERT);
    assertThat(verdict.summary()).contains("1200 rows").contains("PSI of tenure 0.31 >= 0.25");
    assertThat(verdicts.latest("production", "churn", 1, CANARY_STARTED).status()).isEqualTo(DriftVerdicts.Status.OK);
  }

  @Test
  void isUnknownWhileNoWindowClosedSinceTheCanaryStarted() {
    report(2, "production", "2026-11-23T07:00:00Z", "alert", "[\"an earlier canary of the same version\"]");

    DriftVerdicts.Verdict verdict = verdicts.latest("production", "churn", 2, CANARY_STARTED);

    assertThat(verdict.status()).isEqualTo(DriftVerdicts.Status.UNKNOWN);
    assertThat(verdict.summary()).contains("has closed since 2026-11-23T09:30:00Z");
    assertThat(verdicts.latest("staging", "churn", 2, CANARY_STARTED).status()).isEqualTo(DriftVerdicts.Status.UNKNOWN);
  }
}
