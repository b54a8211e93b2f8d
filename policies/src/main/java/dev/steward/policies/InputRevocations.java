package dev.steward.policies;

import java.util.List;
import java.util.Map;

/**
 * The consent revocations that reach a model version's inputs, as the {@code revocations} variable of the
 * promotion context: one map per revocation of a dataset version the candidate was built from, at least
 * {@code {id, dataset, reason}}. Without a governance module it answers none; the governance module replaces
 * it with a {@code @Primary} bean over its revocations. A revocation can arrive while a promotion is pending,
 * so {@code revocations} is not one of {@link PolicyRules#FIXED_VARIABLES}: a rule over it re-reads it at every
 * evaluation.
 */
@FunctionalInterface
public interface InputRevocations {

  /** The revocations reaching {@code model} version {@code version}, oldest first; empty when none. */
  List<Map<String, Object>> of(String model, int version);

  /** No revocations known. */
  InputRevocations NONE = (model, version) -> List.of();
}
