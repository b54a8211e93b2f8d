package dev.steward.deployer;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code steward.deployer.*}: where the cluster reaches Steward, how Steward reaches the cluster, and how
 * its reconciler behaves. Rendered InferenceServices send scored traffic to
 * {@code <public-url>/api/v1/drift/kserve/<steward.drift.kserve.ingest-key>} unless {@code logger-url} names
 * the endpoint outright; with neither an ingest key nor a logger URL they get no payload logger.
 *
 * @param publicUrl Steward's base URL as seen from inside the cluster
 * @param loggerUrl the payload logger's full URL, overriding the one built from {@code publicUrl}
 * @param kubeconfig the kubeconfig for environments with the {@code cluster} target; without it Steward uses
 *     its pod's service account (in-cluster), or {@code $KUBECONFIG} / {@code ~/.kube/config} outside a pod
 * @param resyncInterval how often every managed service is reconciled even without an event
 * @param revertManualChanges whether a hand edit of a managed InferenceService is reverted (it is always reported)
 * @param prometheusUrl the Prometheus that answers canary metric checks
 * @param workers reconciler threads; one service is never reconciled by two at once
 */
@ConfigurationProperties("steward.deployer")
record DeployerProperties(
    @DefaultValue("http://steward.steward.svc.cluster.local:8080") URI publicUrl,
    @Nullable URI loggerUrl,
    @Nullable Path kubeconfig,
    @DefaultValue("30s") Duration resyncInterval,
    @DefaultValue("false") boolean revertManualChanges,
    @Nullable URI prometheusUrl,
    @DefaultValue("2") int workers) {

  /** The payload logger URL for an ingest key, or null when there is neither a key nor an explicit URL. */
  @Nullable URI loggerUrl(@Nullable String ingestKey) {
    if (loggerUrl != null) {
      return loggerUrl;
    }
    if (ingestKey == null || ingestKey.isBlank()) {
      return null;
    }
    String base = publicUrl.toString().replaceAll("/+$", "");
    return URI.create(base + "/api/v1/drift/kserve/" + ingestKey);
  }
}
