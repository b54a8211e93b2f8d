package dev.steward.server.ha;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Who leads, as the row {@code steward_leader} says: the leader names itself there when it takes over and
 * renews the row while it leads. A row not renewed within the lease names nobody.
 */
final class Leaders {
  /** The leader's generation and the address it takes forwarded writes at. */
  record Leader(long generation, URI url) {}

  private final JdbcClient jdbc;
  private final Duration lease;
  private final Duration cacheFor;
  private volatile Optional<Leader> cached = Optional.empty();
  private volatile long cachedAt;

  Leaders(JdbcClient jdbc, Duration lease, Duration cacheFor) {
    this.jdbc = jdbc;
    this.lease = lease;
    this.cacheFor = cacheFor;
  }

  /** The current leader, looked up at most every {@code cacheFor}. */
  Optional<Leader> current() {
    long now = System.nanoTime();
    if (now - cachedAt < cacheFor.toNanos()) {
      return cached;
    }
    Optional<Leader> found = lookUp();
    cached = found;
    cachedAt = now;
    return found;
  }

  /** Forgets the cached answer: the leader it named did not answer. */
  void forget() {
    cachedAt = 0;
  }

  private Optional<Leader> lookUp() {
    return jdbc.sql("select generation, holder, renewed_at, current_timestamp from steward_leader where id = 1")
        .query((rs, i) -> {
          String holder = rs.getString(2);
          Timestamp renewed = rs.getTimestamp(3);
          Instant dbNow = rs.getTimestamp(4).toInstant();
          if (holder == null || renewed == null || renewed.toInstant().plus(lease).isBefore(dbNow)) {
            return Optional.<Leader>empty();
          }
          return Optional.of(new Leader(rs.getLong(1), URI.create(holder)));
        })
        .optional().flatMap(o -> o);
  }
}
