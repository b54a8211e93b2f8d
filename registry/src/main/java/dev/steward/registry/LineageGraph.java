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
