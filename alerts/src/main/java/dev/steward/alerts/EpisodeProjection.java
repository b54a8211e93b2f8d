package dev.steward.alerts;

import dev.steward.lineage.ChangedFile;
import dev.steward.lineage.RecordedChange;
import dev.steward.registry.IndexProjection;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Indexes alert episodes from {@code alerts/episodes/**} into {@code alert_episode}, whose primary key
 * {@code (fingerprint, starts_at)} is the SQL side of the unique constraint, and announces {@link AlertFired}
 * for each new one, inside the index transaction of its commit (so the event is durable with the row).
 */
class EpisodeProjection implements IndexProjection {

  @Override
  public boolean indexes(String path) {
    return path.startsWith(Episode.ROOT);
  }

  @Override
  public void apply(JdbcClient jdbc, RecordedChange change, ChangedFile file, boolean fresh) {
    if (Episode.match(file.path()).isEmpty()) {
      return;
    }
    if (file.content() == null) {
      return; // episodes are never deleted; a hand-made deletion keeps the row, as the commit history does
    }
    Episode e = Episode.fromYaml(file.content());
    if (!fresh) {
      jdbc.sql("delete from alert_episode where fingerprint = ? and starts_at = ?").params(e.fingerprint(),
          e.startsAt()).update();
    }
    jdbc.sql("""
        insert into alert_episode (fingerprint, starts_at, model, environment, version, action, alertname, source,
          commit_id, recorded_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(e.fingerprint(), e.startsAt(), e.model(), e.environment(), e.version(), e.action().id(),
            e.alertname(), e.source(), change.commitId(), Timestamp.from(change.time()))
        .update();
  }

  @Override
  public List<Object> announce(RecordedChange change, ChangedFile file) {
    if (file.content() == null || Episode.match(file.path()).isEmpty()) {
      return List.of();
    }
    Episode e = Episode.fromYaml(file.content());
    return List.of(new AlertFired(e.fingerprint(), java.time.Instant.parse(e.startsAt()), e.alertname(), e.source(),
        e.model(), e.environment(), e.version(), e.action(), e.labels(), change.commitId()));
  }

  @Override
  public void clear(JdbcClient jdbc) {
    jdbc.sql("delete from alert_episode").update();
  }
}
