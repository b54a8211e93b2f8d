package dev.steward.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Read queries on the registry index. */
class IndexReads {
  /** Entries kept in {@link #digests}; past this the cache starts over. */
  private static final int CACHED_DIGESTS = 50_000;
  /** Entries kept in {@link #documents}. */
  private static final int CACHED_DOCUMENTS = 5_000;

  private final JdbcClient jdbc;
  /**
   * Digests of versions already found. A registered version never changes and is never deleted (a rebuild
   * writes the same digest again), so a digest once read stays true; registrations resolve the same
   * references over and over. Models (version 0) are not cached: their document may be replaced.
   */
  private final Map<Key, String> digests = new ConcurrentHashMap<>();
  /** Versions already read, for the same reason as {@link #digests}; entities are immutable records. */
  private final Map<Key, Registered> documents = new ConcurrentHashMap<>();
  /** Names of models known to exist; models are never deleted. */
  private final Set<String> models = ConcurrentHashMap.newKeySet();

  private record Key(Kind kind, String name, int version) {
  }

  IndexReads(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  <T extends Registered> Optional<T> find(Kind kind, String name, int version, Class<T> type) {
    Key key = new Key(kind, name, version);
    Registered known = documents.get(key);
    if (known != null) {
      return Optional.of(type.cast(known));
    }
    Optional<T> found = jdbc.sql("select document from registry_entity where kind = ? and name = ? and version = ?")
        .params(kind.id(), name, version)
        .query(String.class).optional()
        .map(json -> EntityDocuments.fromJson(json, type));
    if (found.isPresent() && version > 0) {
      if (documents.size() >= CACHED_DOCUMENTS) {
        documents.clear();
      }
      documents.put(key, found.get());
    }
    return found;
  }

  boolean exists(Kind kind, String name, int version) {
    if (kind == Kind.MODEL && models.contains(name)) {
      return true;
    }
    boolean exists = digest(kind, name, version).isPresent();
    if (exists && kind == Kind.MODEL && models.size() < CACHED_DIGESTS) {
      models.add(name);
    }
    return exists;
  }

  Optional<String> digest(Kind kind, String name, int version) {
    Key key = new Key(kind, name, version);
    String known = digests.get(key);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<String> digest = jdbc.sql("select digest from registry_entity where kind = ? and name = ? and version = ?")
        .params(kind.id(), name, version)
        .query(String.class).optional();
    if (digest.isPresent() && version > 0) {
      if (digests.size() >= CACHED_DIGESTS) {
        digests.clear();
      }
      digests.put(key, digest.get());
    }
    return digest;
  }

  int maxVersion(Kind kind, String name) {
    return jdbc.sql("select coalesce(max(version), 0) from registry_entity where kind = ? and name = ?")
        .params(kind.id(), name).query(Integer.class).single();
  }

  /** The latest version of each name of a kind, filtered and paged by name. */
  <T extends Registered> Page<T> latest(Kind kind, ListQuery q, Class<T> type) {
    List<Object> params = new ArrayList<>(List.of(kind.id(), q.likePrefix()));
    String where = "e.kind = ? and e.name like ? escape '\\' "
        + "and e.version = (select max(m.version) from registry_entity m where m.kind = e.kind and m.name = e.name) "
        + tagClause(q, params);
    return page(where, params, "e.name", q, type);
  }

  /** Every version of one name, newest first. */
  <T extends Registered> Page<T> versions(Kind kind, String name, ListQuery q, Class<T> type) {
    List<Object> params = new ArrayList<>(List.of(kind.id(), name));
    String where = "e.kind = ? and e.name = ? " + tagClause(q, params);
    return page(where, params, "e.version desc", q, type);
  }

  /** The newest versions of a kind registered by one actor, newest first. */
  <T extends Registered> List<T> registeredBy(Kind kind, String actor, int limit, Class<T> type) {
    return jdbc.sql("select document from registry_entity where kind = ? and registered_by = ?"
            + " order by registered_at desc, name, version desc limit ?")
        .params(kind.id(), actor, limit)
        .query(String.class).list().stream()
        .map(json -> EntityDocuments.fromJson(json, type))
        .toList();
  }

  private static String tagClause(ListQuery q, List<Object> params) {
    if (q.tagKey() == null) {
      return "";
    }
    params.add(q.tagKey());
    String clause = "and exists (select 1 from registry_tag t where t.kind = e.kind and t.name = e.name "
        + "and t.version = e.version and t.tag_key = ?";
    if (q.tagValue() != null) {
      params.add(q.tagValue());
      clause += " and t.tag_value = ?";
    }
    return clause + ") ";
  }

  /**
   * One page of a listing. The page's keys come first, from the primary key's index alone, and then only those
   * rows' documents: sorting whole rows made H2 read every document of the name (about 1,000 per model at 100,000
   * versions) to return 20.
   */
  private <T extends Registered> Page<T> page(String where, List<Object> params, String order, ListQuery q, Class<T> type) {
    long total = jdbc.sql("select count(*) from registry_entity e where " + where)
        .params(params).query(Long.class).single();
    List<Object> paged = new ArrayList<>(params);
    paged.add(q.size());
    paged.add((long) q.page() * q.size());
    List<Key> keys = jdbc.sql("select e.kind, e.name, e.version from registry_entity e where " + where + " order by "
            + order + " limit ? offset ?")
        .params(paged)
        .query((rs, i) -> new Key(Kind.fromId(rs.getString(1)), rs.getString(2), rs.getInt(3))).list();
    if (keys.isEmpty()) {
      return new Page<>(List.of(), q.page(), q.size(), total);
    }
    List<Object> keyParams = new ArrayList<>();
    keys.forEach(k -> keyParams.addAll(List.of(k.kind().id(), k.name(), k.version())));
    Map<Key, String> documents = new HashMap<>();
    jdbc.sql("select kind, name, version, document from registry_entity where (kind, name, version) in ("
            + String.join(", ", Collections.nCopies(keys.size(), "(?, ?, ?)")) + ")")
        .params(keyParams)
        .query((rs, i) -> documents.put(new Key(Kind.fromId(rs.getString(1)), rs.getString(2), rs.getInt(3)),
            rs.getString(4)))
        .list();
    List<T> items = keys.stream().map(documents::get).filter(Objects::nonNull)
        .map(json -> EntityDocuments.fromJson(json, type)).toList();
    return new Page<>(items, q.page(), q.size(), total);
  }

  Optional<ModelAlias> alias(String model, String alias) {
    return jdbc.sql("select model, alias, version, moved_by, moved_at from registry_alias where model = ? and alias = ?")
        .params(model, alias)
        .query((rs, i) -> new ModelAlias(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
            rs.getTimestamp(5).toInstant()))
        .optional();
  }

  List<ModelAlias> aliases(String model) {
    return jdbc.sql("select model, alias, version, moved_by, moved_at from registry_alias where model = ? order by alias")
        .param(model)
        .query((rs, i) -> new ModelAlias(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
            rs.getTimestamp(5).toInstant()))
        .list();
  }
}
