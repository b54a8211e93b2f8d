package dev.steward.governance;

import dev.steward.registry.Reference;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A consent revocation of a dataset version, as committed to
 * {@code revocations/<dataset>/<version>/<id>.yaml}: what it covers, why, the successor version that excludes
 * the revoked data, and its impact with what was done about each item and when. The file is created in one
 * commit with everything done at once (marks, flags); the retrain plans it starts are recorded by a second
 * commit of the same file once they were triggered, so {@code git log} of the file is the proof.
 *
 * @param scope {@code version} (the whole dataset version) or {@code subjects}
 * @param subjects the hashes of the data subjects' ids, for scope {@code subjects}
 */
public record Revocation(
    String id,
    Reference dataset,
    String scope,
    List<String> subjects,
    String reason,
    @Nullable Reference successor,
    String revokedBy,
    Instant revokedAt,
    List<ImpactItem> impact) {

  public static final String ROOT = "revocations/";
  public static final String WHOLE_VERSION = "version";
  public static final String SUBJECTS = "subjects";

  public Revocation {
    subjects = List.copyOf(subjects);
    impact = List.copyOf(impact);
  }

  /** Where the revocation lives in the registry repository. */
  public String path() {
    return path(dataset.name(), dataset.version(), id);
  }

  static String path(String dataset, int version, String id) {
    return ROOT + dataset + "/" + version + "/" + id + ".yaml";
  }

  Revocation withImpact(List<ImpactItem> items) {
    return new Revocation(id, dataset, scope, subjects, reason, successor, revokedBy, revokedAt, items);
  }

  /** The items of one kind, in the order of the impact. */
  public List<ImpactItem> items(String kind) {
    return impact.stream().filter(i -> i.kind().equals(kind)).toList();
  }
}
