package dev.steward.policies;

import static dev.steward.policies.PolicyFixtures.approval;
import static dev.steward.policies.PolicyFixtures.churn;
import static dev.steward.policies.PolicyFixtures.context;
import static dev.steward.policies.PolicyFixtures.policy;
import static dev.steward.policies.PolicyFixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.registry.InvalidRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyRulesTests {

  @Test
  void refusesAPolicyWhoseRuleDoesNotCompileNamingRuleAndPosition() {
    List<NewPolicy.NewRule> rules = List.of(
        new NewPolicy.NewRule("ok", null, "block", "true"),
        new NewPolicy.NewRule("broken", null, "block", "model.metrics.auc >="));
    assertThatThrownBy(() -> PolicyRegistry.rules(rules))
        .isInstanceOfSatisfying(InvalidRequest.class, e -> {
          assertThat(e.unprocessable()).isTrue();
          assertThat(e.field()).isEqualTo("rules[1].expression");
        })
        .hasMessageContaining("rule 'broken' does not compile at line 1, column 21");
  }

  @Test
  void refusesUnknownVariablesAndFunctions() {
    assertThat(PolicyRules.check(List.of(rule("a", "modell.version > 1"), rule("b", "approve(approvals)"))))
        .extracting(PolicyRules.CompileError::ruleId).containsExactly("a", "b");
  }

  @Test
  void refusesDuplicateRuleIdsAndUnknownSeverities() {
    assertThatThrownBy(() -> PolicyRegistry.rules(List.of(new NewPolicy.NewRule("a", null, null, "true"),
        new NewPolicy.NewRule("a", null, null, "true")))).hasMessageContaining("appears twice");
    assertThatThrownBy(() -> PolicyRegistry.rules(List.of(new NewPolicy.NewRule("a", null, "fatal", "true"))))
        .hasMessageContaining("rules[0].severity");
  }

  @Test
  void evaluatesEveryRuleWithItsOwnOutcome() {
    var results = PolicyRules.compile(policy(
        rule("pass", "model.metrics.auc >= 0.8 && model.name == 'churn'"),
        rule("fail", "model.version > 5"),
        rule("error", "model.metrics.precision > 0.5"),
        rule("not-bool", "model.version"),
        rule("macro", "model.datasets.all(d, d.version >= 1) && approvals.exists(a, a.reviewer == 'rita')"),
        new Rule("warn", null, Severity.WARN, "drift.status == 'ok'")))
        .evaluate(context(churn(2, 0.9), List.of(approval("rita", "reviewer"))).variables());
    assertThat(results).extracting(RuleResult::outcome).containsExactly(RuleResult.Outcome.PASS,
        RuleResult.Outcome.FAIL, RuleResult.Outcome.ERROR, RuleResult.Outcome.ERROR, RuleResult.Outcome.PASS,
        RuleResult.Outcome.FAIL);
    assertThat(results.get(2).explanation()).contains("precision");
    assertThat(results.get(3).explanation()).contains("not true or false");
    Evaluation e = Evaluation.of(new Evaluation.PolicyRef("p", 1, "d"), results, "bob", PolicyFixtures.NOW);
    assertThat(e.passed()).isFalse();
    assertThat(e.blockedBy()).containsExactly("fail", "error", "not-bool");
  }

  @Test
  void warnRulesDoNotBlock() {
    var results = PolicyRules.compile(policy(new Rule("w", null, Severity.WARN, "false")))
        .evaluate(context(churn(2, 0.9), List.of()).variables());
    assertThat(Evaluation.of(new Evaluation.PolicyRef("p", 1, "d"), results, "bob", PolicyFixtures.NOW).passed())
        .isTrue();
  }

  @Test
  void shipsDefaultPoliciesThatCompile() {
    for (String name : List.of("dev-gate", "staging-gate", "production-gate")) {
      NewPolicy shipped = PolicyRegistry.builtIn(name).orElseThrow();
      assertThat(PolicyRegistry.rules(shipped.rules())).isNotEmpty();
    }
    assertThat(PolicyRegistry.builtIn("production-gate").orElseThrow().rules())
        .extracting(NewPolicy.NewRule::id).contains("two-reviewer-approvals", "four-eyes", "explanation-complete",
            "metrics-meet-thresholds");
    assertThat(PolicyRegistry.builtIn("../etc")).isEmpty();
  }

  @Test
  void knowsWhichRulesReadOnlyWhatNeverChangesForAPromotion() {
    PolicyRules.Compiled compiled = PolicyRules.compile(PolicyFixtures.policy(
        rule("thresholds", "metricsMeetThresholds(model, thresholds)"),
        rule("template", "explanationComplete(explanation, features) && requester != 'x'"),
        rule("loop", "features.all(f, !f.pii || f.name != 'ssn')"),
        rule("reviewers", "reviewerApprovals(approvals) >= 2"),
        rule("mixed", "model.metrics.auc > 0.8 || drift.status == 'ok'"),
        rule("soak", "soakedFor(previous, '24h')"),
        rule("constant", "true")));
    assertThat(compiled.settled("thresholds")).isTrue();
    assertThat(compiled.settled("template")).isTrue();
    assertThat(compiled.settled("loop")).as("a comprehension variable is not a context variable").isTrue();
    assertThat(compiled.settled("constant")).isTrue();
    assertThat(compiled.settled("reviewers")).isFalse();
    assertThat(compiled.settled("mixed")).isFalse();
    assertThat(compiled.settled("soak")).isFalse();
  }
}
