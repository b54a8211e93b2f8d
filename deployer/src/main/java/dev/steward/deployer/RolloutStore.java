package dev.steward.deployer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Tables {@code rollout}, {@code rollout_check} and {@code rollout_revision} (Flyway V5_2).
 *
 * <p>Everything here but the revisions can be told again: desired states come from Git, progress from what
 * the cluster shows. Which version a KServe revision serves is learned once, when Steward applied it, and
 * decides whether a rollback can pin that revision; on the embedded H2 database, which keeps commits in memory
 * for up to its write delay (500 ms), a learned revision is therefore written to the file at once
 * ({@code CHECKPOINT}), so a {@code kill -9} right after a rollout cannot lose it.
 */
class RolloutStore {
  private final JdbcClient jdbc;
  private final boolean embedded;

  /** {@code embedded}: the database is H2, whose commits need a checkpoint to be on disk. */
  RolloutStore(JdbcClient jdbc, boolean embedded) {
    this.jdbc = jdbc;
    this.embedded = embedded;
  }

  /** One analysis result of a rollout. */
  record Check(int step, int iteration, String name, boolean passed, @Nullable Double value, String detail,
      Instant at) {}

  /** A revision KServe created for a version Steward applied. */
  record Revision(String revision, int version, String manifest) {}

  Optional<Rollout> find(String environment, String model) {
    return jdbc.sql("select * from rollout where environment = ? and model = ?").params(environment, model)
        .query(RolloutStore::row).optional();
  }

  List<Rollout> all() {
    return jdbc.sql("select * from rollout order by environment, model").query(RolloutStore::row).list();
  }

  /** Starts a rollout: it replaces the one of the earlier desired state. */
  void start(Rollout r) {
    jdbc.sql("delete from rollout where environment = ? and model = ?").params(r.environment, r.model).update();
    save(r);
  }

