package dev.steward.policies;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What serving a model version cost in an environment, as the {@code cost} variable of the promotion context:
 * {@code {environment, costPer1kPredictions, predictions, windowEnd, currency}} from its last closed drift window
 * there, or null when unknown. Without a governance module it knows none; the governance module replaces it with a
 * {@code @Primary} bean over its costs. The cost changes with every window, so {@code cost} is not one of
 * {@link PolicyRules#FIXED_VARIABLES}.
 */
@FunctionalInterface
public interface ServingCosts {

  /** The last known cost of serving {@code model} version {@code version} in {@code environment}, or null. */
  @Nullable Map<String, Object> of(String environment, String model, int version);

  /** No costs known. */
  ServingCosts NONE = (environment, model, version) -> null;
}
