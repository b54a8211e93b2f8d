package dev.steward.deployer;

import java.util.Objects;

/**
 * Where and how one environment of the ladder serves its models.
 *
 * @param name the environment, for example {@code production}
 * @param namespace the Kubernetes namespace of its InferenceServices
 * @param target what happens to a committed desired state
 * @param defaults how models are served there
 * @param rollout how a new version is rolled out there (the cluster target)
 */
public record DeploymentEnvironment(String name, String namespace, Target target, DeploymentDefaults defaults,
    RolloutPolicy rollout) {
  public DeploymentEnvironment {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(defaults, "defaults");
    Objects.requireNonNull(rollout, "rollout");
    if (!namespace.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
      throw new IllegalArgumentException("The namespace '" + namespace + "' of environment " + name
          + " is not a DNS label (lower-case letters, digits and '-', at most 63 characters).");
    }
    if (rollout.strategy() == RolloutPolicy.Strategy.CANARY && !"Knative".equals(defaults.deploymentMode())) {
      throw new IllegalArgumentException("Environment " + name + " rolls out as a canary, which needs"
          + " steward.environments[i].deployment.deployment-mode: Knative (KServe's Standard mode splits traffic"
          + " with spec.canary[] only from v0.20 on and ignored canaryTrafficPercent before).");
    }
  }

  /** An environment that rolls every version out at once. */
  public DeploymentEnvironment(String name, String namespace, Target target, DeploymentDefaults defaults) {
    this(name, namespace, target, defaults, RolloutPolicy.DIRECT);
  }
}
