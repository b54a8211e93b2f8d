package dev.steward.server.ha;

import dev.steward.lineage.Lineage;
import dev.steward.lineage.Term;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election on a PostgreSQL advisory lock: the replica whose session holds the lock leads. It bumps the
 * generation in {@code steward_leader}, takes over the shared repository ({@link Lineage#lead(Term)}, which
 * fences off the previous leader on the Git remote) and renews the row every retry period. A killed replica's
 * session ends with its TCP connection and frees the lock at once; a replica cut off from the database is
 * dropped by the server after {@code idle_session_timeout} (the lease), and steps down by itself when it
 * cannot renew within the lease.
 */
final class PostgresElection implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresElection.class);
  /** "Steward" and a 1: one lock per database. */
  static final long LOCK = 0x5374657761726401L;

  private final Lineage lineage;
  private final Supplier<Connection> connections;
  private final URI advertised;
  private final Duration lease;
  private final Duration retry;
  private final Thread thread;
  private volatile boolean closed;
  /** Following, taking over (the lock is held, the repository not yet written) or leading. */
  private enum State { FOLLOWING, TAKING_OVER, LEADING }
  private volatile State state = State.FOLLOWING;
  private @Nullable Connection session;
  private long generation;
  private long lastRenewal;

  PostgresElection(Lineage lineage, Supplier<Connection> connections, URI advertised, Duration lease,
      Duration retry) {
    this.lineage = lineage;
    this.connections = connections;
    this.advertised = advertised;
    this.lease = lease;
    this.retry = retry;
    this.thread = Thread.ofPlatform().daemon().name("steward-leader-election").unstarted(this::run);
  }

  void start() {
    LOG.info("Taking part in the election of the leader as {} (PostgreSQL advisory lock, lease {}).", advertised,
        lease);
    thread.start();
  }

  private void run() {
    while (!closed) {
      try {
        synchronized (this) {
          switch (state) {
            case FOLLOWING -> tryToLead();
            // the takeover runs on its own thread: keep the session, and so the lock, alive meanwhile
            case TAKING_OVER -> renew();
            case LEADING -> {
              if (lineage.leads()) {
                renew();
              } else {
                lose("the registry repository's remote refused this replica's push");
              }
            }
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (closed) {
          break;
        }
        synchronized (this) {
          if (state != State.FOLLOWING || session != null) {
            lose("the election's database session failed: " + e.getMessage());
          }
        }
      }
      try {
        Thread.sleep(retry.toMillis());
      } catch (InterruptedException e) {
        break;
      }
    }
  }

  private void tryToLead() throws SQLException {
    Connection c = session();
    boolean locked;
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_try_advisory_lock(" + LOCK + ")")) {
      locked = rs.next() && rs.getBoolean(1);
    }
    if (!locked) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement("update steward_leader set generation = generation + 1, holder = ?,"
        + " acquired_at = current_timestamp, renewed_at = current_timestamp where id = 1 returning generation")) {
      s.setString(1, advertised.toString());
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        generation = rs.getLong(1);
      }
    }
    lastRenewal = System.nanoTime();
    long won = generation;
    LOG.info("Won the election of the leader in generation {}; taking over the registry repository.", won);
    state = State.TAKING_OVER;
    Thread.ofPlatform().daemon().name("steward-takeover").start(() -> takeOver(won));
  }

  /** Takes over the repository (fence, catch-up); may take a while on a long history. */
  private void takeOver(long won) {
    try {
      lineage.lead(new Term(won, advertised.toString()));
    } catch (RuntimeException e) {
      LOG.error("Could not take over the registry repository in generation {}; letting another replica try.", won, e);
      synchronized (this) {
        if (generation == won && state == State.TAKING_OVER) {
          state = State.FOLLOWING;
          closeSession();
        }
      }
      return;
    }
    synchronized (this) {
      if (generation == won && state == State.TAKING_OVER && !closed) {
        state = State.LEADING;
        return;
      }
    }
    // lost the lock or stopping while taking over
    lineage.stepDown("the election was lost while taking over");
  }

  private void renew() throws SQLException {
    if (System.nanoTime() - lastRenewal > lease.toNanos()) {
      lose("the lock was not renewed for " + lease);
      return;
    }
    Connection c = session();
    try (PreparedStatement s = c.prepareStatement(
        "update steward_leader set renewed_at = current_timestamp where id = 1 and generation = ? and holder = ?")) {
      s.setQueryTimeout((int) Math.max(1, lease.toSeconds() / 2));
      s.setLong(1, generation);
      s.setString(2, advertised.toString());
      if (s.executeUpdate() != 1) {
        lose("generation " + generation + " is no longer the leader's in steward_leader");
        return;
      }
    }
    lastRenewal = System.nanoTime();
  }

  private void lose(String why) {
    state = State.FOLLOWING;
    if (lineage.leads()) {
      lineage.stepDown(why);
    } else {
      LOG.warn("Gave up the election's lock: {}", why);
    }
    closeSession(); // frees the lock, if the server still sees the session
  }

  private Connection session() throws SQLException {
    Connection c = session;
    if (c != null && !c.isClosed()) {
      return c;
    }
    c = connections.get();
    c.setAutoCommit(true);
    // a session that stops answering (the network went, the process hangs) must not hold the lock forever
    c.setNetworkTimeout(Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon().unstarted(r)),
        (int) lease.toMillis());
    try (Statement s = c.createStatement()) {
      s.execute("set idle_session_timeout = " + lease.toMillis());
    } catch (SQLException e) {
      LOG.warn("PostgreSQL does not support idle_session_timeout (before 14): a replica cut off from the database"
          + " keeps the leader's lock until its TCP connection times out.");
    }
    session = c;
    return c;
  }

  private void closeSession() {
    Connection c = session;
    session = null;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        LOG.debug("Closing the election's session failed: {}", e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      state = State.FOLLOWING;
      if (lineage.leads()) {
        lineage.stepDown("the server is stopping");
      }
      closeSession();
    }
  }
}
