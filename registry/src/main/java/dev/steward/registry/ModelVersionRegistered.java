package dev.steward.registry;

import org.jspecify.annotations.Nullable;

/**
 * A model version was registered and committed; {@code producedBy} names the retrain run that produced it, when
 * one did (the version's {@code producedBy.retrainRun}), so that listeners need not read the version to know.
 */
public record ModelVersionRegistered(ModelVersionId id, String digest, String actor, @Nullable String producedBy) {

  public ModelVersionRegistered(ModelVersionId id, String digest, String actor) {
    this(id, digest, actor, null);
  }
}
