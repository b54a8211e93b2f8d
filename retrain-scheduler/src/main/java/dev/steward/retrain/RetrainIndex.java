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

  /** Every run not yet in a terminal state, oldest first. */
  List<RetrainRun> activeRuns() {
    return jdbc.sql("select document from retrain_run where state in ('triggered', 'launched') order by triggered_at, id")
        .query(String.class).list().stream()
        .map(json -> RetrainDocuments.fromJson(json, RetrainRun.class)).toList();
  }

  /** When the last run of a model was triggered. */
  Optional<Instant> lastTriggered(String model) {
    return jdbc.sql("select max(triggered_at) from retrain_run where model = ?").param(model)
        .query((rs, i) -> rs.getTimestamp(1)).optional().map(t -> t == null ? null : t.toInstant());
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
