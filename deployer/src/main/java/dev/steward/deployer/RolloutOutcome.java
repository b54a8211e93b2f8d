package dev.steward.deployer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The record of a finished rollout a reviewer reads in Git, {@code rollouts/<environment>/<model>.yaml}
 * (rewritten by each rollout; {@code git log} keeps them all): the version, how it went and why, and every
 * analysis check in words.
 */
final class RolloutOutcome {
  private RolloutOutcome() {}

  static String path(String environment, String model) {
    return "rollouts/" + environment + "/" + model + ".yaml";
  }

  static Map<String, Object> document(Rollout r, List<RolloutStore.Check> checks, RolloutPolicy policy, Instant now) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("environment", r.environment);
    doc.put("model", r.model);
    doc.put("version", r.version);
    doc.put("service", r.service);
    doc.put("strategy", r.plan.id());
    doc.put("outcome", r.state == RolloutState.ABORTING ? (r.stableRevision == null ? "failed" : "aborted")
        : r.state.id());
    doc.put("reason", r.transitionReason);
    doc.put("summary", r.transitionMessage);
    doc.put("desiredCommit", r.desiredCommit);
    doc.put("started", r.startedAt.toString());
    doc.put("finished", now.toString());
    if (r.stableRevision != null) {
      doc.put("stableRevision", r.stableRevision);
    }
    if (r.stableVersion != null) {
      doc.put("stableVersion", r.stableVersion);
    }
    if (r.canaryRevision != null) {
      doc.put("canaryRevision", r.canaryRevision);
    }
    if (r.plan == Rollout.Plan.CANARY) {
      doc.put("steps", policy.steps());
      doc.put("interval", policy.interval().toString());
      doc.put("iterations", policy.iterations());
      doc.put("failureLimit", policy.failureLimit());
    }
    List<Map<String, Object>> list = new ArrayList<>();
    for (RolloutStore.Check c : checks) {
      Map<String, Object> check = new LinkedHashMap<>();
      check.put("step", c.step() + 1);
      if (c.step() < policy.splitSteps().size()) {
        check.put("percent", policy.splitSteps().get(c.step()));
      }
      check.put("iteration", c.iteration());
      check.put("check", c.name());
      check.put("result", c.passed() ? "pass" : "fail");
      check.put("detail", c.detail());
      check.put("at", c.at().toString());
      list.add(check);
    }
    doc.put("checks", list);
    return doc;
  }
}
