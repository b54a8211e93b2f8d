package dev.steward.registry;

import dev.steward.lineage.ChangedFile;
import dev.steward.lineage.RecordedChange;
import java.sql.Timestamp;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Indexes registered entity versions, their tags and references, and model aliases. */
class RegistryProjection implements IndexProjection {
  private final ParsedDocuments parsed;

  RegistryProjection() {
    this(new ParsedDocuments());
  }

  RegistryProjection(ParsedDocuments parsed) {
    this.parsed = parsed;
  }

  @Override
  public boolean indexes(String path) {
    return path.startsWith("datasets/") || path.startsWith("features/") || path.startsWith("thresholds/")
        || path.startsWith("explanations/") || path.startsWith("models/");
  }

  @Override
  public void apply(JdbcClient jdbc, RecordedChange change, ChangedFile file, boolean fresh) {
    Optional<EntityDocuments.AliasLocation> alias = EntityDocuments.locateAlias(file.path());
    if (alias.isPresent()) {
      applyAlias(jdbc, change, file, alias.get(), fresh);
      return;
    }
    EntityDocuments.locate(file.path()).ifPresent(location -> {
      if (!fresh) {
        delete(jdbc, location);
      }
      if (file.content() != null) {
        Registered known = parsed.take(file.path(), file.content());
        insert(jdbc, change, known != null ? known : EntityDocuments.fromYaml(location.kind(), file.content()));
      }
    });
  }

  private static void applyAlias(JdbcClient jdbc, RecordedChange change, ChangedFile file,
      EntityDocuments.AliasLocation location, boolean fresh) {
    if (!fresh) {
      jdbc.sql("delete from registry_alias where model = ? and alias = ?")
          .params(location.model(), location.alias()).update();
    }
    if (file.content() != null) {
      ModelAlias a = EntityDocuments.aliasFromYaml(file.content());
      jdbc.sql("insert into registry_alias (model, alias, version, moved_by, moved_at, commit_id) values (?, ?, ?, ?, ?, ?)")
          .params(a.model(), a.alias(), a.version(), a.movedBy(), Timestamp.from(a.movedAt()), change.commitId())
          .update();
    }
  }

  private static void delete(JdbcClient jdbc, EntityDocuments.Location l) {
    Object[] key = {l.kind().id(), l.name(), l.version()};
    jdbc.sql("delete from registry_entity where kind = ? and name = ? and version = ?").params(key).update();
    jdbc.sql("delete from registry_tag where kind = ? and name = ? and version = ?").params(key).update();
    jdbc.sql("delete from registry_reference where from_kind = ? and from_name = ? and from_version = ?")
        .params(key).update();
  }

  private static void insert(JdbcClient jdbc, RecordedChange change, Registered e) {
    String kind = e.kind().id();
    jdbc.sql("""
        insert into registry_entity (kind, name, version, digest, registered_by, registered_at, commit_id, document)
        values (?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(kind, e.name(), e.version(), e.digest(), e.registeredBy(), Timestamp.from(e.registeredAt()),
            change.commitId(), EntityDocuments.toJson(e))
        .update();
    for (Map.Entry<String, String> tag : tags(e).entrySet()) {
      jdbc.sql("insert into registry_tag (kind, name, version, tag_key, tag_value) values (?, ?, ?, ?, ?)")
          .params(kind, e.name(), e.version(), tag.getKey(), tag.getValue()).update();
    }
    for (Registered.Edge edge : e.references()) {
      jdbc.sql("""
          insert into registry_reference (from_kind, from_name, from_version, role, to_kind, to_name, to_version, to_digest)
          values (?, ?, ?, ?, ?, ?, ?, ?)""")
          .params(kind, e.name(), e.version(), edge.role(), edge.kind().id(), edge.target().name(),
              edge.target().version(), edge.target().digest())
          .update();
    }
  }

  private static Map<String, String> tags(Registered e) {
    return switch (e) {
      case DatasetVersion d -> d.tags();
      case FeatureSetVersion f -> f.tags();
      case ThresholdSetVersion t -> t.tags();
      case ExplanationTemplateVersion x -> x.tags();
      case Model m -> m.tags();
      case ModelVersion v -> v.tags();
    };
  }

  @Override
  public void clear(JdbcClient jdbc) {
    // truncate, not delete: deleting 100,000 versions' rows in one transaction took H2 20 s to commit
    jdbc.sql("truncate table registry_reference").update();
    jdbc.sql("truncate table registry_tag").update();
    jdbc.sql("truncate table registry_entity").update();
    jdbc.sql("truncate table registry_alias").update();
  }
}
