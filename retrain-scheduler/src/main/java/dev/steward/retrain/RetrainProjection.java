package dev.steward.retrain;

import dev.steward.lineage.ChangedFile;
import dev.steward.lineage.RecordedChange;
import dev.steward.registry.EntityDocuments;
import dev.steward.registry.IndexProjection;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Indexes retrain plans and runs from their files. A run's file is rewritten as its state changes, so only
 * the first sight of a path during a rebuild is {@code fresh}; every later version of it replaces the rows.
 */
class RetrainProjection implements IndexProjection {

  @Override
  public boolean indexes(String path) {
    return RetrainDocuments.owns(path);
  }

  @Override
  public void apply(JdbcClient jdbc, RecordedChange change, ChangedFile file, boolean fresh) {
    byte[] content = file.content();
    RetrainDocuments.planModel(file.path()).ifPresent(model -> {
      if (!fresh) {
        jdbc.sql("delete from retrain_plan_trigger where model = ?").param(model).update();
        jdbc.sql("delete from retrain_plan where model = ?").param(model).update();
      }
      if (content != null) {
        RetrainPlan p = RetrainDocuments.fromYaml(content, RetrainPlan.class).withDigest(EntityDocuments.digest(content));
        jdbc.sql("""
            insert into retrain_plan (model, revision, digest, registered_by, registered_at, commit_id, document)
            values (?, ?, ?, ?, ?, ?, ?)""")
            .params(p.model(), p.revision(), p.digest(), p.registeredBy(), Timestamp.from(p.registeredAt()),
                change.commitId(), RetrainDocuments.toJson(p))
            .update();
        List<Trigger> triggers = p.triggers();
        for (int i = 0; i < triggers.size(); i++) {
          Trigger t = triggers.get(i);
          String target = switch (t) {
            case Trigger.Drift d -> d.environment();
            case Trigger.NewDataset d -> d.dataset();
            case Trigger.Cron c -> null;
            case Trigger.Manual m -> null;
          };
          jdbc.sql("insert into retrain_plan_trigger (model, position, kind, target) values (?, ?, ?, ?)")
              .params(p.model(), i, t.kind(), target).update();
        }
      }
    });
    RetrainDocuments.runId(file.path()).ifPresent(id -> {
      if (!fresh) {
        jdbc.sql("delete from retrain_run_token where run_id = ?").param(id).update();
        jdbc.sql("delete from retrain_run where id = ?").param(id).update();
      }
      if (content != null) {
        RetrainRun r = RetrainDocuments.fromYaml(content, RetrainRun.class);
        Cause c = r.cause();
        Attempt current = r.currentAttempt().orElse(null);
        jdbc.sql("""
            insert into retrain_run (id, model, plan_revision, trigger_kind, state, triggered_at, updated_at,
              produced_version, cause_kind, cause_name, cause_version, cause_report, commit_id, document,
              attempt_number, launcher, owner_instance, deadline, promotion_pending)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
            .params(r.id(), r.model(), r.planRevision(), r.trigger(), r.state().id(), Timestamp.from(r.triggeredAt()),
                Timestamp.from(r.updatedAt()), r.producedVersion(), c.kind(),
                c.dataset() != null ? c.dataset().name() : c.environment(),
                c.dataset() != null ? Integer.valueOf(c.dataset().version()) : c.driftedVersion(), c.driftReport(),
                change.commitId(), RetrainDocuments.toJson(r),
                current == null ? null : current.number(), current == null ? null : current.launcher(),
                current == null ? null : current.instance(),
                current == null || current.deadline() == null || !current.open() ? null
                    : Timestamp.from(current.deadline()),
                r.promotionPending())
            .update();
        for (Attempt a : r.attempts()) {
          for (String hash : a.tokenHashes()) {
            jdbc.sql("""
                insert into retrain_run_token (token_hash, run_id, model, attempt, attempt_open, expires_at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(hash, r.id(), r.model(), a.number(), a.open(), Timestamp.from(a.tokenExpiresAt()))
                .update();
          }
        }
      }
    });
  }

  @Override
  public void clear(JdbcClient jdbc) {
    jdbc.sql("delete from retrain_plan_trigger").update();
    jdbc.sql("delete from retrain_plan").update();
    jdbc.sql("delete from retrain_run_token").update();
    jdbc.sql("delete from retrain_run").update();
  }
}
