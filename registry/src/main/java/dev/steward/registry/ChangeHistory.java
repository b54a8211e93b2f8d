package dev.steward.registry;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The audit trail of one registered name, newest first, from the index of the registry repository's
 * commits: a model's history includes its versions and alias moves.
 */
public class ChangeHistory {
  private final JdbcClient jdbc;

  public ChangeHistory(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** One commit that touched the entity. */
  public record Entry(String commitId, String actor, String action, String subject, String summary, Instant time) {}

  public Page<Entry> of(Kind kind, String name, int page, int size) {
    Names.requireName("name", name);
    ListQuery q = new ListQuery(null, null, page, size);
    String family = kind.directory() + "/" + name;
    long total = jdbc.sql("select count(*) from registry_change where family = ?").param(family)
        .query(Long.class).single();
    // the page's sequence numbers first, from the (family, seq) index alone, then only those rows: sorting whole
    // rows read every commit of the family (about 1,000 per model at 100,000 versions) to return a page
    List<Long> seqs = jdbc.sql("select seq from registry_change where family = ? order by seq desc limit ? offset ?")
        .params(family, q.size(), (long) q.page() * q.size())
        .query(Long.class).list();
    List<Entry> items = seqs.isEmpty() ? List.of() : jdbc.sql("""
            select commit_id, actor, action, subject, summary, committed_at from registry_change
            where family = ? and seq in (%s) order by seq desc""".formatted(
            String.join(", ", Collections.nCopies(seqs.size(), "?"))))
        .params(Stream.concat(Stream.of((Object) family), seqs.stream()).toList())
        .query((rs, i) -> new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getTimestamp(6).toInstant()))
        .list();
    if (total == 0) {
      throw EntityNotFound.of(kind, name);
    }
    return new Page<>(items, q.page(), q.size(), total);
  }
}
