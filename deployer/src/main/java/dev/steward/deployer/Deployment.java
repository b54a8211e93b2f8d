package dev.steward.deployer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The desired deployment of a model in an environment, as committed to
 * {@code deployments/<environment>/<model>.yaml}: which version, why (the promotion and its approvals, or
 * a rollback and its reason), the target that applies it, and the rendered KServe manifest. For the
 * {@code gitops} target the bare manifest is also written to {@code gitops/<environment>/}.
 */
public record Deployment(
    String environment,
    String namespace,
    String model,
    int version,
    String modelVersionDigest,
    Action action,
    @Nullable String promotion,
    List<String> approvals,
    @Nullable Integer previousVersion,
    @Nullable String reason,
    String writtenBy,
    Instant writtenAt,
    Target target,
    Map<String, Object> manifest) {

  public Deployment {
    approvals = List.copyOf(approvals);
  }

  /** How this desired state came about. */
  public enum Action {
    PROMOTE,
    ROLLBACK;

    @JsonValue
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Action fromId(String id) {
      return valueOf(id.toUpperCase(Locale.ROOT));
    }
  }

  public String path() {
    return DeploymentDocuments.recordPath(environment, model);
  }

  /** The InferenceService's name, as rendered. */
  @SuppressWarnings("unchecked")
  public String service() {
    return String.valueOf(((Map<String, Object>) manifest.get("metadata")).get("name"));
  }
}
