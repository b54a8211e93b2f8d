package dev.steward.policies;

import static dev.steward.policies.PolicyFixtures.NOW;
import static dev.steward.policies.PolicyFixtures.approval;
import static dev.steward.policies.PolicyFixtures.churn;
import static dev.steward.policies.PolicyFixtures.context;
import static dev.steward.policies.PolicyFixtures.policy;
import static dev.steward.policies.PolicyFixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cel.common.values.NullValue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each built-in helper passes, fails and errors, called directly and as a CEL rule (errors fail closed). */
class RuleHelpersTests {

  private static RuleResult run(String expression, PromotionContext context) {
    return PolicyRules.compile(policy(rule("r", expression))).evaluate(context.variables()).getFirst();
  }

  private static RuleResult run(String expression, Map<String, Object> variables) {
    return PolicyRules.compile(policy(rule("r", expression))).evaluate(variables).getFirst();
  }

  private static Map<String, Object> variables(PromotionContext context, String name, Object value) {
    Map<String, Object> v = new HashMap<>(context.variables());
    v.put(name, value);
    return v;
  }

  @Test
  void countsDistinctApproversHoldingTheRole() {
    var count = RuleHelpers.approvalsFrom(context(churn(2, 0.9), List.of(approval("rita", "reviewer"),
        approval("rob", "reviewer", "admin"), approval("ada", "admin"))).variables().get("approvals"), "reviewer");
    assertThat(count.count()).isEqualTo(2);
    assertThat(count.explanation()).contains("rita, rob");
  }

  @Test
  void passesWithTwoReviewers() {
    var r = run("reviewerApprovals(approvals) >= 2", context(churn(2, 0.9),
        List.of(approval("rita", "reviewer"), approval("rob", "reviewer"))));
    assertThat(r.outcome()).isEqualTo(RuleResult.Outcome.PASS);
  }

  @Test
  void failsWithOneReviewerAndSaysWho() {
    var r = run("reviewerApprovals(approvals) >= 2", context(churn(2, 0.9), List.of(approval("rita", "reviewer"),
        approval("ada", "admin"))));
    assertThat(r.outcome()).isEqualTo(RuleResult.Outcome.FAIL);
    assertThat(r.explanation()).contains("1 approval(s) from role reviewer (rita)");
  }

  @Test
  void errorsOnMalformedApprovals() {
    var r = run("approvalsFrom(approvals, 'oncall') >= 1", variables(context(churn(2, 0.9), List.of()), "approvals",
        List.of("rita")));
    assertThat(r.outcome()).isEqualTo(RuleResult.Outcome.ERROR);
    assertThat(r.explanation()).contains("approval must be a map");
  }

  @Test
  void passesWhenOthersApproved() {
    var r = run("fourEyes(approvals, requester, model)", context(churn(2, 0.9), List.of(approval("rita", "reviewer"))));
    assertThat(r.outcome()).isEqualTo(RuleResult.Outcome.PASS);
  }

  @Test
  void failsWhenTheAuthorApproved() {
    var r = run("fourEyes(approvals, requester, model)", context(churn(2, 0.9), List.of(approval("alice", "reviewer"))));
    assertThat(r.outcome()).isEqualTo(RuleResult.Outcome.FAIL);
    assertThat(r.explanation()).contains("alice registered the model version and approved it");
  }

  @Test
  void failsWhenTheRequesterApproved() {
    var check = RuleHelpers.fourEyes(List.of(Map.of("reviewer", "bob")), "bob", Map.of("registeredBy", "alice"));
    assertThat(check.passed()).isFalse();
    assertThat(check.explanation()).contains("bob requested the promotion");
  }

  @Test
  void errorsWithoutAnAuthor() {
    var r = run("fourEyes(approvals, requester, {'name': 'churn'})", context(churn(2, 0.9), List.of()));
    assertThat(r.outcome()).isEqualTo(RuleResult.Outcome.ERROR);
    assertThat(r.explanation()).contains("model.registeredBy must be a string");
  }

  @Test
  void passesWhenEveryBoundHolds() {
    var r = run("metricsMeetThresholds(model, thresholds)", context(churn(2, 0.91), List.of()));
    assertThat(r.outcome()).isEqualTo(RuleResult.Outcome.PASS);
    assertThat(r.explanation()).contains("auc 0.91 >= min_auc 0.8");
  }

  @Test
  void failsNamingTheMetricBelowItsMinimum() {
    var r = run("metricsMeetThresholds(model, thresholds)", context(churn(2, 0.75), List.of()));
    assertThat(r.outcome()).isEqualTo(RuleResult.Outcome.FAIL);
    assertThat(r.explanation()).contains("auc 0.75 < min_auc 0.8");
  }

