package dev.steward.ui.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.policies.Comparison;
import dev.steward.policies.Promotion;
import dev.steward.policies.PromotionState;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class HomePageTests {
  static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

  static Promotion requestedBy(String requester) {
    return new Promotion("p-1", "churn", 3, "sha256:" + "ab".repeat(32), "production", "better AUC", requester, AT,
        AT.plusSeconds(86_400), null, PromotionState.PENDING, List.of(), null,
        new Comparison(2, new TreeMap<>(), List.of()), null, null, null, null);
  }

  @Test
  void theRequesterIsToldWhyTheyCannotApprove() {
    assertThat(HomePage.cannotApprove(requestedBy("alice"), "bob", new Viewer("alice", Set.of("reviewer"))))
        .contains("You requested this promotion").contains("four eyes");
  }

  @Test
  void theAuthorOfTheVersionIsToldWhyTheyCannotApproveThoughSomeoneElseRequestedIt() {
    assertThat(HomePage.cannotApprove(requestedBy("alice"), "bob", new Viewer("bob", Set.of("reviewer"))))
        .contains("You registered churn version 3").contains("four eyes");
  }

  @Test
  void anotherReviewerMayApprove() {
    assertThat(HomePage.cannotApprove(requestedBy("alice"), "bob", new Viewer("rita", Set.of("reviewer")))).isEmpty();
  }
}
