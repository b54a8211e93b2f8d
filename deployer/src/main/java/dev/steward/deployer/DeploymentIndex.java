package dev.steward.deployer;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads desired deployments and their history from the SQL index that {@link DeploymentProjection} keeps. */
class DeploymentIndex {
  private final JdbcClient jdbc;

  DeploymentIndex(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** One desired state a model had in an environment, oldest first. */
  record HistoryEntry(int version, String modelVersionDigest, String action, Instant writtenAt, String commitId) {}

  /** The desired state and the commit that wrote it. */
  record Current(Deployment deployment, String commitId) {}

  Optional<Current> current(String environment, String model) {
    return jdbc.sql("select document, commit_id from deployment where environment = ? and model = ?")
        .params(environment, model)
        .query((rs, n) -> new Current(DeploymentDocuments.fromJson(rs.getString(1), Deployment.class), rs.getString(2)))
        .optional();
  }

  Optional<Deployment> deployment(String environment, String model) {
    return jdbc.sql("select document from deployment where environment = ? and model = ?")
        .params(environment, model).query(String.class).optional()
        .map(json -> DeploymentDocuments.fromJson(json, Deployment.class));
  }

  List<Deployment> deployments(@Nullable String environment) {
    String sql = "select document from deployment" + (environment == null ? "" : " where environment = ?")
        + " order by environment, model";
    var statement = jdbc.sql(sql);
    if (environment != null) {
      statement = statement.param(environment);
    }
    return statement.query(String.class).list().stream()
        .map(json -> DeploymentDocuments.fromJson(json, Deployment.class)).toList();
  }

  List<HistoryEntry> history(String environment, String model) {
    return jdbc.sql("""
        select version, model_version_digest, action, written_at, commit_id from deployment_history
        where environment = ? and model = ? order by written_at, seq""").params(environment, model)
        .query((rs, n) -> new HistoryEntry(rs.getInt(1), rs.getString(2), rs.getString(3),
            rs.getTimestamp(4).toInstant(), rs.getString(5))).list();
  }

  /** The services of an environment's gitops manifests: every model desired there. */
  List<String> services(String environment) {
    return deployments(environment).stream().map(Deployment::service).toList();
  }
}
