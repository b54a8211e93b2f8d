package dev.steward.server;

import dev.steward.lineage.Lineage;
import dev.steward.lineage.LineageProperties;
import dev.steward.lineage.LineageSettings;
import dev.steward.server.ha.HaProperties;
import dev.steward.registry.RegistryIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Opens the registry repository, {@code <data-dir>/registry.git} unless {@code steward.lineage.repository} says
 * otherwise, signing its commits with {@code steward.lineage.signing.key} or a key generated in
 * {@code <data-dir>/signing/}. With {@code steward.ha.enabled} the repository is shared with the other replicas
 * through {@code steward.lineage.remote} (docs/high-availability.md).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LineageProperties.class)
class LineageConfiguration {

  @Bean(destroyMethod = "close")
  Lineage lineage(LineageProperties lineage, StewardProperties steward, HaProperties ha) {
    try {
      Files.createDirectories(steward.dataDir());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the data directory " + steward.dataDir(), e);
    }
    Path repository = lineage.repositoryOr(steward.dataDir().resolve("registry.git"));
    LineageSettings settings = lineage.settings(steward.dataDir().resolve("signing"));
    if (ha.enabled()) {
      // several replicas: the remote is the system of record and every replica must trust every commit
      if (lineage.remote() == null) {
        throw new IllegalStateException("steward.ha.enabled needs steward.lineage.remote (STEWARD_LINEAGE_REMOTE):"
            + " the Git repository the replicas share.");
      }
      if (lineage.signing() == null || lineage.signing().key() == null) {
        throw new IllegalStateException("steward.ha.enabled needs steward.lineage.signing.key"
            + " (STEWARD_LINEAGE_SIGNING_KEY): every replica signs with the same key, so each trusts the others'"
            + " commits.");
      }
      settings = settings.sharedThrough(lineage.remote(), ha.followInterval(), ha.pushTimeout());
    }
    return Lineage.open(repository, settings);
  }

  /** Named so that its health component is {@code registryIndex}. */
  @Bean
  RegistryIndexHealth registryIndexHealthIndicator(RegistryIndex index) {
    return new RegistryIndexHealth(index);
  }
}