  @Test
  void failsOnAMissingMetricAndAMaximum() {
    var check = RuleHelpers.metricsMeetThresholds(Map.of("metrics", Map.of("latency_ms", 40.0)),
        Map.of("min_auc", 0.8, "max_latency_ms", 30.0));
    assertThat(check.passed()).isFalse();
    assertThat(check.explanation()).contains("metric auc is missing").contains("latency_ms 40.0 > max_latency_ms 30.0");
  }

  @Test
  void errorsWithoutAThresholdSet() {
    var r = run("metricsMeetThresholds(model, thresholds)", variables(context(churn(2, 0.9), List.of()), "thresholds",
        NullValue.NULL_VALUE));
    assertThat(r.outcome()).isEqualTo(RuleResult.Outcome.ERROR);
    assertThat(r.explanation()).contains("has no threshold set");
  }

  @Test
  void passesWithAReasonForEveryNonPiiFeature() {
    var r = run("explanationComplete(explanation, features)", context(churn(2, 0.9), List.of()));
    assertThat(r.outcome()).isEqualTo(RuleResult.Outcome.PASS);
  }

  @Test
  void failsNamingTheFeatureWithoutReason() {
    PromotionContext c = context(churn(2, 0.9), List.of());
    c = new PromotionContext(c.model(), c.thresholds(), c.featureSet(),
        PolicyFixtures.template(Map.of("tenure", "Recent customers leave more often")), c.drift(), c.approvals(),
        c.requester(), c.environment(), c.previousEnvironment(), c.previous(), c.deployed(), c.now());
    var r = run("explanationComplete(explanation, features)", c);
    assertThat(r.outcome()).isEqualTo(RuleResult.Outcome.FAIL);
    assertThat(r.explanation()).contains("no reason text for feature(s) plan");
  }

  @Test
  void failsWhenAPiiFeatureHasAReason() {
    var check = RuleHelpers.explanationComplete(Map.of("reasons", Map.of("tenure", "t", "email", "e")),
        List.of(Map.of("name", "tenure", "pii", false), Map.of("name", "email", "pii", true)));
    assertThat(check.passed()).isFalse();
    assertThat(check.explanation()).contains("reason text for pii feature(s) email");
  }

  @Test
  void errorsWithoutATemplate() {
    var r = run("explanationComplete(explanation, features)", variables(context(churn(2, 0.9), List.of()),
        "explanation", NullValue.NULL_VALUE));
    assertThat(r.outcome()).isEqualTo(RuleResult.Outcome.ERROR);
    assertThat(r.explanation()).contains("no explanation template");
  }

  @Test
  void passesAfterTheMinimumTime() {
    var r = run("soakedFor(previous, '24h')", context(churn(2, 0.9), List.of()));
    assertThat(r.outcome()).isEqualTo(RuleResult.Outcome.PASS);
    assertThat(r.explanation()).contains("ran 30h in staging, at least 1d");
  }

  @Test
  void failsBeforeTheMinimumTime() {
    var r = run("soakedFor(previous, '2d')", context(churn(2, 0.9), List.of()));
    assertThat(r.outcome()).isEqualTo(RuleResult.Outcome.FAIL);
    assertThat(r.explanation()).contains("less than 2d");
  }

  @Test
  void failsWhenNeverDeployedThere() {
    var check = RuleHelpers.soakedFor(Map.of("environment", "staging", "deployed", false), "PT1H");
    assertThat(check.passed()).isFalse();
    assertThat(check.explanation()).contains("never deployed in staging");
  }

  @Test
  void errorsInTheFirstEnvironmentAndOnABadDuration() {
    var r = run("soakedFor(previous, '24h')", variables(context(churn(2, 0.9), List.of()), "previous",
        NullValue.NULL_VALUE));
    assertThat(r.outcome()).isEqualTo(RuleResult.Outcome.ERROR);
    assertThat(r.explanation()).contains("no previous environment");
    assertThatThrownBy(() -> RuleHelpers.soakedFor(Map.of(), "a day"))
        .isInstanceOf(RuleHelpers.HelperError.class).hasMessageContaining("'a day' is not a duration");
  }

  @Test
  void passesWithoutRevokedInputs() {
    var r = run("inputsNotRevoked(revocations)", context(churn(2, 0.9), List.of()));
    assertThat(r.outcome()).isEqualTo(RuleResult.Outcome.PASS);
    assertThat(r.explanation()).contains("no dataset the version was built from has a consent revocation");
  }

