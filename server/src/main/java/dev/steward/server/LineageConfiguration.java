package dev.steward.server;

import dev.steward.lineage.Lineage;
import dev.steward.lineage.LineageProperties;
import dev.steward.registry.RegistryIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Opens the registry repository, {@code <data-dir>/registry.git} unless {@code steward.lineage.repository} says
 * otherwise, signing its commits with {@code steward.lineage.signing.key} or a key generated in
 * {@code <data-dir>/signing/}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LineageProperties.class)
class LineageConfiguration {

  @Bean(destroyMethod = "close")
  Lineage lineage(LineageProperties lineage, StewardProperties steward) {
    try {
      Files.createDirectories(steward.dataDir());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the data directory " + steward.dataDir(), e);
    }
    return lineage.open(steward.dataDir().resolve("registry.git"), steward.dataDir().resolve("signing"));
  }

  /** Named so that its health component is {@code registryIndex}. */
  @Bean
  RegistryIndexHealth registryIndexHealthIndicator(RegistryIndex index) {
    return new RegistryIndexHealth(index);
  }
}
