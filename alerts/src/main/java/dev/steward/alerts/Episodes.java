package dev.steward.alerts;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads the episodes {@link EpisodeProjection} indexed. */
class Episodes {
  private final JdbcClient jdbc;

  Episodes(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** An episode Steward already acted on, and the commit that recorded it. */
  record Recorded(String fingerprint, String startsAt, String alertname, AlertAction action, String commitId,
      Instant recordedAt) {}

  Optional<Recorded> find(String fingerprint, String startsAt) {
    return jdbc.sql("""
        select fingerprint, starts_at, alertname, action, commit_id, recorded_at from alert_episode
        where fingerprint = ? and starts_at = ?""").params(fingerprint, startsAt)
        .query((rs, n) -> new Recorded(rs.getString(1), rs.getString(2), rs.getString(3),
            AlertAction.fromId(rs.getString(4)), rs.getString(5), rs.getTimestamp(6).toInstant()))
        .optional();
  }

  /** The latest episode of this action on the model in the environment recorded at or after {@code since}. */
  Optional<Recorded> latestSince(String model, String environment, AlertAction action, Instant since) {
    return jdbc.sql("""
        select fingerprint, starts_at, alertname, action, commit_id, recorded_at from alert_episode
        where model = ? and environment = ? and action = ? and recorded_at >= ?
        order by recorded_at desc limit 1""").params(model, environment, action.id(), Timestamp.from(since))
        .query((rs, n) -> new Recorded(rs.getString(1), rs.getString(2), rs.getString(3),
            AlertAction.fromId(rs.getString(4)), rs.getString(5), rs.getTimestamp(6).toInstant()))
        .optional();
  }
}
