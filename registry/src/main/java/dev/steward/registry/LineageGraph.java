package dev.steward.registry;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Answers lineage questions from the index, in both directions: upstream of a model version (the
 * datasets, feature set, threshold set, explanation template and MLflow run it was built from, and what
 * those were derived from), and downstream of a dataset version (every feature set, model version and
 * deployment built on it: the consent-revocation and deletion-impact question).
 *
 * <pre>{@code
 * LineageGraph.Answer up = graph.trace(Kind.MODEL_VERSION, "churn", 3, Direction.UPSTREAM);
 * up.nodes();   // churn/3, churn-features/1, churn-events/2, ...
 * }</pre>
 */
public class LineageGraph {
  private static final int MAX_NODES = 10_000;

  private final JdbcClient jdbc;
  private final List<LineageLinks> links;

  public LineageGraph(JdbcClient jdbc) {
    this(jdbc, List.of());
  }

  /** With {@code links} from other modules: what lies outside the registry, such as retrain runs. */
  public LineageGraph(JdbcClient jdbc, List<LineageLinks> links) {
    this.jdbc = jdbc;
    this.links = List.copyOf(links);
  }

  public enum Direction { UPSTREAM, DOWNSTREAM }

  /** An entity version in a lineage answer. */
  public record Node(String kind, String name, int version, @Nullable String digest, int depth) {}

  /**
   * A reference between two nodes: {@code from} uses {@code to} in the given role, pinned to
   * {@code pinnedDigest}; {@code intact} says whether that is still the digest of what is registered.
   */
  public record Edge(String from, String to, String role, String pinnedDigest, boolean intact) {}

  /**
   * Something outside the registry linked to a version of the answer: {@code from} uses the node id form of
   * edges ({@code model-version:churn/3}) or the id of another link ({@code retrain-run:<id>}); {@code kind}
   * and {@code id} name the linked thing, {@code role} the relation, {@code details} what it says about it.
   */
  public record Link(String from, String kind, String id, String role, Map<String, Object> details) {
    public Link {
      details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** The id of this link as the {@code from} of further links. */
    public String node() {
      return kind + ":" + id;
    }
  }

  public record Answer(Node root, Direction direction, List<Node> nodes, List<Edge> edges,
      @Nullable MlflowRun mlflowRun, List<Link> links) {}

  private record Key(String kind, String name, int version) {
    String id() {
      return kind + ":" + name + "/" + version;
    }
  }

  public Answer trace(Kind kind, String name, int version, Direction direction) {
    Names.requireName("name", name);
    Key root = new Key(kind.id(), name, version);
    String rootDigest = digest(root)
        .orElseThrow(() -> EntityNotFound.of(kind, name, version));
    Map<Key, Node> nodes = new LinkedHashMap<>();
    List<Edge> edges = new ArrayList<>();
    Deque<Key> queue = new ArrayDeque<>();
    nodes.put(root, new Node(root.kind, root.name, root.version, rootDigest, 0));
    queue.add(root);
    while (!queue.isEmpty() && nodes.size() < MAX_NODES) {
      Key at = queue.poll();
      int depth = nodes.get(at).depth() + 1;
      for (Hop hop : direction == Direction.UPSTREAM ? upstreamOf(at) : downstreamOf(at)) {
        Key next = hop.other();
        Node known = nodes.get(next);
        String currentDigest = known != null ? known.digest() : digest(next).orElse(null);
        Key target = direction == Direction.UPSTREAM ? next : at;
        String targetDigest = direction == Direction.UPSTREAM ? currentDigest : nodes.get(at).digest();
        edges.add(new Edge(
            direction == Direction.UPSTREAM ? at.id() : next.id(),
            target.id(), hop.role(), hop.pinnedDigest(), hop.pinnedDigest().equals(targetDigest)));
        if (known == null) {
          nodes.put(next, new Node(next.kind, next.name, next.version, currentDigest, depth));
          queue.add(next);
        }
      }
    }
    MlflowRun run = kind == Kind.MODEL_VERSION ? mlflowRun(name, version) : null;
    List<Link> linked = new ArrayList<>();
    for (LineageLinks l : links) {
      linked.addAll(direction == Direction.UPSTREAM ? l.upstream(kind, name, version) : l.downstream(kind, name, version));
    }
    return new Answer(nodes.get(root), direction, List.copyOf(nodes.values()), edges, run, List.copyOf(linked));
  }

