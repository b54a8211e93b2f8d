package dev.steward.server.system;

import static dev.steward.server.system.PromotionJourneyTests.approve;
import static dev.steward.server.system.PromotionJourneyTests.promotion;
import static dev.steward.server.system.PromotionJourneyTests.rule;
import static dev.steward.server.system.RegistryFixtures.expectCreated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.steward.drift.traffic.TrafficMonitor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Cost per prediction on a running Steward: a version serves an hour of counted traffic in staging at the
 * configured prices; the cost of the window and per 1,000 predictions follows from the rendered resources, and
 * the production gate's cost-within-budget rule compares it with the threshold set's max_cost_per_1k_predictions.
 * The arithmetic does not depend on the database, so H2 alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServingCostOnH2Tests {
  private static final Instant DAY = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(48));
  private static final int ROWS = 3_600;

  private Path dataDir;
  private Steward steward;
  private Api alice;
  private String token;
  private String base;

  @BeforeAll
  void start() throws Exception {
    dataDir = Files.createTempDirectory("steward-costs");
    steward = Steward.start(dataDir, Database.h2(), Map.of("steward.drift.close-interval", "0",
        "steward.max-request-size", "16MB", "steward.governance.costs.currency", "EUR",
        "steward.governance.costs.prices.staging.cpu-hour", "0.04",
        "steward.governance.costs.prices.staging.gib-hour", "0.005"));
    token = steward.admin().issue("alice", "ml-engineer");
    alice = steward.api(token);
    base = "http://127.0.0.1:" + steward.port();
    DriftTraffic.registerModel(alice, "churn");
    ObjectNode budget = Api.object().put("name", "churn-thresholds");
    budget.putObject("values").put("psi_warn", 0.1).put("psi_alert", 0.25).put("max_cost_per_1k_predictions", 0.01);
    expectCreated(alice.post("/api/v1/threshold-sets", budget));
    ObjectNode version = RegistryFixtures.minimalModelVersion();
    version.set("featureSet", RegistryFixtures.ref("churn-features", 1));
    version.set("thresholdSet", RegistryFixtures.ref("churn-thresholds", 2));
    expectCreated(alice.post("/api/v1/models/churn/versions", version));
    Api.Answer reference = DriftTraffic.send(base, token, "POST", "/api/v1/drift/models/churn/versions/2/reference",
        "application/x-ndjson", DriftTraffic.reference("churn", 11, 5_000).getBytes(StandardCharsets.UTF_8), Map.of());
    assertThat(reference.status()).as(reference.toString()).isEqualTo(201);
    for (String environment : List.of("dev", "staging")) {
      Api.Answer p = alice.post("/api/v1/promotions", promotion("churn", 2, environment));
      assertThat(p.text("state")).as(p.toString()).isEqualTo("approved");
    }
    SplittableRandom r = new SplittableRandom(7);
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < ROWS; i++) {
      rows.append(DriftTraffic.row(r, "s-" + i, "churn", "staging", DAY.plusMillis(i * 1000L), DriftTraffic.Shift.NONE,
          false).replace("\"version\":1,", "\"version\":2,"));
    }
    Api.Answer sent = DriftTraffic.jsonLines(base, token, "/api/v1/drift/rows", rows.toString());
    assertThat(sent.json().path("accepted").asInt()).as(sent.toString()).isEqualTo(ROWS);
    steward.bean(TrafficMonitor.class).closeDue(DAY.plus(Duration.ofHours(1)).plus(Duration.ofMinutes(5)));
  }

  @AfterAll
  void stop() {
    if (steward != null) {
      steward.close();
    }
    Steward.deleteRecursively(dataDir);
  }

  @Test
  void costsTheWindowsResourcesPerThousandCountedPredictions() {
    JsonNode costs = alice.get("/api/v1/costs?environment=staging").json();
    assertThat(costs.size()).as(costs.toString()).isEqualTo(1);
    JsonNode c = costs.get(0);
    assertThat(c.path("model").asString()).isEqualTo("churn");
    assertThat(c.path("version").asInt()).isEqualTo(2);
    assertThat(c.path("predictions").asLong()).isEqualTo(ROWS);
    assertThat(c.path("currency").asString()).isEqualTo("EUR");
    // the environment's defaults: 1 CPU, 2 GiB, 1 replica, for one hour
    assertThat(c.path("cpu").asDouble()).isEqualTo(1.0);
    assertThat(c.path("memoryGib").asDouble()).isEqualTo(2.0);
    assertThat(c.path("replicas").asInt()).isEqualTo(1);
    assertThat(c.path("cost").asDouble()).isCloseTo(0.05, within(1e-12));
    assertThat(c.path("costPer1kPredictions").asDouble()).isCloseTo(0.05 / 3.6, within(1e-12));
    assertThat(alice.get("/api/v1/costs/staging/churn").json().get(0)).isEqualTo(c);
  }

  @Test
  void theProductionGateComparesTheCostWithTheThresholdSet() {
    String id = expectCreated(alice.post("/api/v1/promotions", promotion("churn", 2, "production"))).text("id");
    JsonNode promotion = alice.get("/api/v1/promotions/" + id).json();
    JsonNode cost = rule(promotion, "cost-within-budget");
    assertThat(cost.path("outcome").asString()).as(cost.toString()).isEqualTo("fail");
    assertThat(cost.path("explanation").asString()).contains("cost per 1,000 predictions in staging 0.0138",
        "EUR > max_cost_per_1k_predictions 0.01");
    assertThat(rule(promotion, "metrics-meet-thresholds").path("outcome").asString()).isEqualTo("pass");
  }

  @Test
  void refusesCostQueriesItCannotAnswer() {
    Api.Answer unpriced = alice.get("/api/v1/costs?environment=production");
    assertThat(unpriced.status()).as(unpriced.toString()).isEqualTo(400);
    assertThat(unpriced.text("field")).isEqualTo("environment");
    assertThat(unpriced.text("detail")).contains("steward.governance.costs.prices.production");
    Api.Answer size = alice.get("/api/v1/costs/staging/churn?size=0");
    assertThat(size.status()).as(size.toString()).isEqualTo(400);
    assertThat(size.text("field")).isEqualTo("size");
    Api.Answer unknown = alice.get("/api/v1/costs?environment=moon");
    assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
    assertThat(unknown.text("detail")).contains("environment moon is not configured");
  }
}
