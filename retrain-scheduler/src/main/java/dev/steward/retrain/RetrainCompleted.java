package dev.steward.retrain;

import org.jspecify.annotations.Nullable;

/**
 * A retrain run reached a terminal state, committed. {@code producedVersion} is the version its token
 * registered; {@code promoteTo} the environment the plan proposes a successful run's version for.
 */
public record RetrainCompleted(String runId, String model, RunState state, @Nullable Integer producedVersion,
    @Nullable String promoteTo) {}
