package dev.steward.deployer;

import dev.steward.lineage.Lineage;
import dev.steward.lineage.LineageSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The registry and the deployer without the server: what the deployer's cluster tests run. */
@SpringBootApplication(scanBasePackages = {"dev.steward.registry", "dev.steward.deployer"})
class DeployerTestApplication {

  @Bean(destroyMethod = "close")
  Lineage lineage(@Value("${steward.data-dir}") Path dataDir) {
    return Lineage.open(dataDir.resolve("registry.git"), LineageSettings.defaults());
  }

  @Bean
  MeterRegistry meterRegistry() {
    return new SimpleMeterRegistry();
  }

  @Bean
  DriftVerdicts driftVerdicts() {
    return TestingDriftVerdicts.INSTANCE;
  }
}
