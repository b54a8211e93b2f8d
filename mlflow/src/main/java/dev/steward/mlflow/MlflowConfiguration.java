package dev.steward.mlflow;

import dev.steward.registry.LineageGraph;
import dev.steward.registry.ModelRegistry;
import dev.steward.retrain.RunTokens;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Wires the MLflow import. The tracking URI and token come from {@code steward.mlflow.*} or, when those
 * are not set, from MLflow's own {@code MLFLOW_TRACKING_URI} and {@code MLFLOW_TRACKING_TOKEN}.
 */
@Configuration(proxyBeanMethods = false)
class MlflowConfiguration {

  @Bean(destroyMethod = "close")
  TrackingServers mlflowTrackingServers(MlflowProperties properties, Environment environment) {
    return new TrackingServers(trackingUri(properties, environment), token(properties, environment), properties.timeout());
  }

  @Bean
  MlflowImport mlflowImport(ModelRegistry registry, TrackingServers servers, MlflowProperties properties,
      ObjectProvider<RunTokens> runTokens) {
    return new MlflowImport(registry, servers, new ArtifactLocations(properties.artifactLocations()),
        runTokens.getIfAvailable());
  }

  @Bean
  MlflowLineage mlflowLineage(ModelRegistry registry, LineageGraph graph) {
    return new MlflowLineage(registry, graph);
  }

  /** Sync-back is on when asked for, or by default when a tracking URI is configured. */
  @Bean(destroyMethod = "close")
  MlflowSyncBack mlflowSyncBack(ModelRegistry registry, TrackingServers servers, MlflowProperties properties) {
    boolean enabled = properties.syncBack() != null ? properties.syncBack() : servers.defaultUri().isPresent();
    return new MlflowSyncBack(registry, servers, enabled);
  }

  static @Nullable URI trackingUri(MlflowProperties properties, Environment environment) {
    if (properties.trackingUri() != null) {
      return properties.trackingUri();
    }
    String fromMlflow = environment.getProperty("MLFLOW_TRACKING_URI");
    return fromMlflow == null || fromMlflow.isBlank() ? null : URI.create(fromMlflow);
  }

  static @Nullable String token(MlflowProperties properties, Environment environment) {
    if (properties.token() != null && !properties.token().isBlank()) {
      return properties.token();
    }
    String fromMlflow = environment.getProperty("MLFLOW_TRACKING_TOKEN");
    return fromMlflow == null || fromMlflow.isBlank() ? null : fromMlflow;
  }
}