  /**
   * An entity version built on the root of {@link #descendants}: its digest, how many references away it is,
   * and the first reference through which it was reached ({@code via}, a node id such as
   * {@code feature-set:churn-features/1}, with the {@code role} of that reference).
   */
  public record Descendant(Kind kind, String name, int version, String digest, int depth, String via, String role) {
    /** The node id form of edges: {@code model-version:churn/3}. */
    public String id() {
      return kind.id() + ":" + name + "/" + version;
    }
  }

  /**
   * Every dataset, feature set and model version built on a version, breadth-first: derived datasets
   * (their {@code parents}), feature sets computed from a dataset, model versions trained on a dataset or a
   * feature set. Threshold sets and explanation templates hold no data and are not followed. A node in
   * {@code barriers} (node ids, for example {@code dataset:churn-events/2}) is neither listed nor followed,
   * so what is reachable only through it is left out too. One query per kind and name of each level, so a
   * thousand descendants cost a handful of queries rather than one per node.
   */
  public List<Descendant> descendants(Kind kind, String name, int version, java.util.Set<String> barriers) {
    Names.requireName("name", name);
    Key root = new Key(kind.id(), name, version);
    if (digest(root).isEmpty()) {
      throw EntityNotFound.of(kind, name, version);
    }
    Map<Key, Descendant> found = new LinkedHashMap<>();
    java.util.Set<Key> seen = new java.util.HashSet<>();
    seen.add(root);
    List<Key> frontier = List.of(root);
    for (int depth = 1; !frontier.isEmpty() && found.size() < MAX_NODES; depth++) {
      List<Key> next = new ArrayList<>();
      Map<String, List<Key>> byName = new LinkedHashMap<>();
      frontier.forEach(k -> byName.computeIfAbsent(k.kind + "/" + k.name, x -> new ArrayList<>()).add(k));
      for (List<Key> group : byName.values()) {
        for (int from = 0; from < group.size(); from += 500) {
          List<Key> chunk = group.subList(from, Math.min(group.size(), from + 500));
          for (Object[] row : referencesTo(chunk)) {
            Key k = new Key((String) row[0], (String) row[1], (Integer) row[2]);
            if (!DATA_KINDS.contains(k.kind) || barriers.contains(k.id()) || !seen.add(k)) {
              continue;
            }
            Key to = new Key((String) row[4], (String) row[5], (Integer) row[6]);
            found.put(k, new Descendant(Kind.fromId(k.kind), k.name, k.version, (String) row[7], depth, to.id(),
                (String) row[3]));
            next.add(k);
          }
        }
      }
      frontier = next;
    }
    return List.copyOf(found.values());
  }

  /**
   * Whether dataset version {@code descendant} was derived from {@code ancestor}, through its {@code parents}
   * and theirs; a version does not descend from itself.
   */
  public boolean derivedFrom(Ref descendant, Ref ancestor) {
    java.util.Set<Ref> seen = new java.util.HashSet<>();
    java.util.Deque<Ref> queue = new ArrayDeque<>(List.of(descendant));
    while (!queue.isEmpty() && seen.size() < MAX_NODES) {
      Ref at = queue.poll();
      for (Ref parent : jdbc.sql("""
              select to_name, to_version from registry_reference
              where from_kind = ? and from_name = ? and from_version = ? and role = 'parent' and to_kind = ?""")
          .params(Kind.DATASET.id(), at.name(), at.version(), Kind.DATASET.id())
          .query((rs, i) -> new Ref(rs.getString(1), rs.getInt(2))).list()) {
        if (parent.equals(ancestor)) {
          return true;
        }
        if (seen.add(parent)) {
          queue.add(parent);
        }
      }
    }
    return false;
  }

  /**
   * The dataset versions a model version was built from: those it names, those its feature set was computed
   * from, and every parent of those, each once.
   */
  public List<Ref> upstreamDatasets(String model, int version) {
    return upstreamDatasets(model, version, java.util.Set.of());
  }