  /**
   * Saves the rollout's progress; a rollout already replaced by a newer desired state's is left alone (a
   * slow reconcile cannot overwrite it).
   */
  void save(Rollout r) {
    int updated = jdbc.sql("""
        update rollout set desired_commit = ?, version = ?, service = ?, plan = ?, state = ?, step = ?, percent = ?,
          manifest = ?, stable_revision = ?, stable_version = ?, canary_revision = ?, applied_digest = ?,
          applied_generation = ?, applied_at = ?, step_started_at = ?, in_place_at = ?, next_analysis_at = ?,
          failures = ?, desired_at = ?, started_at = ?,
          transition_at = ?, transition_reason = ?, transition_message = ?, last_error = ?, drift = ?,
          drift_generation = ?, outcome_commit = ?
        where environment = ? and model = ? and desired_commit = ?""")
        .params(r.desiredCommit, r.version, r.service, r.plan.name(), r.state.name(), r.step, r.percent, r.manifest,
            r.stableRevision, r.stableVersion, r.canaryRevision, r.appliedDigest, r.appliedGeneration, ts(r.appliedAt),
            ts(r.stepStartedAt), ts(r.inPlaceAt), ts(r.nextAnalysisAt), r.failures, ts(r.desiredAt),
            ts(r.startedAt), ts(r.transitionAt), r.transitionReason, cut(r.transitionMessage), cut(r.lastError),
            cut(r.drift), r.driftGeneration, r.outcomeCommit, r.environment, r.model, r.desiredCommit)
        .update();
    if (updated == 0 && find(r.environment, r.model).isEmpty()) {
      jdbc.sql("""
          insert into rollout (environment, model, desired_commit, version, service, plan, state, step, percent,
            manifest, stable_revision, stable_version, canary_revision, applied_digest, applied_generation, applied_at,
            step_started_at, in_place_at, next_analysis_at, failures, paused, command, command_by, command_reason,
            desired_at, started_at, transition_at, transition_reason, transition_message, last_error, drift,
            drift_generation, outcome_commit)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
          .params(r.environment, r.model, r.desiredCommit, r.version, r.service, r.plan.name(), r.state.name(), r.step,
              r.percent, r.manifest, r.stableRevision, r.stableVersion, r.canaryRevision, r.appliedDigest,
              r.appliedGeneration, ts(r.appliedAt), ts(r.stepStartedAt), ts(r.inPlaceAt), ts(r.nextAnalysisAt),
              r.failures, r.paused, r.command == null ? null : r.command.name(), r.commandBy, r.commandReason,
              ts(r.desiredAt), ts(r.startedAt), ts(r.transitionAt), r.transitionReason, cut(r.transitionMessage),
              cut(r.lastError), cut(r.drift), r.driftGeneration, r.outcomeCommit)
          .update();
    }
  }

  /**
   * What people ask for is written apart from the reconciler's progress ({@link #save} leaves these columns
   * alone), so a reconcile under way cannot lose a command or a pause.
   */
  void command(Rollout r, Rollout.@Nullable Command command, @Nullable String by, @Nullable String reason) {
    jdbc.sql("update rollout set command = ?, command_by = ?, command_reason = ? where environment = ? and model = ?"
            + " and desired_commit = ?")
        .params(command == null ? null : command.name(), by, reason, r.environment, r.model, r.desiredCommit).update();
  }

  void pause(Rollout r, boolean paused, @Nullable Instant nextAnalysisAt) {
    jdbc.sql("update rollout set paused = ?, next_analysis_at = coalesce(?, next_analysis_at) where environment = ?"
            + " and model = ? and desired_commit = ?")
        .params(paused, ts(nextAnalysisAt), r.environment, r.model, r.desiredCommit).update();
  }

  /** Records a check; the same step, iteration and name again changes nothing. */
  void check(Rollout r, Check c) {
    int exists = jdbc.sql("""
        select count(*) from rollout_check where environment = ? and model = ? and desired_commit = ? and step = ?
          and iteration = ? and name = ?""")
        .params(r.environment, r.model, r.desiredCommit, c.step(), c.iteration(), c.name()).query(Integer.class)
        .single();
    if (exists == 0) {
      jdbc.sql("""
          insert into rollout_check (environment, model, desired_commit, step, iteration, name, passed, check_value,
            detail, checked_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
          .params(r.environment, r.model, r.desiredCommit, c.step(), c.iteration(), c.name(), c.passed(),
              c.value() == null || c.value().isNaN() || c.value().isInfinite() ? null : c.value(), cut(c.detail()),
              ts(c.at()))
          .update();
    }
  }

  List<Check> checks(Rollout r) {
    return jdbc.sql("""
        select step, iteration, name, passed, check_value, detail, checked_at from rollout_check
        where environment = ? and model = ? and desired_commit = ? order by step, iteration, name""")
        .params(r.environment, r.model, r.desiredCommit)
        .query((rs, n) -> new Check(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getBoolean(4),
            rs.getObject(5) == null ? null : rs.getDouble(5), rs.getString(6), rs.getTimestamp(7).toInstant()))
        .list();
  }

  /** The last analysis iteration recorded for a step (0 if none). */
  int iterations(Rollout r, int step) {
    return jdbc.sql("""
        select coalesce(max(iteration), 0) from rollout_check where environment = ? and model = ? and desired_commit = ?
          and step = ?""").params(r.environment, r.model, r.desiredCommit, step).query(Integer.class).single();
  }

  void revision(String environment, String model, String revision, int version, String manifest, Instant at) {
    int exists = jdbc.sql("select count(*) from rollout_revision where environment = ? and model = ? and revision = ?")
        .params(environment, model, revision).query(Integer.class).single();
    if (exists == 0) {
      jdbc.sql("insert into rollout_revision (environment, model, revision, version, manifest, seen_at)"
          + " values (?, ?, ?, ?, ?, ?)").params(environment, model, revision, version, manifest, ts(at)).update();
      if (embedded) {
        jdbc.sql("checkpoint").update();
      }
    }
  }

  Optional<Revision> revision(String environment, String model, @Nullable String revision) {
    if (revision == null) {
      return Optional.empty();
    }
    return jdbc.sql("select revision, version, manifest from rollout_revision where environment = ? and model = ?"
            + " and revision = ?").params(environment, model, revision)
        .query((rs, n) -> new Revision(rs.getString(1), rs.getInt(2), rs.getString(3))).optional();
  }

  private static @Nullable Timestamp ts(@Nullable Instant at) {
    return at == null ? null : Timestamp.from(at);
  }

  private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  private static @Nullable String cut(@Nullable String text) {
    return text == null || text.length() <= 4000 ? text : text.substring(0, 3997) + "...";
  }

  private static Rollout row(ResultSet rs, int n) throws SQLException {
    Rollout r = new Rollout(rs.getString("environment"), rs.getString("model"), rs.getString("desired_commit"),
        rs.getInt("version"), rs.getString("service"), Rollout.Plan.valueOf(rs.getString("plan")),
        RolloutState.valueOf(rs.getString("state")), rs.getInt("step"), (Integer) rs.getObject("percent", Integer.class),
        rs.getString("manifest"), instant(rs, "desired_at"), instant(rs, "started_at"), rs.getString("transition_reason"),
        rs.getString("transition_message"));
    r.stableRevision = rs.getString("stable_revision");
    r.stableVersion = rs.getObject("stable_version", Integer.class);
    r.canaryRevision = rs.getString("canary_revision");
    r.appliedDigest = rs.getString("applied_digest");
    r.appliedGeneration = rs.getObject("applied_generation", Long.class);
    r.appliedAt = instant(rs, "applied_at");
    r.stepStartedAt = instant(rs, "step_started_at");
    r.inPlaceAt = instant(rs, "in_place_at");
    r.nextAnalysisAt = instant(rs, "next_analysis_at");
    r.failures = rs.getInt("failures");
    r.paused = rs.getBoolean("paused");
    String command = rs.getString("command");
    r.command = command == null ? null : Rollout.Command.valueOf(command);
    r.commandBy = rs.getString("command_by");
    r.commandReason = rs.getString("command_reason");
    r.transitionAt = instant(rs, "transition_at");
    r.lastError = rs.getString("last_error");
    r.drift = rs.getString("drift");
    r.driftGeneration = rs.getObject("drift_generation", Long.class);
    r.outcomeCommit = rs.getString("outcome_commit");
    return r;
  }
}
