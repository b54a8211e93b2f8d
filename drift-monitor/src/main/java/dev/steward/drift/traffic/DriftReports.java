package dev.steward.drift.traffic;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Stored drift reports, one per closed window of a stream. */
public class DriftReports {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final JdbcClient jdbc;

  private final SqlDurability durability;

  public DriftReports(JdbcClient jdbc, SqlDurability durability) {
    this.jdbc = jdbc;
    this.durability = durability;
  }

  /** Makes the reports added so far durable; before the log they summarise is deleted. */
  void flush() {
    durability.flush();
  }

  /** Which reports to list; null fields do not filter. */
  public record Query(@Nullable String model, @Nullable Integer version, @Nullable String environment,
      @Nullable DriftStatus status, @Nullable Instant from, @Nullable Instant to, int page, int size) {
    public Query {
      if (page < 0 || size < 1 || size > 500) {
        throw new InvalidTraffic(400, "size", "page must be >= 0 and size between 1 and 500.");
      }
    }
  }

  DriftReport add(DriftReport report) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql("insert into drift_report (model, version, environment, window_start, window_end, status, rows_count,"
            + " closed_at, document) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(report.stream().model(), report.stream().version(), report.stream().environment(),
            Timestamp.from(report.windowStart()), Timestamp.from(report.windowEnd()), report.status().id(),
            report.rows(), Timestamp.from(report.closedAt()), JSON.writeValueAsString(report.document()))
        .update(keys, "id");
    return report.withId(keys.getKey().longValue());
  }

  /** The start of the latest reported window of a stream, if any. */
  Optional<Instant> lastWindowStart(StreamKey stream) {
    return jdbc.sql("select max(window_start) from drift_report where model = ? and version = ? and environment = ?")
        .params(stream.model(), stream.version(), stream.environment())
        .query((rs, n) -> rs.getTimestamp(1))
        .optional()
        .map(Timestamp::toInstant);
  }

  public Optional<DriftReport> get(long id) {
    return jdbc.sql("select * from drift_report where id = ?").param(id).query(DriftReports::row).optional();
  }

  public List<DriftReport> list(Query q) {
    StringBuilder sql = new StringBuilder("select * from drift_report where 1 = 1");
    List<Object> params = new ArrayList<>();
    if (q.model() != null) {
      sql.append(" and model = ?");
      params.add(q.model());
    }
    if (q.version() != null) {
      sql.append(" and version = ?");
      params.add(q.version());
    }
    if (q.environment() != null) {
      sql.append(" and environment = ?");
      params.add(q.environment());
    }
    if (q.status() != null) {
      sql.append(" and status = ?");
      params.add(q.status().id());
    }
    if (q.from() != null) {
      sql.append(" and window_start >= ?");
      params.add(Timestamp.from(q.from()));
    }
    if (q.to() != null) {
      sql.append(" and window_start < ?");
      params.add(Timestamp.from(q.to()));
    }
    sql.append(" order by window_start desc, id desc limit ").append(q.size()).append(" offset ")
        .append((long) q.page() * q.size());
    return jdbc.sql(sql.toString()).params(params).query(DriftReports::row).list();
  }

  private static DriftReport row(ResultSet rs, int n) throws SQLException {
    ObjectNode doc = (ObjectNode) JSON.readTree(rs.getString("document"));
    doc.put("id", rs.getLong("id"));
    List<String> reasons = new ArrayList<>();
    doc.path("reasons").forEach(r -> reasons.add(r.asString()));
    return new DriftReport(rs.getLong("id"),
        new StreamKey(rs.getString("model"), rs.getInt("version"), rs.getString("environment")),
        rs.getTimestamp("window_start").toInstant(), rs.getTimestamp("window_end").toInstant(),
        DriftStatus.fromId(rs.getString("status")), rs.getLong("rows_count"), rs.getTimestamp("closed_at").toInstant(),
        reasons, doc);
  }
}
