package dev.steward.alerts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The on-call history: every alert of every delivery with what Steward did about it, and every delivery it
 * refused with the reason. Traffic, not governance: SQL table {@code alert_history} outside the rebuildable
 * index (a rebuild keeps it), pruned after {@code steward.alerts.history-retention}.
 */
public class AlertHistory {
  private final JdbcClient jdbc;

  AlertHistory(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** What Steward did with one alert, or with a whole refused delivery. */
  public enum Outcome {
    /** The action ran: a rollback commit, or an episode recorded and {@link AlertFired} published. */
    ACTED,
    /** This episode was acted on before; nothing was done. */
    DUPLICATE,
    /** The alert resolved; recorded, never acted on. */
    RESOLVED,
    /** Nothing was done, and {@code reason} says why (cooldown, version no longer desired, nothing to roll back to). */
    IGNORED,
    /** The delivery was refused (4xx); nothing was done. */
    REJECTED,
    /** A transient failure (5xx): nothing was done, and Alertmanager sends the delivery again. */
    FAILED;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** One line of the history. Alert fields are null on a refused delivery. */
  public record Entry(long id, String delivery, Instant receivedAt, String source, @Nullable String principal,
      @Nullable String remoteAddress, @Nullable String receiver, @Nullable Integer truncatedAlerts,
      @Nullable String fingerprint, @Nullable String startsAt, @Nullable String status, @Nullable String alertname,
      @Nullable String model, @Nullable String environment, @Nullable Integer version, @Nullable String action,
      String outcome, @Nullable String reason, @Nullable String commit, int httpStatus) {}

  /** Which entries to list; null fields do not filter. */
  public record Query(@Nullable String model, @Nullable String environment, @Nullable String outcome,
      @Nullable String fingerprint, int page, int size) {
    public Query {
      if (page < 0 || size < 1 || size > 500) {
        throw new IllegalArgumentException("page must be >= 0 and size between 1 and 500");
      }
    }
  }

  /** What a delivery was, for every line it adds. */
  record Delivery(String id, Instant receivedAt, String source, @Nullable String principal,
      @Nullable String remoteAddress, @Nullable String receiver, @Nullable String groupKey,
      @Nullable Integer truncatedAlerts) {}

  void alert(Delivery d, ReceivedAlert a, Outcome outcome, @Nullable String reason, @Nullable String commit,
      int httpStatus) {
    jdbc.sql("""
        insert into alert_history (delivery, received_at, source, principal, remote_address, receiver, group_key,
          truncated_alerts, fingerprint, starts_at, alert_status, alertname, model, environment, version, action,
          outcome, reason, commit_id, http_status)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(d.id(), Timestamp.from(d.receivedAt()), d.source(), cut(d.principal(), 256),
            cut(d.remoteAddress(), 64), cut(d.receiver(), 256), cut(d.groupKey(), 1024), d.truncatedAlerts(),
            a.fingerprint(), a.startsAtKey(), a.status().id(), cut(a.alertname(), 256), a.model(), a.environment(),
            a.version(), a.action().id(), outcome.id(), cut(reason, 2000), commit, httpStatus)
        .update();
  }

  void rejected(Delivery d, String reason, int httpStatus) {
    jdbc.sql("""
        insert into alert_history (delivery, received_at, source, principal, remote_address, receiver, group_key,
          truncated_alerts, outcome, reason, http_status)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(d.id(), Timestamp.from(d.receivedAt()), d.source(), cut(d.principal(), 256),
            cut(d.remoteAddress(), 64), cut(d.receiver(), 256), cut(d.groupKey(), 1024), d.truncatedAlerts(),
            Outcome.REJECTED.id(), cut(reason, 2000), httpStatus)
        .update();
  }

  /** A delivery refused before the receiver saw it (by authentication, size or content type), with the reason. */
  public void refused(String delivery, Instant receivedAt, @Nullable String remoteAddress, String reason,
      int httpStatus) {
    jdbc.sql("insert into alert_history (delivery, received_at, source, remote_address, outcome, reason,"
            + " http_status) values (?, ?, ?, ?, ?, ?, ?)")
        .params(delivery, Timestamp.from(receivedAt), "alertmanager", cut(remoteAddress, 64),
            (httpStatus >= 500 ? Outcome.FAILED : Outcome.REJECTED).id(), cut(reason, 2000), httpStatus)
        .update();
  }

  public List<Entry> list(Query q) {
    StringBuilder sql = new StringBuilder("select * from alert_history where 1 = 1");
    List<Object> params = new ArrayList<>();
    for (String[] f : new String[][] {{"model", q.model()}, {"environment", q.environment()},
        {"outcome", q.outcome()}, {"fingerprint", q.fingerprint()}}) {
      if (f[1] != null) {
        sql.append(" and ").append(f[0]).append(" = ?");
        params.add(f[1]);
      }
    }
    sql.append(" order by id desc limit ").append(q.size()).append(" offset ").append((long) q.page() * q.size());
    return jdbc.sql(sql.toString()).params(params).query(AlertHistory::row).list();
  }

  /** Deletes lines received before {@code before}, and refused deliveries beyond the newest {@code keepRejected}. */
  int prune(Instant before, int keepRejected) {
    int n = jdbc.sql("delete from alert_history where received_at < ?").param(Timestamp.from(before)).update();
    Long cutoff = jdbc.sql("select id from alert_history where outcome = 'rejected' order by id desc offset ? rows"
        + " fetch next 1 rows only").param(keepRejected).query(Long.class).optional().orElse(null);
    if (cutoff != null) {
      n += jdbc.sql("delete from alert_history where outcome = 'rejected' and id <= ?").param(cutoff).update();
    }
    return n;
  }

  private static Entry row(ResultSet rs, int n) throws SQLException {
    return new Entry(rs.getLong("id"), rs.getString("delivery"), rs.getTimestamp("received_at").toInstant(),
        rs.getString("source"), rs.getString("principal"), rs.getString("remote_address"), rs.getString("receiver"),
        (Integer) rs.getObject("truncated_alerts", Integer.class), rs.getString("fingerprint"),
        rs.getString("starts_at"), rs.getString("alert_status"), rs.getString("alertname"), rs.getString("model"),
        rs.getString("environment"), (Integer) rs.getObject("version", Integer.class), rs.getString("action"),
        rs.getString("outcome"), rs.getString("reason"), rs.getString("commit_id"), rs.getInt("http_status"));
  }

  private static @Nullable String cut(@Nullable String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
