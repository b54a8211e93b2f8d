package dev.steward.retrain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Which Steward instances are alive, as far as the retrain scheduler can tell: clustered, those that checked in
 * to Quartz's cluster table ({@code QRTZ_SCHEDULER_STATE}) lately, by Quartz's own rule (last check-in plus twice
 * the check-in interval plus 7.5 s); alone (H2, one process), only this instance: any other instance named in a
 * run is an earlier life of this process, which restarted. Clustered, an instance is named as Quartz names it; alone,
 * Quartz calls every instance {@code NON_CLUSTERED}, so each life of the process gets a name of its own
 * ({@link #thisProcess}).
 */
class ClusterInstances {
  /** Quartz's own allowance for a late check-in ({@code ClusteredJobStore}: 7,500 ms). */
  private static final Duration ALLOWANCE = Duration.ofMillis(7500);

  private final JdbcClient jdbc;
  private final String schedulerName;
  private final String self;
  private final boolean clustered;
  private final Clock clock;

  ClusterInstances(JdbcClient jdbc, String schedulerName, String self, boolean clustered, Clock clock) {
    this.jdbc = jdbc;
    this.schedulerName = schedulerName;
    this.self = self;
    this.clustered = clustered;
    this.clock = clock;
  }

  /** A name for this life of this process: host, process id and start time. */
  static String thisProcess() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "localhost";
    }
    ProcessHandle self = ProcessHandle.current();
    return host + "-" + self.pid() + "-" + self.info().startInstant().map(Instant::toEpochMilli).orElse(0L) + "-"
        + Long.toHexString(System.nanoTime());
  }

  String self() {
    return self;
  }

  /** The instances alive now; always includes this one. */
  Set<String> alive() {
    Set<String> alive = new HashSet<>();
    alive.add(self);
    if (!clustered) {
      return alive;
    }
    Instant now = clock.instant();
    jdbc.sql("select instance_name, last_checkin_time, checkin_interval from qrtz_scheduler_state where sched_name = ?")
        .param(schedulerName)
        .query((rs, i) -> {
          Instant last = Instant.ofEpochMilli(rs.getLong(2));
          Duration interval = Duration.ofMillis(rs.getLong(3));
          if (!last.plus(interval.multipliedBy(2)).plus(ALLOWANCE).isBefore(now)) {
            alive.add(rs.getString(1));
          }
          return null;
        }).list();
    return alive;
  }
}
