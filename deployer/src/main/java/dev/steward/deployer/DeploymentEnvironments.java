package dev.steward.deployer;

import dev.steward.registry.EntityNotFound;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The configured environments, as the deployer serves them: {@code get("production").target()}. */
public final class DeploymentEnvironments {
  private final List<DeploymentEnvironment> all;

  public DeploymentEnvironments(List<DeploymentEnvironment> all) {
    Set<String> names = new HashSet<>();
    for (DeploymentEnvironment e : all) {
      if (!names.add(e.name())) {
        throw new IllegalArgumentException("Environment " + e.name() + " appears twice in steward.environments.");
      }
    }
    this.all = List.copyOf(all);
  }

  public List<DeploymentEnvironment> all() {
    return all;
  }

  public Optional<DeploymentEnvironment> find(String name) {
    return all.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  public DeploymentEnvironment get(String name) {
    return find(name).orElseThrow(() -> new EntityNotFound("environment " + name + " is not configured; the environments are "
        + all.stream().map(DeploymentEnvironment::name).toList()));
  }
}
