package dev.steward.deployer;

import dev.steward.lineage.ChangedFile;
import dev.steward.lineage.RecordedChange;
import dev.steward.registry.IndexProjection;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Indexes desired deployments from {@code deployments/<environment>/<model>.yaml}: the record replaces
 * its row, and each commit of it adds one history row keyed by the commit. The record is rewritten by
 * every promotion and rollback, so its row is always deleted first, in a rebuild too; applying a commit
 * twice gives the same rows. The bare manifests under {@code gitops/} are for Argo CD or Flux and are
 * not indexed.
 */
class DeploymentProjection implements IndexProjection {

  @Override
  public boolean indexes(String path) {
    return path.startsWith("deployments/");
  }

  @Override
  public void apply(JdbcClient jdbc, RecordedChange change, ChangedFile file, boolean fresh) {
    DeploymentDocuments.match(DeploymentDocuments.RECORD, file.path()).ifPresent(m -> {
      String environment = m.group(1);
      String model = m.group(2);
      jdbc.sql("delete from deployment where environment = ? and model = ?").params(environment, model).update();
      jdbc.sql("delete from deployment_history where environment = ? and model = ? and commit_id = ?")
          .params(environment, model, change.commitId()).update();
      if (file.content() == null) {
        return;
      }
      Deployment d = DeploymentDocuments.fromYaml(file.content(), Deployment.class);
      Timestamp at = Timestamp.from(d.writtenAt());
      jdbc.sql("""
          insert into deployment (environment, model, version, action, target, written_by, written_at, commit_id,
            document)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
          .params(environment, model, d.version(), d.action().id(), d.target().id(), d.writtenBy(), at,
              change.commitId(), DeploymentDocuments.toJson(d))
          .update();
      long seq = jdbc.sql("select coalesce(max(seq), 0) + 1 from deployment_history where environment = ? and model = ?")
          .params(environment, model).query(Long.class).single();
      jdbc.sql("""
          insert into deployment_history (environment, model, commit_id, seq, version, model_version_digest, action,
            written_at)
          values (?, ?, ?, ?, ?, ?, ?, ?)""")
          .params(environment, model, change.commitId(), seq, d.version(), d.modelVersionDigest(), d.action().id(), at)
          .update();
    });
  }

  /** Each commit of a deployment record changed the desired state (rollout outcomes do not touch it). */
  @Override
  public List<Object> announce(RecordedChange change, ChangedFile file) {
    if (file.content() == null || DeploymentDocuments.match(DeploymentDocuments.RECORD, file.path()).isEmpty()) {
      return List.of();
    }
    Deployment d = DeploymentDocuments.fromYaml(file.content(), Deployment.class);
    return List.of(new DesiredStateChanged(d.environment(), d.model(), d.version(), d.previousVersion(), d.action(),
        d.writtenBy(), d.reason()));
  }

  @Override
  public void clear(JdbcClient jdbc) {
    jdbc.sql("delete from deployment").update();
    jdbc.sql("delete from deployment_history").update();
  }
}
