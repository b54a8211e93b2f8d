package dev.steward.deployer;

import dev.steward.registry.ModelFormat;
import dev.steward.registry.ModelVersion;
import dev.steward.registry.Reference;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Object mother for the deployer tests: a churn model version and the environments it is served in. */
final class DeploymentFixtures {
  static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  static final String DIGEST = "sha256:" + "ab".repeat(32);
  static final URI LOGGER = URI.create("http://steward.steward.svc:8080/api/v1/drift/kserve/k3y");

  private DeploymentFixtures() {}

  static ModelVersion churn(int version) {
    return new ModelVersion("churn", version, "s3://models/churn/run-" + version + "/model",
        new ModelFormat("sklearn", "1"), null, null, new TreeMap<>(Map.of("auc", 0.9)),
        new TreeMap<>(Map.of("max_depth", "6")), List.of(new Reference("churn-events", 1, DIGEST)),
        new Reference("churn-features", 1, DIGEST), null, null, null, new TreeMap<>(), null, "alice",
        NOW.minusSeconds(3600), DIGEST);
  }

  static DeploymentEnvironment environment(String name, Target target) {
    return new DeploymentEnvironment(name, "steward-" + name, target, new DeploymentDefaults(null, 1, 3, "500m", "1Gi",
        "v2", "Standard", LOGGER, "all"));
  }

  static DeploymentEnvironment environment(String name) {
    return environment(name, Target.DRY_RUN);
  }

  static Deployment deployment(String environment, int version, Deployment.Action action, int secondsLater) {
    return new Deployment(environment, "steward-" + environment, "churn", version, DIGEST, action,
        action == Deployment.Action.PROMOTE ? "p" + version : null, List.of(), null, null, "bob",
        NOW.plusSeconds(secondsLater), Target.DRY_RUN, InferenceServiceManifest.desired(churn(version),
            environment(environment)));
  }
}
