package dev.steward.policies;

import dev.steward.lineage.ChangedFile;
import dev.steward.lineage.RecordedChange;
import dev.steward.registry.EntityDocuments;
import dev.steward.registry.IndexProjection;
import java.sql.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Indexes policy versions and promotions from their files in the registry repository. Each file
 * replaces its row, so applying a commit twice gives the same rows.
 */
class PolicyProjection implements IndexProjection {

  @Override
  public boolean indexes(String path) {
    return path.startsWith("policies/") || path.startsWith("promotions/");
  }

  @Override
  public void apply(JdbcClient jdbc, RecordedChange change, ChangedFile file, boolean fresh) {
    byte[] content = file.content();
    PolicyDocuments.match(PolicyDocuments.POLICY, file.path()).ifPresent(m -> {
      String name = m.group(1);
      int version = Integer.parseInt(m.group(2));
      if (!fresh) {
        jdbc.sql("delete from policy_version where name = ? and version = ?").params(name, version).update();
      }
      if (content != null) {
        Policy p = PolicyDocuments.fromYaml(content, Policy.class).withDigest(EntityDocuments.digest(content));
        // the policies Steward ships are active as registered; anyone else's wait for a second policy admin
        PolicyState state = p.registeredBy().equals(PolicyRegistry.SYSTEM_ACTOR) ? PolicyState.ACTIVE
            : PolicyState.PROPOSED;
        jdbc.sql("""
            insert into policy_version (name, version, digest, registered_by, registered_at, commit_id, document, state)
            values (?, ?, ?, ?, ?, ?, ?, ?)""")
            .params(name, version, p.digest(), p.registeredBy(), Timestamp.from(p.registeredAt()), change.commitId(),
                PolicyDocuments.toJson(p), state.id())
            .update();
      }
    });
    PolicyDocuments.match(PolicyDocuments.DECISION, file.path()).ifPresent(m -> {
      String name = m.group(1);
      int version = Integer.parseInt(m.group(2));
      if (content == null) {
        jdbc.sql("update policy_version set state = 'proposed', decision = null where name = ? and version = ?")
            .params(name, version).update();
        return;
      }
      PolicyDecision d = PolicyDocuments.fromYaml(content, PolicyDecision.class);
      // a decision counts only for the rules it names by digest, and never from the one who registered them
      jdbc.sql("""
          update policy_version set state = ?, decision = ?
          where name = ? and version = ? and digest = ? and registered_by <> ?""")
          .params(d.decision() == Verdict.APPROVE ? PolicyState.ACTIVE.id() : PolicyState.REJECTED.id(),
              PolicyDocuments.toJson(d), name, version, d.digest(), d.decidedBy())
          .update();
    });
    PolicyDocuments.match(PolicyDocuments.PROMOTION, file.path()).ifPresent(m -> {
      if (!fresh) {
        jdbc.sql("delete from promotion where id = ?").param(m.group(1)).update();
      }
      if (content != null) {
        Promotion p = PolicyDocuments.fromYaml(content, Promotion.class);
        jdbc.sql("""
            insert into promotion (id, model, version, environment, state, requested_by, requested_at, expires_at,
              commit_id, document)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
            .params(p.id(), p.model(), p.version(), p.environment(), p.state().id(), p.requestedBy(),
                Timestamp.from(p.requestedAt()), Timestamp.from(p.expiresAt()), change.commitId(),
                PolicyDocuments.toJson(p))
            .update();
      }
    });
  }

  @Override
  public void clear(JdbcClient jdbc) {
    jdbc.sql("delete from policy_version").update();
    jdbc.sql("delete from promotion").update();
  }
}
