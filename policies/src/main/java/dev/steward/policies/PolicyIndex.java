package dev.steward.policies;

import dev.steward.registry.Page;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads policies and promotions from the SQL index that {@link PolicyProjection} keeps. */
class PolicyIndex {
  private final JdbcClient jdbc;

  PolicyIndex(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  private static final String POLICY_COLUMNS = "document, state, decision";

  private static Policy policy(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    String decision = rs.getString(3);
    return PolicyDocuments.fromJson(rs.getString(1), Policy.class).withState(PolicyState.fromId(rs.getString(2)),
        decision == null ? null : PolicyDocuments.fromJson(decision, PolicyDecision.class));
  }

  Optional<Policy> policy(String name, int version) {
    return jdbc.sql("select " + POLICY_COLUMNS + " from policy_version where name = ? and version = ?")
        .params(name, version).query(PolicyIndex::policy).optional();
  }

  /** The newest version of a policy, whatever its state. */
  Optional<Policy> latestPolicy(String name) {
    return jdbc.sql("select " + POLICY_COLUMNS + " from policy_version where name = ? order by version desc limit 1")
        .param(name).query(PolicyIndex::policy).optional();
  }

  /** The newest approved version of a policy: the one new promotions are judged by. */
  Optional<Policy> activePolicy(String name) {
    return jdbc.sql("select " + POLICY_COLUMNS
            + " from policy_version where name = ? and state = 'active' order by version desc limit 1")
        .param(name).query(PolicyIndex::policy).optional();
  }

  int maxPolicyVersion(String name) {
    return jdbc.sql("select coalesce(max(version), 0) from policy_version where name = ?").param(name)
        .query(Integer.class).single();
  }

  List<Policy> latestPolicies() {
    return jdbc.sql("""
        select p.document, p.state, p.decision from policy_version p
        where p.version = (select max(q.version) from policy_version q where q.name = p.name)
        order by p.name""").query(PolicyIndex::policy).list();
  }

  List<Policy> policyVersions(String name) {
    return jdbc.sql("select " + POLICY_COLUMNS + " from policy_version where name = ? order by version desc")
        .param(name).query(PolicyIndex::policy).list();
  }

  Optional<Promotion> promotion(String id) {
    return jdbc.sql("select document from promotion where id = ?").param(id).query(String.class).optional()
        .map(json -> PolicyDocuments.fromJson(json, Promotion.class));
  }

  Page<Promotion> promotions(@Nullable PromotionState state, @Nullable String model, @Nullable String environment,
      int page, int size) {
    StringBuilder where = new StringBuilder(" where 1 = 1");
    List<Object> params = new ArrayList<>();
    if (state != null) {
      where.append(" and state = ?");
      params.add(state.id());
    }
    if (model != null) {
      where.append(" and model = ?");
      params.add(model);
    }
    if (environment != null) {
      where.append(" and environment = ?");
      params.add(environment);
    }
    long total = jdbc.sql("select count(*) from promotion" + where).params(params).query(Long.class).single();
    List<Object> paged = new ArrayList<>(params);
    paged.add(size);
    paged.add((long) page * size);
    List<Promotion> items = jdbc.sql("select document from promotion" + where
        + " order by requested_at desc, id limit ? offset ?").params(paged).query(String.class).list().stream()
        .map(json -> PolicyDocuments.fromJson(json, Promotion.class)).toList();
    return new Page<>(items, page, size, total);
  }

  /** The pending promotion of a model into an environment that has not yet run out of time. */
  Optional<String> pendingPromotion(String model, String environment, Instant now) {
    return jdbc.sql("""
        select id from promotion where model = ? and environment = ? and state = 'pending' and expires_at > ?""")
        .params(model, environment, Timestamp.from(now)).query(String.class).optional();
  }

  List<String> overdue(Instant now) {
    return jdbc.sql("select id from promotion where state = 'pending' and expires_at <= ? order by expires_at")
        .param(Timestamp.from(now)).query(String.class).list();
  }
}
