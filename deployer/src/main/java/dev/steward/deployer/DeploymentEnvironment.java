package dev.steward.deployer;

import java.util.Objects;

/**
 * Where and how one environment of the ladder serves its models.
 *
 * @param name the environment, for example {@code production}
 * @param namespace the Kubernetes namespace of its InferenceServices
 * @param target what happens to a committed desired state
 * @param defaults how models are served there
 */
public record DeploymentEnvironment(String name, String namespace, Target target, DeploymentDefaults defaults) {
  public DeploymentEnvironment {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(defaults, "defaults");
    if (!namespace.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
      throw new IllegalArgumentException("The namespace '" + namespace + "' of environment " + name
          + " is not a DNS label (lower-case letters, digits and '-', at most 63 characters).");
    }
  }
}
