package dev.steward.deployer;

import dev.steward.lineage.Lineage;
import dev.steward.registry.IndexProjection;
import dev.steward.registry.ModelRegistry;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Wires the deployer over the registry and its repository. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({DeployerProperties.class, EnvironmentSettings.class})
class DeployerConfiguration {

  @Bean
  IndexProjection deploymentProjection() {
    return new DeploymentProjection();
  }

  @Bean
  DeploymentIndex deploymentIndex(JdbcClient jdbc) {
    return new DeploymentIndex(jdbc);
  }

  /** The payload logger needs the drift monitor's ingest key: {@code steward.drift.kserve.ingest-key}. */
  @Bean
  DeploymentEnvironments deploymentEnvironments(EnvironmentSettings settings, DeployerProperties deployer,
      Environment env) {
    return new DeploymentEnvironments(settings.resolve(deployer.loggerUrl(
        env.getProperty("steward.drift.kserve.ingest-key"))));
  }

  @Bean
  Deployer deployer(Lineage lineage, ModelRegistry registry, DeploymentIndex index,
      DeploymentEnvironments environments, ApplicationEventPublisher events) {
    return new Deployer(lineage, registry, index, environments, Clock.systemUTC(), events);
  }
}
