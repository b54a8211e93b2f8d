package dev.steward.drift.traffic;

import dev.steward.lineage.ChangedFile;
import dev.steward.lineage.RecordedChange;
import dev.steward.registry.IndexProjection;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Indexes the reference profile files of the registry repository
 * ({@code drift/profiles/<model>/<group>/<version>.json}) into {@code drift_reference_profile} and
 * {@code drift_reference_labels}. A rebuild clears those two tables and replays every profile file;
 * drift reports live in tables no projection owns, so a rebuild leaves them alone.
 */
class ReferenceProfileProjection implements IndexProjection {

  @Override
  public boolean indexes(String path) {
    return path.startsWith(ProfileDocuments.DIRECTORY);
  }

  @Override
  public void apply(JdbcClient jdbc, RecordedChange change, ChangedFile file, boolean fresh) {
    ProfileDocuments.locate(file.path()).ifPresent(location -> {
      // delete even when fresh: a path written twice in the history (a profile removed and uploaded again
      // through Git) would otherwise be inserted twice during a rebuild
      ReferenceProfiles.delete(jdbc, location.model(), location.version());
      if (file.content() != null) {
        ReferenceProfile profile = ProfileDocuments.fromJson(file.content());
        if (!profile.model().equals(location.model()) || profile.version() != location.version()) {
          throw new IllegalArgumentException(file.path() + " in commit " + change.commitId() + " holds the profile of "
              + profile.model() + "/" + profile.version() + ", not of the model version its path names.");
        }
        ReferenceProfiles.insert(jdbc, profile);
      }
    });
  }

  @Override
  public void clear(JdbcClient jdbc) {
    jdbc.sql("delete from drift_reference_labels").update();
    jdbc.sql("delete from drift_reference_profile").update();
  }
}
