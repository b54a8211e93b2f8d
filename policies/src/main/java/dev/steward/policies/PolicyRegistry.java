package dev.steward.policies;

import dev.steward.lineage.Change;
import dev.steward.lineage.FileChange;
import dev.steward.lineage.Lineage;
import dev.steward.lineage.PathAlreadyExists;
import dev.steward.registry.EntityDocuments;
import dev.steward.registry.EntityNotFound;
import dev.steward.registry.InvalidRequest;
import dev.steward.registry.Names;
import dev.steward.registry.RegistryConflict;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers, approves and reads policy versions. Policies are governance: only a {@code policy-admin} or
 * an {@code admin} registers one, and a version takes effect only after a second one of them approves it
 * (four eyes on the rules that enforce four eyes). Each registration is one commit of
 * {@code policies/<name>/<version>.yaml}, each decision one commit of
 * {@code policies/<name>/approvals/<version>.yaml}; a rule that does not compile refuses the whole policy
 * (422 naming the rule and the position). The default policies {@code dev-gate}, {@code staging-gate}
 * and {@code production-gate} ship with Steward and are registered, active, as {@code steward}, the
 * first time an environment needs them.
 *
 * <pre>{@code
 * Policy p = policies.register(ada, new NewPolicy("prod-gate", "Production entry", List.of(
 *     new NewPolicy.NewRule("two-reviewers", "Two reviewers approved", "block", "reviewerApprovals(approvals) >= 2"))));
 * policies.decide(grace, "prod-gate", p.version(), "approve", "reviewed the rules");   // now active
 * }</pre>
 */
