package dev.steward.deployer;

import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code steward.deployer.*}: where the cluster reaches Steward. Rendered InferenceServices send scored
 * traffic to {@code <public-url>/api/v1/drift/kserve/<steward.drift.kserve.ingest-key>} unless
 * {@code logger-url} names the endpoint outright; with neither an ingest key nor a logger URL they get
 * no payload logger (the deployment says so).
 *
 * @param publicUrl Steward's base URL as seen from inside the cluster
 * @param loggerUrl the payload logger's full URL, overriding the one built from {@code publicUrl}
 */
@ConfigurationProperties("steward.deployer")
record DeployerProperties(
    @DefaultValue("http://steward.steward.svc.cluster.local:8080") URI publicUrl,
    @Nullable URI loggerUrl) {

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
