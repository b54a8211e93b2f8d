package dev.steward.retrain;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A retrain plan as registered: {@code POST /api/v1/retrain/plans}. Defaults: {@code concurrency forbid},
 * {@code timeout 1h}, {@code retries 0}, {@code backoff 1m}.
 */
public record PlanRequest(
    String model,
    @Nullable String description,
    @Nullable List<Trigger> triggers,
    @Nullable Launcher launcher,
    @Nullable String concurrency,
    @Nullable String timeout,
    @Nullable Integer retries,
    @Nullable String backoff,
    @Nullable String promoteTo) {}