public class PolicyRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(PolicyRegistry.class);
  private static final Pattern RULE_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final int MAX_RULES = 200;
  static final String SYSTEM_ACTOR = "steward";
  /** The roles that govern policies. */
  public static final List<String> GOVERNING_ROLES = List.of("policy-admin", "admin");

  private final Lineage lineage;
  private final PolicyIndex index;
  private final Clock clock;
  private final Map<String, PolicyRules.Compiled> compiled = new ConcurrentHashMap<>();

  PolicyRegistry(Lineage lineage, PolicyIndex index, Clock clock) {
    this.lineage = lineage;
    this.index = index;
    this.clock = clock;
  }

  /** Registers the next version of a policy, proposed until a second policy admin approves it. */
  public Policy register(Actor actor, NewPolicy request) {
    requireGoverning(actor, "register a policy");
    return register(actor.name(), request);
  }

  private synchronized Policy register(String actor, NewPolicy request) {
    String name = Names.requireName("name", request.name());
    String description = Names.optionalText("description", request.description());
    List<Rule> rules = rules(request.rules());
    int version = index.maxPolicyVersion(name) + 1;
    Policy policy = Policy.registered(name, version, description, rules, actor, clock.instant());
    byte[] yaml = PolicyDocuments.toYaml(policy);
    try {
      lineage.record(new Change(actor, "register", "policy " + name + "/" + version,
          "Register policy " + name + "/" + version, List.of(FileChange.create(policy.path(), yaml))));
    } catch (PathAlreadyExists e) {
      throw new RegistryConflict("policy " + name + " version " + version + " was registered by another writer; retry");
    }
    PolicyState state = actor.equals(SYSTEM_ACTOR) ? PolicyState.ACTIVE : PolicyState.PROPOSED;
    LOG.info("Registered policy {} version {} with {} rules for {}; it is {}.", name, version, rules.size(), actor,
        state.id());
    return policy.withDigest(EntityDocuments.digest(yaml)).withState(state, null);
  }

  /**
   * Approves or rejects a proposed policy version; the one who registered it may not (four eyes). One
   * commit; an approved version judges every promotion requested from then on.
   */
  public synchronized Policy decide(Actor actor, String name, int version, @Nullable String decision,
      @Nullable String comment) {
    requireGoverning(actor, "decide on a policy");
    Verdict verdict = Verdict.fromId(decision);
    String text = Names.optionalText("comment", comment);
    Policy policy = get(name, version);
    if (policy.registeredBy().equals(actor.name())) {
      throw new DecisionRefused(actor.name() + " registered policy " + name + " version " + version
          + " and may not decide on it (four eyes): another policy-admin or admin must");
    }
    if (policy.state() != PolicyState.PROPOSED) {
      throw new RegistryConflict("policy " + name + " version " + version + " is " + policy.state().id()
          + (policy.decision() == null ? "" : " (" + policy.decision().decidedBy() + " at "
              + policy.decision().decidedAt() + ")") + ", not proposed");
    }
    PolicyDecision d = new PolicyDecision(name, version, String.valueOf(policy.digest()), verdict, actor.name(),
        actor.roles().stream().sorted().toList(), text, clock.instant());
    lineage.record(new Change(actor.name(), verdict == Verdict.APPROVE ? "approve-policy" : "reject-policy",
        "policy " + name + "/" + version, (verdict == Verdict.APPROVE ? "Approve" : "Reject") + " policy " + name
            + "/" + version, List.of(FileChange.create(d.path(), PolicyDocuments.toYaml(d)))));
    LOG.info("{} {}s policy {} version {}.", actor.name(), verdict.id(), name, version);
    return policy.withState(verdict == Verdict.APPROVE ? PolicyState.ACTIVE : PolicyState.REJECTED, d);
  }

  public Policy get(String name, int version) {
    return index.policy(name, version)
        .orElseThrow(() -> new EntityNotFound("policy " + name + " version " + version + " is not registered"));
  }

  public Policy latest(String name) {
    return index.latestPolicy(name).orElseThrow(() -> new EntityNotFound("policy " + name + " is not registered"));
  }

  public List<Policy> list() {
    return index.latestPolicies();
  }

  public List<Policy> versions(String name) {
    List<Policy> all = index.policyVersions(Names.requireName("name", name));
    if (all.isEmpty()) {
      throw new EntityNotFound("policy " + name + " is not registered");
    }
    return all;
  }

  /** Whether a policy of this name is registered or ships with Steward. */
  boolean available(String name) {
    return index.maxPolicyVersion(name) > 0 || builtIn(name).isPresent();
  }

  /**
   * The active (approved) version of a policy, compiled: what a new promotion is judged by. A default
   * policy that was never registered is registered first (one commit by {@code steward}); a policy with
   * versions but none approved judges nothing, and the promotion is refused saying so.
   */
  synchronized PolicyRules.Compiled resolve(String name) {
    Optional<Policy> active = index.activePolicy(name);
    if (active.isPresent()) {
      return compiled(active.get());
    }
    Optional<Policy> latest = index.latestPolicy(name);
    if (latest.isPresent()) {
      throw new RegistryConflict("policy " + name + " has no approved version yet: version "
          + latest.get().version() + " by " + latest.get().registeredBy() + " is " + latest.get().state().id()
          + "; a second policy-admin or admin must approve it (POST /api/v1/policies/" + name + "/versions/"
          + latest.get().version() + "/decisions)");
    }
    NewPolicy shipped = builtIn(name).orElseThrow(() -> new InvalidRequest("policy", "policy " + name
        + " is not registered and is not one of Steward's default policies", true));
    return compiled(register(SYSTEM_ACTOR, shipped));
  }

  /** The version a promotion was pinned to when it was requested, compiled; its digest must still match. */
  PolicyRules.Compiled pinned(Evaluation.PolicyRef ref) {
    Policy policy = get(ref.name(), ref.version());
    if (!ref.digest().equals(policy.digest())) {
      throw new IllegalStateException("Policy " + ref.name() + " version " + ref.version() + " has digest "
          + policy.digest() + ", not the " + ref.digest() + " the promotion was pinned to.");
    }
    return compiled(policy);
  }

  PolicyRules.Compiled compiled(Policy policy) {
    String key = policy.name() + "/" + policy.version() + "@" + policy.digest();
    return compiled.computeIfAbsent(key, k -> PolicyRules.compile(policy));
  }

  private static void requireGoverning(Actor actor, String what) {
    if (GOVERNING_ROLES.stream().noneMatch(actor::has)) {
      throw new DecisionRefused(actor.name() + " may not " + what + ": that needs role policy-admin or admin");
    }
  }

  /** A policy shipped as {@code dev/steward/policies/defaults/<name>.yaml}. */
  static Optional<NewPolicy> builtIn(String name) {
    if (!RULE_ID.matcher(name).matches()) {
      return Optional.empty();
    }
    try (InputStream in = PolicyRegistry.class.getResourceAsStream("defaults/" + name + ".yaml")) {
      if (in == null) {
        return Optional.empty();
      }
      return Optional.of(PolicyDocuments.fromYaml(in.readAllBytes(), NewPolicy.class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Rule> rules(@Nullable List<NewPolicy.NewRule> requested) {
    if (requested == null || requested.isEmpty()) {
      throw new InvalidRequest("rules", "must hold at least one rule");
    }
    if (requested.size() > MAX_RULES) {
      throw new InvalidRequest("rules", "holds " + requested.size() + " rules; at most " + MAX_RULES + " are allowed");
    }
    List<Rule> rules = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < requested.size(); i++) {
      NewPolicy.NewRule r = requested.get(i);
      String field = "rules[" + i + "]";
      if (r == null) {
        throw new InvalidRequest(field, "must not be null");
      }
      if (r.id() == null || !RULE_ID.matcher(r.id()).matches()) {
        throw new InvalidRequest(field + ".id", "must match [a-z0-9][a-z0-9._-]*, at most 64 characters");
      }
      if (!ids.add(r.id())) {
        throw new InvalidRequest(field + ".id", "rule '" + r.id() + "' appears twice");
      }
      Names.requireText(field + ".expression", r.expression());
      Severity severity = r.severity() == null ? Severity.BLOCK : severity(field, r.severity());
      rules.add(new Rule(r.id(), Names.optionalText(field + ".description", r.description()), severity,
          r.expression()));
    }
    List<PolicyRules.CompileError> errors = PolicyRules.check(rules);
    if (!errors.isEmpty()) {
      PolicyRules.CompileError e = errors.getFirst();
      throw new InvalidRequest("rules[" + e.rule() + "].expression", "rule '" + e.ruleId()
          + "' does not compile at line " + e.line() + ", column " + e.column() + ": " + e.message()
          + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more rule(s) with errors)" : ""), true);
    }
    return List.copyOf(rules);
  }

  private static Severity severity(String field, String id) {
    try {
      return Severity.fromId(id);
    } catch (InvalidRequest e) {
      throw new InvalidRequest(field + ".severity", "'" + id + "' is not a severity; expected block or warn");
    }
  }
}
