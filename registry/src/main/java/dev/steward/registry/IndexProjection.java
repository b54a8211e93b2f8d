package dev.steward.registry;

import dev.steward.lineage.ChangedFile;
import dev.steward.lineage.RecordedChange;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Turns files of the registry repository into rows of the SQL index. Every module that records files
 * through {@code lineage} and wants them queryable contributes one as a bean; {@link RegistryIndex}
 * feeds each committed file to the projections that claim its path, in commit order, and replays the
 * whole history into them on a rebuild. Applying the same file twice must give the same rows.
 */
public interface IndexProjection {

  /** Whether this projection indexes the file at this repository path. */
  boolean indexes(String path);

  /**
   * Indexes one changed file ({@code file.content()} is null when the change removed it). {@code fresh}
   * is true only during a full rebuild and only the first time the rebuild meets this path: the tables
   * were cleared and no earlier commit wrote the file, so there are no rows to delete first. Every later
   * commit of the same path (a promotion decided, an alias moved, a token revoked) comes with
   * {@code fresh} false and must replace or remove what the earlier one indexed.
   */
  void apply(JdbcClient jdbc, RecordedChange change, ChangedFile file, boolean fresh);

  /**
   * Empties the tables this projection owns, before a full rebuild. {@code truncate table} is fine (and on
   * H2 much faster than {@code delete} for large tables): the rebuild does not rely on this being atomic.
   */
  void clear(JdbcClient jdbc);

  /**
   * The events a file tells other modules about when its commit is indexed for the first time, for example
   * {@code DesiredStateChanged} for a deployment record. {@link RegistryIndex} publishes them inside the
   * index transaction, so a listener registered with Spring Modulith's event publication registry
   * ({@code @ApplicationModuleListener}) gets them durably: stored with the index rows, delivered after the
   * commit, replayed at start-up if it did not complete. They are announced for live commits and for
   * commits a catch-up after a crash indexes, never during a rebuild or a catch-up into an empty index
   * (which would repeat every reaction of the repository's history). Called after {@link #apply}.
   */
  default List<Object> announce(RecordedChange change, ChangedFile file) {
    return List.of();
  }
}
