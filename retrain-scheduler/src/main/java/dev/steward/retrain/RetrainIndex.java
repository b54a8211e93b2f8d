package dev.steward.retrain;

import dev.steward.registry.Page;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads plans and runs from the index. */
class RetrainIndex {
  private final JdbcClient jdbc;

  RetrainIndex(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<RetrainPlan> plan(String model) {
    return jdbc.sql("select document from retrain_plan where model = ?").param(model).query(String.class).optional()
        .map(json -> RetrainDocuments.fromJson(json, RetrainPlan.class));
  }

  List<RetrainPlan> plans() {
    return jdbc.sql("select document from retrain_plan order by model").query(String.class).list().stream()
        .map(json -> RetrainDocuments.fromJson(json, RetrainPlan.class)).toList();
  }

  /** The plans with a trigger of this kind on this target (an environment, a dataset). */
  List<RetrainPlan> plansTriggeredBy(String kind, String target) {
    return jdbc.sql("""
            select distinct p.model, p.document from retrain_plan p
            join retrain_plan_trigger t on t.model = p.model where t.kind = ? and t.target = ? order by p.model""")
        .params(kind, target).query((rs, i) -> rs.getString(2)).list().stream()
        .map(json -> RetrainDocuments.fromJson(json, RetrainPlan.class)).toList();
  }

  Optional<RetrainRun> run(String id) {
    return jdbc.sql("select document from retrain_run where id = ?").param(id).query(String.class).optional()
        .map(json -> RetrainDocuments.fromJson(json, RetrainRun.class));
  }

  /** Runs of a model not yet in a terminal state, oldest first. */
  List<RetrainRun> activeRuns(String model) {
    return jdbc.sql("select document from retrain_run where model = ? and state in ('triggered', 'launched') "
            + "order by triggered_at, id")
        .param(model).query(String.class).list().stream()
        .map(json -> RetrainDocuments.fromJson(json, RetrainRun.class)).toList();
  }

  /** The runs of these ids that the index has, by id. */
  java.util.Map<String, RetrainRun> runs(java.util.Collection<String> ids) {
    java.util.Map<String, RetrainRun> runs = new java.util.HashMap<>();
    List<String> all = List.copyOf(ids);
    for (int from = 0; from < all.size(); from += 500) {
      List<String> slice = all.subList(from, Math.min(all.size(), from + 500));
      jdbc.sql("select id, document from retrain_run where id in ("
              + String.join(", ", java.util.Collections.nCopies(slice.size(), "?")) + ")")
          .params(slice.toArray())
          .query((rs, i) -> runs.put(rs.getString(1), RetrainDocuments.fromJson(rs.getString(2), RetrainRun.class)))
          .list();
    }
    return runs;
  }

  /** The active runs of each of these models, oldest first. */
  java.util.Map<String, List<RetrainRun>> activeRuns(java.util.Collection<String> models) {
    java.util.Map<String, List<RetrainRun>> active = new java.util.HashMap<>();
    List<String> all = List.copyOf(models);
    for (int from = 0; from < all.size(); from += 500) {
      List<String> slice = all.subList(from, Math.min(all.size(), from + 500));
      jdbc.sql("select model, document from retrain_run where state in ('triggered', 'launched') and model in ("
              + String.join(", ", java.util.Collections.nCopies(slice.size(), "?")) + ") order by triggered_at, id")
          .params(slice.toArray())
          .query((rs, i) -> active.computeIfAbsent(rs.getString(1), m -> new ArrayList<>())
              .add(RetrainDocuments.fromJson(rs.getString(2), RetrainRun.class)))
          .list();
    }
    return active;
  }

  /**
   * When the last run of a model that was not skipped began, of one trigger kind or (null) of any; skipped
   * runs never started anything, so they hold no cooldown.
   */
  Optional<Instant> lastStart(String model, @Nullable String triggerKind) {
    String sql = "select max(triggered_at) from retrain_run where model = ? and state <> 'skipped'"
        + (triggerKind == null ? "" : " and trigger_kind = ?");
    List<Object> params = triggerKind == null ? List.of(model) : List.of(model, triggerKind);
    return jdbc.sql(sql).params(params).query((rs, i) -> rs.getTimestamp(1)).optional()
        .map(t -> t == null ? null : t.toInstant());
  }

  /** Whether a run of the model was started by this drift report. */
  boolean runForReport(String model, long report) {
    return jdbc.sql("select count(*) from retrain_run where model = ? and cause_kind = 'drift' and cause_report = ?")
        .params(model, report).query(Long.class).single() > 0;
  }

  /** The plans with a trigger of this kind. */
  List<RetrainPlan> plansWithTrigger(String kind) {
    return jdbc.sql("""
            select distinct p.model, p.document from retrain_plan p
            join retrain_plan_trigger t on t.model = p.model where t.kind = ? order by p.model""")
        .param(kind).query((rs, i) -> rs.getString(2)).list().stream()
        .map(json -> RetrainDocuments.fromJson(json, RetrainPlan.class)).toList();
  }

  /** An active run as the supervision sees it: its current attempt, who looks after it, when it last changed. */
  record ActiveRun(String id, String model, RunState state, int attempt, @Nullable String launcher,
      @Nullable String owner, Instant updatedAt) {}

  List<ActiveRun> activeRunRows() {
    return jdbc.sql("""
            select id, model, state, attempt_number, launcher, owner_instance, updated_at from retrain_run
            where state in ('triggered', 'launched') and attempt_number is not null order by triggered_at, id""")
        .query((rs, i) -> new ActiveRun(rs.getString(1), rs.getString(2), RunState.fromId(rs.getString(3)),
            rs.getInt(4), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()))
        .list();
  }

  /** A run's current attempt. */
  record AttemptRef(String id, String model, int attempt) {}

  /** Launched attempts past their deadline. */
  List<AttemptRef> overdue(Instant now) {
    return jdbc.sql("select id, model, attempt_number from retrain_run where state = 'launched' and deadline <= ? "
            + "order by deadline")
        .param(Timestamp.from(now))
        .query((rs, i) -> new AttemptRef(rs.getString(1), rs.getString(2), rs.getInt(3))).list();
  }

  /** Launched attempts an instance looks after, of one launcher. */
  List<AttemptRef> launchedBy(String instance, String launcher) {
    return jdbc.sql("select id, model, attempt_number from retrain_run where state = 'launched' and owner_instance = ? "
            + "and launcher = ? order by id")
        .params(instance, launcher)
        .query((rs, i) -> new AttemptRef(rs.getString(1), rs.getString(2), rs.getInt(3))).list();
  }

  /** Runs that succeeded with a version whose promotion their plan wants and that was not asked for yet. */
  List<String> promotionsPending() {
    return jdbc.sql("select id from retrain_run where promotion_pending = true order by updated_at")
        .query(String.class).list();
  }

  Page<RetrainRun> runs(@Nullable String model, @Nullable Integer planRevision, @Nullable RunState state, int page,
      int size) {
    StringBuilder where = new StringBuilder(" where 1 = 1");
    List<Object> params = new ArrayList<>();
    if (model != null) {
      where.append(" and model = ?");
      params.add(model);
    }
    if (planRevision != null) {
      where.append(" and plan_revision = ?");
      params.add(planRevision);
    }
    if (state != null) {
      where.append(" and state = ?");
      params.add(state.id());
    }
    long total = jdbc.sql("select count(*) from retrain_run" + where).params(params).query(Long.class).single();
    List<Object> paged = new ArrayList<>(params);
    paged.add(size);
    paged.add((long) page * size);
    List<RetrainRun> items = jdbc.sql("select document from retrain_run" + where
            + " order by triggered_at desc, id desc limit ? offset ?")
        .params(paged).query(String.class).list().stream()
        .map(json -> RetrainDocuments.fromJson(json, RetrainRun.class)).toList();
    return new Page<>(items, page, size, total);
  }

  /** Runs a dataset version started. */
  List<RetrainRun> runsCausedBy(String dataset, int version) {
    return jdbc.sql("select document from retrain_run where cause_kind = 'dataset' and cause_name = ? "
            + "and cause_version = ? order by triggered_at, id")
        .params(dataset, version).query(String.class).list().stream()
        .map(json -> RetrainDocuments.fromJson(json, RetrainRun.class)).toList();
  }

  /** The open attempt a token hash belongs to, with its run's state and the token's expiry. */
  record TokenRow(String runId, String model, int attempt, boolean attemptOpen, Instant expiresAt, RunState state,
      @Nullable Integer producedVersion) {}

  Optional<TokenRow> token(String hash) {
    return jdbc.sql("""
            select t.run_id, t.model, t.attempt, t.attempt_open, t.expires_at, r.state, r.produced_version
            from retrain_run_token t join retrain_run r on r.id = t.run_id where t.token_hash = ?""")
        .param(hash)
        .query((rs, i) -> new TokenRow(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getBoolean(4),
            rs.getTimestamp(5).toInstant(), RunState.fromId(rs.getString(6)), (Integer) rs.getObject(7)))
        .optional();
  }

  static Timestamp ts(Instant at) {
    return Timestamp.from(at);
  }
}
