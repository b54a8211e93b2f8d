package dev.steward.server.system;

import static dev.steward.server.system.RegistryFixtures.expectCreated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steward.lineage.CommitSummary;
import dev.steward.lineage.Lineage;
import dev.steward.policies.ApprovalGates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A promotion not approved in time expires, recorded as a commit by steward; it can no longer be decided. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PromotionExpiryTests {
  Path dataDir;
  Steward steward;

  abstract Database database();

  @BeforeAll
  void start() throws java.io.IOException {
    dataDir = java.nio.file.Files.createTempDirectory("steward-test");
    steward = Steward.start(dataDir, database(), Map.of("steward.promotions.expiry", "PT3S",
        "steward.promotions.expiry-check", "PT1S"));
  }

  @AfterAll
  void stop() {
    if (steward != null) {
      steward.close();
    }
    Steward.deleteRecursively(dataDir);
  }

  @Test
  void expiresAPendingPromotionAndRefusesLateDecisions() {
    Api admin = steward.admin();
    Api alice = admin.as(admin.issue("alice", "ml-engineer"));
    Api rita = admin.as(admin.issue("rita", "reviewer"));
    String id = pendingProductionPromotion(alice).text("id");

    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
        .until(() -> !rita.get("/api/v1/promotions/" + id).text("state").equals("pending"));

    assertThat(rita.get("/api/v1/promotions/" + id).text("state")).isEqualTo("expired");
    CommitSummary last = steward.bean(Lineage.class).history("promotions/" + id + ".yaml", 1).getFirst();
    assertThat(last.actor()).isEqualTo("steward");
    assertThat(last.action()).isEqualTo("expire-promotion");
    Api.Answer late = rita.post("/api/v1/promotions/" + id + "/decisions", PromotionJourneyTests.approve("late"));
    assertThat(late.status()).isEqualTo(409);
    assertThat(late.text("detail")).contains("expired, not pending");
  }

  @Test
  void leavesOverduePromotionsPendingWhileTheIndexIsIncomplete() throws java.io.IOException {
    Path dir = java.nio.file.Files.createTempDirectory("steward-test");
    // the background check is an hour away: the test calls the expiry itself
    try (Steward quiet = Steward.start(dir, database(), Map.of("steward.promotions.expiry", "PT1S",
        "steward.promotions.expiry-check", "PT1H"))) {
      Api admin = quiet.admin();
      Api alice = admin.as(admin.issue("alice", "ml-engineer"));
      Api.Answer pending = pendingProductionPromotion(alice);
      String id = pending.text("id");
      java.time.Instant expiresAt = java.time.Instant.parse(pending.text("expiresAt"));
      ApprovalGates gates = quiet.bean(ApprovalGates.class);
      await().atMost(Duration.ofSeconds(10)).until(() -> java.time.Instant.now().isAfter(expiresAt));

      assertThat(gates.expireOverdue(() -> false)).isZero();
      assertThat(alice.get("/api/v1/promotions/" + id).text("state")).isEqualTo("pending");

      assertThat(gates.expireOverdue(() -> true)).isEqualTo(1);
      assertThat(alice.get("/api/v1/promotions/" + id).text("state")).isEqualTo("expired");
    } finally {
      Steward.deleteRecursively(dir);
    }
  }

  /** Registers churn version 1, promotes it through dev and staging, and answers its production promotion, pending. */
  private static Api.Answer pendingProductionPromotion(Api alice) {
    RegistryFixtures.registerChurn(alice);
    expectCreated(alice.post("/api/v1/models/churn/versions", RegistryFixtures.modelVersion("churn-events",
        "churn-features", "churn-thresholds", "churn-reasons")));
    expectCreated(alice.post("/api/v1/promotions", PromotionJourneyTests.promotion("churn", 1, "dev")));
    expectCreated(alice.post("/api/v1/promotions", PromotionJourneyTests.promotion("churn", 1, "staging")));
    return expectCreated(alice.post("/api/v1/promotions", PromotionJourneyTests.promotion("churn", 1, "production")));
  }
}
