package dev.steward.policies;

import dev.steward.registry.ExplanationTemplateVersion;
import dev.steward.registry.Feature;
import dev.steward.registry.FeatureSetVersion;
import dev.steward.registry.ModelFormat;
import dev.steward.registry.ModelVersion;
import dev.steward.registry.Reference;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Object mother for the policy tests: a churn model version, its feature set, template and context. */
final class PolicyFixtures {
  static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  static final String DIGEST = "sha256:" + "ab".repeat(32);

  private PolicyFixtures() {}

  static ModelVersion churn(int version, double auc) {
    return new ModelVersion("churn", version, "s3://models/churn/run-" + version + "/model",
        new ModelFormat("sklearn", "1"), null, null, new TreeMap<>(Map.of("auc", auc, "f1", 0.7)),
        new TreeMap<>(Map.of("max_depth", "6")), List.of(new Reference("churn-events", 1, DIGEST)),
        new Reference("churn-features", 1, DIGEST), new Reference("churn-thresholds", 1, DIGEST),
        new Reference("churn-reasons", 1, DIGEST), null, new TreeMap<>(), null, "alice", NOW.minusSeconds(3600),
        DIGEST);
  }

  static FeatureSetVersion features() {
    return new FeatureSetVersion("churn-features", 1, List.of(
        new Feature("tenure", "int", null, "Customer tenure", false),
        new Feature("plan", "string", null, "Price plan", false),
        new Feature("email", "string", null, null, true)), List.of(), new TreeMap<>(), null, "alice", NOW, DIGEST);
  }

  static ExplanationTemplateVersion template(Map<String, String> reasons) {
    return new ExplanationTemplateVersion("churn-reasons", 1, new Reference("churn-features", 1, DIGEST),
        new TreeMap<>(reasons), 2, "en", new TreeMap<>(), null, "alice", NOW, DIGEST);
  }

  static ExplanationTemplateVersion fullTemplate() {
    return template(Map.of("tenure", "Recent customers leave more often", "plan", "This plan churns more"));
  }

  static Environment environment(String name) {
    return new Environment(name, name + "-gate");
  }

  static Decision approval(String reviewer, String... roles) {
    return new Decision(reviewer, List.of(roles), Verdict.APPROVE, null, NOW.minusSeconds(60));
  }

  static PromotionContext context(ModelVersion model, List<Decision> approvals) {
    return new PromotionContext(model, Map.of("min_auc", 0.8, "decision_threshold", 0.5), features(), fullTemplate(),
        Map.of("status", "unknown"), approvals, "bob", environment("production"), "staging",
        new PromotionContext.Soak(true, true, NOW.minus(Duration.ofHours(30)), Duration.ofHours(30)), null, NOW);
  }

  static Rule rule(String id, String expression) {
    return new Rule(id, "rule " + id, Severity.BLOCK, expression);
  }

  static Policy policy(Rule... rules) {
    return new Policy("test-gate", 1, null, List.of(rules), "alice", NOW, DIGEST, PolicyState.ACTIVE, null);
  }
}
