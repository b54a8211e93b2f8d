package dev.steward.governance;

import dev.steward.lineage.ChangedFile;
import dev.steward.lineage.RecordedChange;
import dev.steward.registry.IndexProjection;
import java.sql.Timestamp;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Indexes revocation files into {@code governance_revocation}, the revoked-input marks of the model versions each
 * one lists into {@code governance_revoked_input}, and each commit of the file into
 * {@code governance_revocation_commit}; announces {@link RevocationRecorded} for the commit that created it.
 */
class RevocationProjection implements IndexProjection {
  static final String ACTION_REVOKE = "revoke-consent";
  static final String ACTION_FOLLOW_UP = "record-revocation-actions";
  private static final Pattern PATH = Pattern.compile("revocations/[^/]+/[1-9][0-9]*/[^/]+\\.yaml");

  @Override
  public boolean indexes(String path) {
    return path.startsWith(Revocation.ROOT);
  }

  @Override
  public void apply(JdbcClient jdbc, RecordedChange change, ChangedFile file, boolean fresh) {
    if (!PATH.matcher(file.path()).matches() || file.content() == null) {
      return; // revocations are never deleted; a hand-made deletion keeps the rows, as the history does
    }
    Revocation r = GovernanceDocuments.fromYaml(file.content());
    if (!fresh) {
      jdbc.sql("delete from governance_revoked_input where revocation_id = ?").param(r.id()).update();
      jdbc.sql("delete from governance_revocation where id = ?").param(r.id()).update();
      jdbc.sql("delete from governance_revocation_commit where revocation_id = ? and commit_id = ?")
          .params(r.id(), change.commitId()).update();
    }
    jdbc.sql("""
        insert into governance_revocation (id, dataset, dataset_version, successor, successor_version, scope,
          revoked_by, revoked_at, commit_id, document)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(r.id(), r.dataset().name(), r.dataset().version(),
            r.successor() == null ? null : r.successor().name(), r.successor() == null ? null : r.successor().version(),
            r.scope(), r.revokedBy(), Timestamp.from(r.revokedAt()), change.commitId(), GovernanceDocuments.toJson(r))
        .update();
    List<Object[]> marks = r.items(ImpactItem.MODEL_VERSION).stream()
        .map(i -> i.name() + "/" + i.version()).distinct()
        .map(key -> new Object[] {key.substring(0, key.lastIndexOf('/')),
            Integer.valueOf(key.substring(key.lastIndexOf('/') + 1)), r.id()}).toList();
    insertMarks(jdbc, marks);
    jdbc.sql("""
        insert into governance_revocation_commit (revocation_id, commit_id, committed_at, actor, action)
        values (?, ?, ?, ?, ?)""")
        .params(r.id(), change.commitId(), Timestamp.from(change.time()), change.actor(), change.action()).update();
  }

  /** Multi-row inserts of 200 marks each: a revocation may reach thousands of versions. */
  private static void insertMarks(JdbcClient jdbc, List<Object[]> rows) {
    for (int from = 0; from < rows.size(); from += 200) {
      List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + 200));
      List<Object> params = new java.util.ArrayList<>(chunk.size() * 3);
      chunk.forEach(row -> params.addAll(List.of(row)));
      jdbc.sql("insert into governance_revoked_input (model, version, revocation_id) values "
          + String.join(", ", java.util.Collections.nCopies(chunk.size(), "(?, ?, ?)"))).params(params).update();
    }
  }

  @Override
  public List<Object> announce(RecordedChange change, ChangedFile file) {
    if (!ACTION_REVOKE.equals(change.action()) || file.content() == null || !PATH.matcher(file.path()).matches()) {
      return List.of();
    }
    Revocation r = GovernanceDocuments.fromYaml(file.content());
    return List.of(new RevocationRecorded(r.id(), r.dataset().name(), r.dataset().version(),
        r.successor() == null ? null : r.successor().name(), r.successor() == null ? null : r.successor().version(),
        change.commitId()));
  }

  @Override
  public void clear(JdbcClient jdbc) {
    jdbc.sql("truncate table governance_revoked_input").update();
    jdbc.sql("truncate table governance_revocation_commit").update();
    jdbc.sql("truncate table governance_revocation").update();
  }
}
