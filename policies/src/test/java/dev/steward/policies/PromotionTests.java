package dev.steward.policies;

import static dev.steward.policies.PolicyFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromotionTests {

  private static DesiredStates.DesiredVersion entry(int version, String action, int hoursAgo) {
    return new DesiredStates.DesiredVersion(version, PolicyFixtures.DIGEST, action, NOW.minus(Duration.ofHours(hoursAgo)));
  }

  @Test
  void soaksFromWhenTheVersionLastBecameDesiredUntilNow() {
    var soak = ApprovalGates.soak(List.of(entry(1, "promote", 50), entry(2, "promote", 30)), 2, NOW);
    assertThat(soak.deployed()).isTrue();
    assertThat(soak.current()).isTrue();
    assertThat(soak.soaked()).isEqualTo(Duration.ofHours(30));
  }

  @Test
  void soaksOnlyUntilAReplacedVersionWasReplaced() {
    var soak = ApprovalGates.soak(List.of(entry(1, "promote", 50), entry(2, "promote", 30), entry(1, "rollback", 10)),
        2, NOW);
    assertThat(soak.current()).isFalse();
    assertThat(soak.soaked()).isEqualTo(Duration.ofHours(20));
    assertThat(ApprovalGates.soak(List.of(entry(1, "promote", 5)), 2, NOW).deployed()).isFalse();
  }

  @Test
  void comparesMetricsAndReferencesWithTheDeployedVersion() {
    var candidate = PolicyFixtures.churn(3, 0.92);
    var deployed = PolicyFixtures.churn(2, 0.90);
    Comparison c = ApprovalGates.compare(candidate, deployed);
    assertThat(c.deployedVersion()).isEqualTo(2);
    assertThat(c.metrics().get("auc").delta()).isCloseTo(0.02, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(c.changedReferences()).isEmpty();
    assertThat(ApprovalGates.compare(candidate, null).deployedVersion()).isNull();
  }

  @Test
  void movesOnlyFromPending() {
    Promotion p = Promotion.requested("p1", "churn", 2, "d", "production", null, "bob", NOW,
        NOW.plus(Duration.ofDays(7)), new Evaluation.PolicyRef("production-gate", 1, "d"),
        ApprovalGates.compare(PolicyFixtures.churn(2, 0.9), null));
    Promotion rejected = p.decided(new Decision("rita", List.of("reviewer"), Verdict.REJECT, "no", NOW));
    assertThat(rejected.state()).isEqualTo(PromotionState.REJECTED);
    assertThat(rejected.closedBy()).isEqualTo("rita");
    assertThat(rejected.closedReason()).isEqualTo("rejected by rita: no");
    assertThatThrownBy(() -> rejected.decided(PolicyFixtures.approval("rob", "reviewer")))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> p.written(new Promotion.DesiredState("x", 2, NOW)))
        .isInstanceOf(IllegalStateException.class);
  }
}