  @Test
  void failsNamingTheRevokedDatasetTheReasonAndTheSuccessor() {
    PromotionContext c = context(churn(2, 0.9), List.of());
    c = new PromotionContext(c.model(), c.thresholds(), c.featureSet(), c.explanation(), c.drift(), c.approvals(),
        c.requester(), c.environment(), c.previousEnvironment(), c.previous(), c.deployed(), c.now(),
        List.of(Map.of("id", "r-1", "dataset", Map.of("name", "churn-events", "version", 1L), "reason",
            "erasure request 4411", "successor", Map.of("name", "churn-events", "version", 2L))));
    var r = run("inputsNotRevoked(revocations)", c);
    assertThat(r.outcome()).isEqualTo(RuleResult.Outcome.FAIL);
    assertThat(r.explanation()).contains("revoked-input", "dataset churn-events/1 was revoked (revocation r-1, "
        + "erasure request 4411)", "train on its successor churn-events/2");
  }

  @Test
  void revocationsAreNotFixedForAPromotion() {
    var compiled = PolicyRules.compile(policy(rule("revoked", "inputsNotRevoked(revocations)"),
        rule("explained", "explanationComplete(explanation, features)")));
    assertThat(compiled.settled("revoked")).isFalse();
    assertThat(compiled.settled("explained")).isTrue();
  }

  @Test
  void errorsOnMalformedRevocations() {
    var r = run("inputsNotRevoked(revocations)", variables(context(churn(2, 0.9), List.of()), "revocations",
        List.of("churn-events/1")));
    assertThat(r.outcome()).isEqualTo(RuleResult.Outcome.ERROR);
    assertThat(r.explanation()).contains("revocation must be a map");
  }

  private static Map<String, Object> withCost(PromotionContext c, double max, Object cost) {
    Map<String, Object> v = variables(c, "thresholds", Map.of("min_auc", 0.8, "max_cost_per_1k_predictions", max));
    v.put("cost", cost);
    return v;
  }

  @Test
  void passesWhenServingCostsNoMoreThanTheBound() {
    var r = run("costWithin(cost, thresholds)", withCost(context(churn(2, 0.9), List.of()), 0.05,
        Map.of("environment", "staging", "costPer1kPredictions", 0.031, "currency", "EUR")));
    assertThat(r.outcome()).isEqualTo(RuleResult.Outcome.PASS);
    assertThat(r.explanation()).contains("cost per 1,000 predictions in staging 0.031 EUR <= "
        + "max_cost_per_1k_predictions 0.05");
    var unbounded = run("costWithin(cost, thresholds)", context(churn(2, 0.9), List.of()));
    assertThat(unbounded.outcome()).isEqualTo(RuleResult.Outcome.PASS);
  }

  @Test
  void failsWhenServingCostsMoreOrIsUnknown() {
    var r = run("costWithin(cost, thresholds)", withCost(context(churn(2, 0.9), List.of()), 0.05,
        Map.of("environment", "staging", "costPer1kPredictions", 0.08, "currency", "EUR")));
    assertThat(r.outcome()).isEqualTo(RuleResult.Outcome.FAIL);
    assertThat(r.explanation()).contains("0.08 EUR > max_cost_per_1k_predictions 0.05");
    var unknown = run("costWithin(cost, thresholds)", withCost(context(churn(2, 0.9), List.of()), 0.05,
        NullValue.NULL_VALUE));
    assertThat(unknown.outcome()).isEqualTo(RuleResult.Outcome.FAIL);
    assertThat(unknown.explanation()).contains("no serving cost of the version is known yet");
  }

  @Test
  void theCostBoundIsNotAMetricBound() {
    var r = run("metricsMeetThresholds(model, thresholds)", withCost(context(churn(2, 0.9), List.of()), 0.05,
        NullValue.NULL_VALUE));
    assertThat(r.outcome()).isEqualTo(RuleResult.Outcome.PASS);
    assertThat(r.explanation()).doesNotContain("cost");
  }

  @Test
  void passesOutsideTheWindow() {
    var r = run("outsideFreeze(now, '2026-12-20T00:00:00Z', '2027-01-04T00:00:00Z')", context(churn(2, 0.9), List.of()));
    assertThat(r.outcome()).isEqualTo(RuleResult.Outcome.PASS);
  }

  @Test
  void failsInsideTheWindow() {
    var r = run("outsideFreeze(now, '2026-11-20T00:00:00Z', '2026-11-30T00:00:00Z')", context(churn(2, 0.9), List.of()));
    assertThat(r.outcome()).isEqualTo(RuleResult.Outcome.FAIL);
    assertThat(r.explanation()).contains("inside the change freeze");
  }

  @Test
  void errorsOnAnInvertedOrUnreadableWindow() {
    var r = run("outsideFreeze(now, '2027-01-04T00:00:00Z', '2026-12-20T00:00:00Z')", context(churn(2, 0.9), List.of()));
    assertThat(r.outcome()).isEqualTo(RuleResult.Outcome.ERROR);
    assertThat(r.explanation()).contains("ends before it starts");
    assertThatThrownBy(() -> RuleHelpers.outsideFreeze(NOW, "christmas", "2027-01-04T00:00:00Z"))
        .hasMessageContaining("'christmas' is not an ISO-8601 instant");
  }
}
