package dev.steward.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.registry.EntityNotFound;
import java.util.List;
import org.junit.jupiter.api.Test;

class LadderSettingsTests {

  @Test
  void defaultsToDevStagingProduction() {
    Environments ladder = new LadderSettings(null).ladder();
    assertThat(ladder.names()).containsExactly("dev", "staging", "production");
    Environment production = ladder.get("production");
    assertThat(production.policy()).isEqualTo("production-gate");
    assertThat(ladder.previous(production)).map(Environment::name).contains("staging");
    assertThat(ladder.previous(ladder.get("dev"))).isEmpty();
  }

  @Test
  void takesAConfiguredLadderWithADefaultPolicyPerEnvironment() {
    Environments ladder = new LadderSettings(List.of(new LadderSettings.Rung("qa", null),
        new LadderSettings.Rung("live", "live-policy"))).ladder();
    assertThat(ladder.names()).containsExactly("qa", "live");
    assertThat(ladder.get("qa").policy()).isEqualTo("qa-gate");
    assertThat(ladder.get("live").policy()).isEqualTo("live-policy");
    assertThatThrownBy(() -> ladder.get("prod")).isInstanceOf(EntityNotFound.class).hasMessageContaining("[qa, live]");
  }

  @Test
  void refusesADuplicateOrInvalidEnvironment() {
    assertThatThrownBy(() -> new LadderSettings(List.of(new LadderSettings.Rung("qa", null),
        new LadderSettings.Rung("qa", null))).ladder()).hasMessageContaining("twice");
    assertThatThrownBy(() -> new LadderSettings(List.of(new LadderSettings.Rung("QA", null))).ladder())
        .hasMessageContaining("DNS label");
  }

  @Test
  void promotionSettingsRefuseANonPositiveExpiry() {
    assertThatThrownBy(() -> new PromotionSettings(java.time.Duration.ZERO, java.time.Duration.ofMinutes(1)))
        .hasMessageContaining("steward.promotions.expiry must be positive");
  }
}
