package dev.steward.registry;

import dev.steward.lineage.Lineage;
import dev.steward.lineage.VerifyReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Recomputes every digest from the registry repository and reports each mismatch: a stored reference
 * whose pinned digest is not the digest of what it points at, an index row whose digest differs from
 * its file, a file under a registry folder that is no entity or alias (the index ignores it), whatever
 * the repository's own check finds (unsigned or wrongly signed commits, trailers that do not name exactly
 * the changed files with their digests, missing objects), and the commit the index refused, if any.
 */
public class RegistryVerification {
  private static final List<String> ROOTS = List.of("datasets/", "features/", "thresholds/", "explanations/", "models/");

  private final Lineage lineage;
  private final JdbcClient jdbc;
  private final RegistryIndex index;

  public RegistryVerification(Lineage lineage, JdbcClient jdbc, RegistryIndex index) {
    this.lineage = lineage;
    this.jdbc = jdbc;
    this.index = index;
  }

  /**
   * One problem found.
   *
   * @param path the file it concerns, or {@code commit <id>} for a problem with a whole commit
   * @param problem what is wrong
   * @param commit the commit it concerns, when it concerns one
   */
  public record Mismatch(String path, String problem, @Nullable String commit) {
    public Mismatch(String path, String problem) {
      this(path, problem, null);
    }
  }

  /**
   * What verification found.
   *
   * @param signatures commit signatures checked
   * @param trustStart the last commit accepted without a signature, if one is configured
   * @param indexRefused the commit the index stopped before because it failed verification, if any
   */
  public record Report(boolean ok, int files, int references, long commits, long signatures,
      @Nullable String trustStart, RegistryIndex.@Nullable Refusal indexRefused, List<Mismatch> mismatches) {}

  public Report verify() {
    VerifyReport repository = lineage.verify();
    List<Mismatch> mismatches = new ArrayList<>();
    repository.problems().forEach(p -> mismatches.add(new Mismatch(p.path() == null ? "commit " + p.commitId() : p.path(),
        p.description(), p.commitId())));
    RegistryIndex.Refusal refused = index.refusal().orElse(null);
    if (refused != null && repository.problems().stream().noneMatch(p -> refused.commitId().equals(p.commitId()))) {
      // the repository changed since the index refused it; say so rather than drop the refusal
      mismatches.add(new Mismatch("commit " + refused.commitId(), "The index refused this commit: "
          + refused.reason(), refused.commitId()));
    }
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
    return new Report(mismatches.isEmpty(), entities.size(), references, repository.commits(), repository.signatures(),
        repository.trustStart(), refused, List.copyOf(mismatches));
  }

  private static String key(Kind kind, String name, int version) {
    return kind.id() + ":" + name + "/" + version;
  }
}
