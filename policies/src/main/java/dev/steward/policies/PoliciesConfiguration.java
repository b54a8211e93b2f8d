package dev.steward.policies;

import dev.steward.lineage.Lineage;
import dev.steward.registry.IndexProjection;
import dev.steward.registry.ModelRegistry;
import dev.steward.registry.RegistryIndex;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Wires policies, approval gates and the environment ladder over the registry and its repository. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({PromotionSettings.class, LadderSettings.class})
class PoliciesConfiguration {

  @Bean
  IndexProjection policyProjection() {
    return new PolicyProjection();
  }

  @Bean
  PolicyIndex policyIndex(JdbcClient jdbc) {
    return new PolicyIndex(jdbc);
  }

  @Bean
  PolicyRegistry policyRegistry(Lineage lineage, PolicyIndex index) {
    return new PolicyRegistry(lineage, index, Clock.systemUTC());
  }

  @Bean
  Environments environments(LadderSettings settings) {
    return settings.ladder();
  }

  /** Without a drift monitor; the server replaces this with a {@code @Primary} bean over its reports. */
  @Bean
  DriftStatus unknownDriftStatus() {
    return DriftStatus.UNKNOWN;
  }

  /** Without a governance module; it replaces this with a {@code @Primary} bean over its revocations. */
  @Bean
  InputRevocations noInputRevocations() {
    return InputRevocations.NONE;
  }

  /** Without a governance module; it replaces this with a {@code @Primary} bean over its costs. */
  @Bean
  ServingCosts noServingCosts() {
    return ServingCosts.NONE;
  }

  @Bean
  ApprovalGates approvalGates(Lineage lineage, ModelRegistry registry, PolicyRegistry policies, PolicyIndex index,
      Environments environments, DesiredStates desiredStates, DriftStatus drift, InputRevocations revocations,
      ServingCosts costs, PromotionSettings settings) {
    return new ApprovalGates(lineage, registry, policies, index, environments, desiredStates, drift, revocations,
        costs, settings.expiry(), Clock.systemUTC());
  }

  @Bean(destroyMethod = "close")
  PromotionExpiry promotionExpiry(ApprovalGates gates, PromotionSettings settings, RegistryIndex index,
      Lineage lineage) {
    // with several replicas only the leader expires promotions (docs/high-availability.md)
    return new PromotionExpiry(gates, settings.expiryCheck(),
        () -> lineage.leads() && !index.isRebuilding() && !index.isBehind());
  }
}
