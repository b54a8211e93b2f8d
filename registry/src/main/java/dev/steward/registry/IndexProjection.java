package dev.steward.registry;

import dev.steward.lineage.ChangedFile;
import dev.steward.lineage.RecordedChange;
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
   * Indexes one changed file ({@code file.content()} is null when the change removed it). During a full
   * rebuild {@code fresh} is true: the tables were just cleared, so there is nothing to delete first.
   */
  void apply(JdbcClient jdbc, RecordedChange change, ChangedFile file, boolean fresh);

  /**
   * Empties the tables this projection owns, before a full rebuild. {@code truncate table} is fine (and on
   * H2 much faster than {@code delete} for large tables): the rebuild does not rely on this being atomic.
   */
  void clear(JdbcClient jdbc);
}
