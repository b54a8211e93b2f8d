package dev.steward.registry;

import dev.steward.lineage.Lineage;
import dev.steward.lineage.VerifyReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Recomputes every digest from the registry repository and reports each mismatch: a stored reference
 * whose pinned digest is not the digest of what it points at, an index row whose digest differs from
 * its file, a file under a registry folder that is no entity or alias (the index ignores it), and whatever
 * the repository's own check finds (commit digests, missing objects).
 */
public class RegistryVerification {
  private static final List<String> ROOTS = List.of("datasets/", "features/", "thresholds/", "explanations/", "models/");

  private final Lineage lineage;
  private final JdbcClient jdbc;

  public RegistryVerification(Lineage lineage, JdbcClient jdbc) {
    this.lineage = lineage;
    this.jdbc = jdbc;
  }

  /** One problem found. */
  public record Mismatch(String path, String problem) {}

  public record Report(boolean ok, int files, int references, long commits, List<Mismatch> mismatches) {}

  public Report verify() {
    VerifyReport repository = lineage.verify();
    List<Mismatch> mismatches = new ArrayList<>();
    repository.problems().forEach(p -> mismatches.add(new Mismatch(p.path() == null ? "commit " + p.commitId() : p.path(),
        p.description())));
    Map<String, String> digests = new HashMap<>();
    List<Registered> entities = new ArrayList<>();
    for (String root : ROOTS) {
      lineage.forEachFile(root, (path, bytes) -> {
        var location = EntityDocuments.locate(path);
        if (location.isEmpty()) {
          if (EntityDocuments.locateAlias(path).isEmpty()) {
            // for example a version outside its group folder: the index never sees it
            mismatches.add(new Mismatch(path, "is not a registry file: no entity or alias lives at this path"));
          }
          return;
        }
        Kind kind = location.get().kind();
        try {
          Registered e = EntityDocuments.fromYaml(kind, bytes);
          digests.put(key(kind, location.get().name(), location.get().version()), e.digest());
          entities.add(e);
        } catch (RuntimeException ex) {
          mismatches.add(new Mismatch(path, "cannot be read as a " + kind.id() + ": " + ex.getMessage()));
        }
      });
    }
    int references = 0;
    for (Registered e : entities) {
      String path = e.kind().path(e.name(), e.version());
      for (Registered.Edge edge : e.references()) {
        references++;
        String actual = digests.get(key(edge.kind(), edge.target().name(), edge.target().version()));
        if (actual == null) {
          mismatches.add(new Mismatch(path, edge.role() + " " + edge.target().ref() + " is missing from the repository"));
        } else if (!actual.equals(edge.target().digest())) {
          mismatches.add(new Mismatch(path, edge.role() + " " + edge.target().ref() + " is pinned to "
              + edge.target().digest() + " but its content digest is " + actual));
        }
      }
    }
    jdbc.sql("select kind, name, version, digest from registry_entity").query((rs, i) -> {
      Kind kind = Kind.fromId(rs.getString(1));
      String k = key(kind, rs.getString(2), rs.getInt(3));
      String actual = digests.get(k);
      String path = kind.path(rs.getString(2), rs.getInt(3));
      if (actual == null) {
        mismatches.add(new Mismatch(path, "is in the index but not in the repository"));
      } else if (!actual.equals(rs.getString(4))) {
        mismatches.add(new Mismatch(path, "index digest " + rs.getString(4) + " differs from the file's " + actual));
      }
      return k;
    }).list();
    return new Report(mismatches.isEmpty(), entities.size(), references, repository.commits(), List.copyOf(mismatches));
  }

  private static String key(Kind kind, String name, int version) {
    return kind.id() + ":" + name + "/" + version;
  }
}
