package dev.steward.deployer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** Where an environment's desired state goes once it is committed. */
public enum Target {
  DRY_RUN("dry-run", "rendered and recorded in Git only; nothing is applied anywhere"),
  GITOPS("gitops", "bare manifests under gitops/<environment>/ in the registry repository, for Argo CD or Flux"),
  CLUSTER("cluster", "applied to a Kubernetes cluster with server-side apply");

  private final String id;
  private final String description;

  Target(String id, String description) {
    this.id = id;
    this.description = description;
  }

  @JsonValue
  public String id() {
    return id;
  }

  public String description() {
    return description;
  }

  @JsonCreator
  public static Target fromId(String id) {
    return Arrays.stream(values()).filter(t -> t.id.equals(id.toLowerCase(Locale.ROOT))).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Target '" + id + "' is not one of dry-run, gitops, cluster."));
  }
}