  /**
   * {@link #upstreamDatasets(String, int)}, not passing through the dataset versions in {@code barriers}: they and
   * what lies only behind them are left out (a successor that excludes data of its parent, for example).
   */
  public List<Ref> upstreamDatasets(String model, int version, java.util.Set<Ref> barriers) {
    java.util.Set<Ref> found = new java.util.LinkedHashSet<>();
    java.util.Deque<Key> queue = new ArrayDeque<>(List.of(new Key(Kind.MODEL_VERSION.id(), model, version)));
    java.util.Set<Key> seen = new java.util.HashSet<>(queue);
    while (!queue.isEmpty() && seen.size() < MAX_NODES) {
      Key at = queue.poll();
      for (Hop hop : upstreamOf(at)) {
        Key k = hop.other();
        boolean barrier = k.kind.equals(Kind.DATASET.id()) && barriers.contains(new Ref(k.name, k.version));
        if (!barrier && (k.kind.equals(Kind.DATASET.id()) || k.kind.equals(Kind.FEATURE_SET.id())) && seen.add(k)) {
          if (k.kind.equals(Kind.DATASET.id())) {
            found.add(new Ref(k.name, k.version));
          }
          queue.add(k);
        }
      }
    }
    return List.copyOf(found);
  }

  private static final java.util.Set<String> DATA_KINDS = java.util.Set.of(Kind.DATASET.id(), Kind.FEATURE_SET.id(),
      Kind.MODEL_VERSION.id());

  /** References to versions of one kind and name: from kind, name, version, role, to kind, name, version, digest. */
  private List<Object[]> referencesTo(List<Key> targets) {
    Key first = targets.getFirst();
    String marks = String.join(", ", java.util.Collections.nCopies(targets.size(), "?"));
    List<Object> params = new ArrayList<>(List.of(first.kind, first.name));
    targets.forEach(t -> params.add(t.version));
    return jdbc.sql("""
            select r.from_kind, r.from_name, r.from_version, r.role, r.to_kind, r.to_name, r.to_version, e.digest
            from registry_reference r
            join registry_entity e on e.kind = r.from_kind and e.name = r.from_name and e.version = r.from_version
            where r.to_kind = ? and r.to_name = ? and r.to_version in (%s)
            order by r.to_version, r.from_kind, r.from_name, r.from_version""".formatted(marks))
        .params(params)
        .query((rs, i) -> new Object[] {rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5),
            rs.getString(6), rs.getInt(7), rs.getString(8)})
        .list();
  }

  private record Hop(Key other, String role, String pinnedDigest) {}

  private List<Hop> upstreamOf(Key key) {
    return jdbc.sql("""
            select to_kind, to_name, to_version, role, to_digest from registry_reference
            where from_kind = ? and from_name = ? and from_version = ? order by role, to_name, to_version""")
        .params(key.kind, key.name, key.version)
        .query((rs, i) -> new Hop(new Key(rs.getString(1), rs.getString(2), rs.getInt(3)), rs.getString(4), rs.getString(5)))
        .list();
  }

  private List<Hop> downstreamOf(Key key) {
    return jdbc.sql("""
            select from_kind, from_name, from_version, role, to_digest from registry_reference
            where to_kind = ? and to_name = ? and to_version = ? order by from_kind, from_name, from_version""")
        .params(key.kind, key.name, key.version)
        .query((rs, i) -> new Hop(new Key(rs.getString(1), rs.getString(2), rs.getInt(3)), rs.getString(4), rs.getString(5)))
        .list();
  }

  private Optional<String> digest(Key key) {
    return jdbc.sql("select digest from registry_entity where kind = ? and name = ? and version = ?")
        .params(key.kind, key.name, key.version).query(String.class).optional();
  }

  private @Nullable MlflowRun mlflowRun(String model, int version) {
    return jdbc.sql("select document from registry_entity where kind = ? and name = ? and version = ?")
        .params(Kind.MODEL_VERSION.id(), model, version).query(String.class).optional()
        .map(json -> EntityDocuments.fromJson(json, ModelVersion.class).mlflowRun())
        .orElse(null);
  }
}
