package dev.steward.policies;

import java.util.Objects;

/**
 * One rung of the promotion ladder, as the approval gates see it. Where and how models are served there
 * (namespace, target, replicas, rollout) belongs to the deployer, configured under the same
 * {@code steward.environments[i]}.
 *
 * @param name for example {@code staging}
 * @param policy the name of the policy that gates entry
 */
public record Environment(String name, String policy) {
  public Environment {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(policy, "policy");
  }
}
