package dev.steward.governance;

import dev.steward.registry.Page;
import dev.steward.registry.Ref;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads revocations, their commits and the revoked-input marks from the index. */
final class RevocationIndex {
  private final JdbcClient jdbc;

  RevocationIndex(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Revocation> find(String id) {
    return jdbc.sql("select document from governance_revocation where id = ?").param(id).query(String.class)
        .optional().map(GovernanceDocuments::fromJson);
  }

  /** Revocations, newest first, optionally of one dataset (and version). */
  Page<Revocation> list(@Nullable String dataset, @Nullable Integer version, int page, int size) {
    StringBuilder where = new StringBuilder(" where 1 = 1");
    List<Object> params = new ArrayList<>();
    if (dataset != null) {
      where.append(" and dataset = ?");
      params.add(dataset);
    }
    if (version != null) {
      where.append(" and dataset_version = ?");
      params.add(version);
    }
    long total = jdbc.sql("select count(*) from governance_revocation" + where).params(params).query(Long.class)
        .single();
    List<Object> paged = new ArrayList<>(params);
    paged.add(size);
    paged.add((long) page * size);
    List<Revocation> items = jdbc.sql("select document from governance_revocation" + where
            + " order by revoked_at desc, id limit ? offset ?").params(paged).query(String.class).list().stream()
        .map(GovernanceDocuments::fromJson).toList();
    return new Page<>(items, page, size, total);
  }

  /** The commits of a revocation's file, oldest first. */
  List<RevocationReport.CommitEntry> commits(String id) {
    return jdbc.sql("""
            select commit_id, committed_at, actor, action from governance_revocation_commit
            where revocation_id = ? order by seq""")
        .param(id)
        .query((rs, i) -> new RevocationReport.CommitEntry(rs.getString(1), rs.getTimestamp(2).toInstant(),
            rs.getString(3), rs.getString(4)))
        .list();
  }

  /** The revocations whose report marked this model version. */
  List<String> recordedMarks(String model, int version) {
    return jdbc.sql("select revocation_id from governance_revoked_input where model = ? and version = ?")
        .params(model, version).query(String.class).list();
  }

  /** The revocations of any of these dataset versions, oldest first. */
  List<Revocation> ofDatasets(Collection<Ref> datasets) {
    if (datasets.isEmpty()) {
      return List.of();
    }
    List<Revocation> found = new ArrayList<>();
    for (Ref d : datasets) {
      jdbc.sql("select document from governance_revocation where dataset = ? and dataset_version = ?")
          .params(d.name(), d.version()).query(String.class).list()
          .forEach(json -> found.add(GovernanceDocuments.fromJson(json)));
    }
    found.sort(java.util.Comparator.comparing(Revocation::revokedAt).thenComparing(Revocation::id));
    return found;
  }

  /** Whether any revocation exists at all: most installations have none, and then nothing is looked up. */
  boolean any() {
    return jdbc.sql("select count(*) from governance_revocation").query(Long.class).single() > 0;
  }

  static Timestamp timestamp(Instant at) {
    return Timestamp.from(at);
  }
}
