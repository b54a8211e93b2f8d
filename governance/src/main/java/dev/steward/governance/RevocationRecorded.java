package dev.steward.governance;

import org.jspecify.annotations.Nullable;

/**
 * A consent revocation of {@code dataset} version {@code version} was committed. Announced by the revocation
 * projection inside the index transaction of its commit, so {@code @ApplicationModuleListener}s get it durably:
 * the retrain plans fed by the dataset are started on {@code successor} from here.
 */
public record RevocationRecorded(String id, String dataset, int version, @Nullable String successor,
    @Nullable Integer successorVersion, String commitId) {}
