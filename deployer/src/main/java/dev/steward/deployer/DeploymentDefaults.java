package dev.steward.deployer;

import java.net.URI;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How a model is served in an environment unless its version says otherwise.
 *
 * @param runtime the KServe ServingRuntime, or null to let KServe pick one for the model format
 * @param minReplicas at least this many predictor replicas (0 scales to zero)
 * @param maxReplicas at most this many
 * @param cpu CPU request and limit, a Kubernetes quantity such as {@code 500m}
 * @param memory memory request and limit, such as {@code 1Gi}
 * @param protocolVersion {@code v1}, {@code v2}, {@code grpc-v1} or {@code grpc-v2}
 * @param deploymentMode {@code Standard} or {@code Knative}
 * @param loggerUrl where KServe's payload logger sends scored traffic: the drift monitor's KServe endpoint
 *     ({@code .../api/v1/drift/kserve/<ingest key>}); null when no ingest key is configured, and then
 *     the rendered service has no logger
 * @param loggerMode {@code all}, {@code request} or {@code response}
 */
public record DeploymentDefaults(
    @Nullable String runtime,
    int minReplicas,
    int maxReplicas,
    String cpu,
    String memory,
    String protocolVersion,
    String deploymentMode,
    @Nullable URI loggerUrl,
    String loggerMode) {

  private static final Set<String> PROTOCOLS = Set.of("v1", "v2", "grpc-v1", "grpc-v2");
  private static final Set<String> MODES = Set.of("Standard", "Knative");
  private static final Set<String> LOGGER_MODES = Set.of("all", "request", "response");

  public DeploymentDefaults {
    Objects.requireNonNull(cpu, "cpu");
    Objects.requireNonNull(memory, "memory");
    if (minReplicas < 0 || maxReplicas < 1 || maxReplicas < minReplicas) {
      throw new IllegalArgumentException("Replicas must satisfy 0 <= min <= max and max >= 1, not " + minReplicas
          + ".." + maxReplicas + ".");
    }
    if (!PROTOCOLS.contains(protocolVersion)) {
      throw new IllegalArgumentException("Protocol version '" + protocolVersion + "' is not one of " + PROTOCOLS + ".");
    }
    if (!MODES.contains(deploymentMode)) {
      throw new IllegalArgumentException("Deployment mode '" + deploymentMode + "' is not one of " + MODES + ".");
    }
    if (!LOGGER_MODES.contains(loggerMode)) {
      throw new IllegalArgumentException("Logger mode '" + loggerMode + "' is not one of " + LOGGER_MODES + ".");
    }
    if (loggerUrl != null && (loggerUrl.getScheme() == null || !loggerUrl.getScheme().startsWith("http"))) {
      throw new IllegalArgumentException("The logger URL " + loggerUrl + " must be http or https.");
    }
  }
}
