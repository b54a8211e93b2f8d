package dev.steward.policies;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The latest drift status of a deployed model version, as the {@code drift} variable of the promotion
 * context. Without a drift monitor it answers {@code {"status": "unknown"}}; the server replaces it with a
 * {@code @Primary} bean backed by the drift monitor's reports, answering at least {@code status}
 * ({@code ok}, {@code warn}, {@code alert} or {@code unknown}) plus whatever detail it has (for example
 * {@code reportId}, {@code reasons}).
 */
@FunctionalInterface
public interface DriftStatus {

  /** The status of {@code model} version {@code version} in {@code environment}; version is null if none is deployed. */
  Map<String, Object> latest(String environment, String model, @Nullable Integer version);

  /** No drift reports yet: every status is unknown. */
  DriftStatus UNKNOWN = (environment, model, version) -> Map.of("status", "unknown");
}
