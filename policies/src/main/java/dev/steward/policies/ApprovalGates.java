package dev.steward.policies;

import dev.steward.lineage.Change;
import dev.steward.lineage.FileChange;
import dev.steward.lineage.Lineage;
import dev.steward.registry.EntityNotFound;
import dev.steward.registry.ExplanationTemplateVersion;
import dev.steward.registry.FeatureSetVersion;
import dev.steward.registry.InvalidRequest;
import dev.steward.registry.Kind;
import dev.steward.registry.ModelRegistry;
import dev.steward.registry.ModelVersion;
import dev.steward.registry.Names;
import dev.steward.registry.Page;
import dev.steward.registry.Ref;
import dev.steward.registry.Reference;
import dev.steward.registry.Registered;
import dev.steward.registry.RegistryConflict;
import dev.steward.registry.ThresholdSetVersion;
import dev.steward.registry.UnresolvedReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Promotions through approval gates. A request is checked against the ladder and evaluated against the
 * target environment's policy; reviewers approve or reject; when every blocking rule passes the promotion
 * is approved and the owner of deployments ({@link DesiredStates}, the deployer) adds the desired state.
 * Each call is one commit with its actor: the request with its first evaluation, a decision with the
 * evaluation it caused, and an approval together with the desired state it writes.
 *
 * <pre>{@code
 * Promotion p = gates.request(alice, new PromotionRequest("churn", 3, "production", "better AUC"));
 * gates.decide(p.id(), rita, "approve", "looks good");
 * gates.decide(p.id(), rob, "approve", null);      // second reviewer: approved, desired state in the same commit
 * }</pre>
 */
public class ApprovalGates {
  private static final Logger LOG = LoggerFactory.getLogger(ApprovalGates.class);

  private final Lineage lineage;
  private final ModelRegistry registry;
  private final PolicyRegistry policies;
  private final PolicyIndex index;
  private final Environments environments;
  private final DesiredStates desiredStates;
  private final DriftStatus drift;
  private final InputRevocations revocations;
  private final ServingCosts costs;
  private final Duration expiry;
  private final Clock clock;
  private final ReentrantLock writer = new ReentrantLock();
  /** Registered versions are immutable and pinned by digest, so the context can reuse what it read before. */
  private final Map<String, Registered> versions = Collections.synchronizedMap(
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Registered> eldest) {
          return size() > 4096;
        }
      });

  ApprovalGates(Lineage lineage, ModelRegistry registry, PolicyRegistry policies, PolicyIndex index,
      Environments environments, DesiredStates desiredStates, DriftStatus drift, InputRevocations revocations,
      ServingCosts costs, Duration expiry, Clock clock) {
    this.lineage = lineage;
    this.registry = registry;
    this.policies = policies;
    this.index = index;
    this.environments = environments;
    this.desiredStates = desiredStates;
    this.drift = drift;
    this.revocations = revocations;
    this.costs = costs;
    this.expiry = expiry;
    this.clock = clock;
  }

  // ---- promotions ---------------------------------------------------------------------------------

  /** Records a promotion request and evaluates it; a request whose policy passes at once is approved. */
  public Promotion request(Actor actor, PromotionRequest r) {
    String model = Names.requireName("model", r.model());
    if (r.version() == null) {
      throw new InvalidRequest("version", "is required");
    }
    int version = Names.requireVersion("version", r.version());
    Names.requireText("environment", r.environment());
    Environment environment = environments.find(r.environment()).orElseThrow(() -> new InvalidRequest("environment",
        "'" + r.environment() + "' is not an environment of the ladder " + environments.names(), true));
    String reason = Names.optionalText("reason", r.reason());
    writer.lock();
    try {
      if (registry.digest(Kind.MODEL_VERSION, model, version).isEmpty()) {
        throw new UnresolvedReference("version", Kind.MODEL_VERSION, new Ref(model, version));
      }
      ModelVersion candidate = registry.get(Kind.MODEL_VERSION, model, version, ModelVersion.class);
      Optional<Environment> previous = environments.previous(environment);
      if (previous.isPresent() && desiredStates.history(previous.get().name(), model).stream()
          .noneMatch(h -> h.version() == version)) {
        throw new RegistryConflict("model " + model + " version " + version + " has not reached "
            + previous.get().name() + ", the environment before " + environment.name()
            + "; promote it there first");
      }
      Optional<DesiredStates.DesiredVersion> current = desiredStates.current(environment.name(), model);
      if (current.isPresent() && current.get().version() == version) {
        throw new RegistryConflict("model " + model + " version " + version + " is already the desired state of "
            + environment.name());
      }
      Instant now = clock.instant();
      List<Promotion> superseded = new ArrayList<>();
      Optional<String> open = index.pendingPromotion(model, environment.name(), now);
      if (open.isPresent()) {
        Promotion older = promotion(open.get());
        if (older.version() >= version) {
          throw new RegistryConflict("promotion " + older.id() + " of model " + model + " version " + older.version()
              + " into " + environment.name() + " is still pending; decide or cancel it first");
        }
        if (!older.approvals().isEmpty()) {
          throw new RegistryConflict("promotion " + older.id() + " of model " + model + " version " + older.version()
              + " into " + environment.name() + " is still pending and already approved by "
              + older.approvals().stream().map(Decision::reviewer).toList() + "; decide or cancel it first");
        }
        superseded.add(older.closed(PromotionState.CANCELLED, actor.name(), now, "superseded by version " + version));
      }
      if (!policies.available(environment.policy())) {
        throw new InvalidRequest("environment", "the policy " + environment.policy() + " of environment "
            + environment.name() + " is not registered", true);
      }
      PolicyRules.Compiled policy = policies.resolve(environment.policy());
      Comparison comparison = compare(candidate, current.map(d -> registry.get(Kind.MODEL_VERSION, model,
          d.version(), ModelVersion.class)).orElse(null));
      Promotion promotion = Promotion.requested(UUID.randomUUID().toString(), model, version,
          String.valueOf(candidate.digest()), environment.name(), reason, actor.name(), now, now.plus(expiry),
          ref(policy.policy()), comparison);
      LOG.info("{} requests promotion {} of {}/{} to {}, judged by policy {} version {}.", actor.name(),
          promotion.id(), model, version, environment.name(), policy.policy().name(), policy.policy().version());
      superseded.forEach(o -> LOG.info("Promotion {} of {}/{} to {} is superseded by version {}.", o.id(), model,
          o.version(), environment.name(), version));
      return evaluateAndCommit(promotion, policy, actor.name(), "request-promotion", "Request promotion of " + model
          + "/" + version + " to " + environment.name(), superseded);
    } finally {
      writer.unlock();
    }
  }

  /**
   * Records a reviewer's decision. Approving one's own request or model is refused, as is deciding twice
   * or on a promotion that is no longer pending; an approval re-evaluates the policy.
   */
  public Promotion decide(String id, Actor reviewer, @Nullable String decision, @Nullable String comment) {
    Verdict verdict = Verdict.fromId(decision);
    String text = Names.optionalText("comment", comment);
    writer.lock();
    try {
      Promotion promotion = pending(id);
      if (verdict == Verdict.APPROVE) {
        if (promotion.requestedBy().equals(reviewer.name())) {
          throw new DecisionRefused(reviewer.name() + " requested promotion " + id
              + " and may not approve it (four eyes)");
        }
        ModelVersion version = registry.get(Kind.MODEL_VERSION, promotion.model(), promotion.version(),
            ModelVersion.class);
        if (version.registeredBy().equals(reviewer.name())) {
          throw new DecisionRefused(reviewer.name() + " registered model " + promotion.model() + " version "
              + promotion.version() + " and may not approve its promotion (four eyes)");
        }
      }
      if (promotion.decidedBy(reviewer.name())) {
        Decision earlier = promotion.decisions().stream().filter(d -> d.reviewer().equals(reviewer.name()))
            .findFirst().orElseThrow();
        throw new RegistryConflict(reviewer.name() + " already decided on promotion " + id + " ("
            + earlier.decision().id() + " at " + earlier.decidedAt() + ")");
      }
      Decision d = new Decision(reviewer.name(), new ArrayList<>(new TreeSet<>(reviewer.roles())), verdict, text,
          clock.instant());
      Promotion decided = promotion.decided(d);
      LOG.info("{} {}s promotion {}.", reviewer.name(), verdict.id(), id);
      String summary = (verdict == Verdict.APPROVE ? "Approve" : "Reject") + " promotion of " + promotion.model()
          + "/" + promotion.version() + " to " + promotion.environment();
      if (verdict == Verdict.REJECT) {
        commit(reviewer.name(), "reject-promotion", decided, summary, List.of());
        return decided;
      }
      return evaluateAndCommit(decided, policyOf(decided), reviewer.name(), "approve-promotion", summary, List.of());
    } finally {
      writer.unlock();
    }
  }

  /** Evaluates a pending promotion again (for example once its soak time has passed), and records it. */
  public Promotion reevaluate(String id, Actor actor) {
    writer.lock();
    try {
      Promotion promotion = pending(id);
      return evaluateAndCommit(promotion, policyOf(promotion), actor.name(), "evaluate-promotion",
          "Evaluate promotion of " + promotion.model() + "/" + promotion.version() + " to " + promotion.environment(),
          List.of());
    } finally {
      writer.unlock();
    }
  }

  /** Withdraws a pending promotion; only its requester or an admin may. */
  public Promotion cancel(String id, Actor actor, @Nullable String reason) {
    String why = Names.optionalText("reason", reason);
    writer.lock();
    try {
      Promotion promotion = pending(id);
      if (!promotion.requestedBy().equals(actor.name()) && !actor.has("admin")) {
        throw new DecisionRefused("only " + promotion.requestedBy() + ", who requested promotion " + id
            + ", or an admin may cancel it");
      }
      Promotion cancelled = promotion.closed(PromotionState.CANCELLED, actor.name(), clock.instant(),
          why == null ? "cancelled by " + actor.name() : why);
      commit(actor.name(), "cancel-promotion", cancelled, "Cancel promotion of " + promotion.model() + "/"
          + promotion.version() + " to " + promotion.environment(), List.of());
      return cancelled;
    } finally {
      writer.unlock();
    }
  }

  /**
   * Expires every pending promotion past its expiry; one commit each, by {@code steward}. Only while
   * {@code indexComplete} holds, checked after reading each promotion: an index being rebuilt (or behind
   * Git) can show a promotion as pending whose approval it has not replayed yet, and expiring it would
   * overwrite that approval in Git.
   */
  public int expireOverdue(BooleanSupplier indexComplete) {
    writer.lock();
    try {
      Instant now = clock.instant();
      int expired = 0;
      if (!indexComplete.getAsBoolean()) {
        return 0;
      }
      for (String id : index.overdue(now)) {
        Optional<Promotion> p = index.promotion(id);
        if (!indexComplete.getAsBoolean()) {
          LOG.info("Stopped expiring promotions: the index is being rebuilt or is behind Git.");
          break;
        }
        if (p.isPresent() && p.get().state() == PromotionState.PENDING) {
          Promotion closed = p.get().closed(PromotionState.EXPIRED, PolicyRegistry.SYSTEM_ACTOR, now,
              "not approved before " + p.get().expiresAt());
          commit(PolicyRegistry.SYSTEM_ACTOR, "expire-promotion", closed, "Expire promotion of " + closed.model()
              + "/" + closed.version() + " to " + closed.environment(), List.of());
          LOG.info("Promotion {} expired at {} without approval.", id, closed.expiresAt());
          expired++;
        }
      }
      return expired;
    } finally {
      writer.unlock();
    }
  }

  /** Evaluates a promotion's policy as it stands now, without recording anything. */
  public Evaluation preview(String id, String actor) {
    Promotion promotion = promotion(id);
    return evaluate(promotion, policyOf(promotion), actor);
  }

  public Promotion promotion(String id) {
    return index.promotion(id).orElseThrow(() -> new EntityNotFound("promotion " + id + " does not exist"));
  }

  /** Promotions, newest first, optionally only those in one state, of one model or into one environment. */
  public Page<Promotion> promotions(@Nullable PromotionState state, @Nullable String model,
      @Nullable String environment, int page, int size) {
    if (page < 0 || size < 1 || size > 500) {
      throw new InvalidRequest("size", "page must be >= 0 and size between 1 and 500");
    }
    return index.promotions(state, model, environment, page, size);
  }

  public Environments environments() {
    return environments;
  }

  // ---- internals ----------------------------------------------------------------------------------

  private Promotion pending(String id) {
    Promotion promotion = promotion(id);
    if (promotion.state() != PromotionState.PENDING) {
      throw new RegistryConflict("promotion " + id + " is " + promotion.state().id() + ", not pending");
    }
    if (!clock.instant().isBefore(promotion.expiresAt())) {
      throw new RegistryConflict("promotion " + id + " expired at " + promotion.expiresAt());
    }
    return promotion;
  }

  /**
   * Evaluates the promotion and records it in one commit, together with {@code more} (promotions it
   * supersedes). Blocked by a rule that reads only what never changes for this promotion (the version's
   * metrics and references), it can never pass and is rejected at once, so it does not hold the lane;
   * blocked otherwise, it stays pending; passed, the owner of deployments adds the desired state to that
   * same commit.
   */
  private Promotion evaluateAndCommit(Promotion promotion, PolicyRules.Compiled policy, String actor, String action,
      String summary, List<Promotion> more) {
    Evaluation evaluation = evaluate(promotion, policy, actor);
    Promotion evaluated = promotion.evaluated(evaluation);
    List<FileChange> others = more.stream()
        .map(o -> FileChange.put(o.path(), PolicyDocuments.toYaml(o))).toList();
    if (!evaluation.passed()) {
      List<RuleResult> settled = evaluation.results().stream()
          .filter(r -> r.blocks() && policy.settled(r.id())).toList(); // false, or erring, over what never changes
      if (!settled.isEmpty()) {
        String why = settled.stream().map(r -> "rule " + r.id() + " can never pass for this version: "
            + r.explanation()).collect(java.util.stream.Collectors.joining("; "));
        Promotion rejected = evaluated.closed(PromotionState.REJECTED, actor, evaluation.evaluatedAt(), why);
        commit(actor, action, rejected, summary + ": rejected, " + String.join(", ",
            settled.stream().map(RuleResult::id).toList()) + " can never pass", others);
        LOG.info("Promotion {} is rejected: {}.", promotion.id(), why);
        return rejected;
      }
      commit(actor, action, evaluated, summary + ": blocked by " + String.join(", ", evaluation.blockedBy()), others);
      LOG.info("Promotion {} is blocked by {}.", promotion.id(), evaluation.blockedBy());
      return evaluated;
    }
    Instant now = clock.instant();
    List<Promotion> written = new ArrayList<>(1);
    desiredStates.approve(new DesiredStates.ApprovedPromotion(promotion.id(), promotion.model(), promotion.version(),
        promotion.modelVersionDigest(), promotion.environment(),
        evaluated.approvals().stream().map(Decision::reviewer).toList(), promotion.reason(), actor, now), files -> {
          Promotion w = evaluated.written(new Promotion.DesiredState(files.record(), promotion.version(), now));
          List<FileChange> all = new ArrayList<>(files.files());
          all.addAll(others);
          commit(actor, action, w, summary + ": approved, desired state written", all);
          written.add(w);
        });
    if (written.isEmpty()) {
      throw new IllegalStateException("The desired state of promotion " + promotion.id() + " was not committed.");
    }
    LOG.info("Promotion {} approved; desired state of {} in {} is version {}.", promotion.id(), promotion.model(),
        promotion.environment(), promotion.version());
    return written.getFirst();
  }

  /**
   * The policy a promotion is judged by: the version pinned when it was requested. Promotions recorded
   * before pinning existed are judged by the environment's active version.
   */
  private PolicyRules.Compiled policyOf(Promotion promotion) {
    Evaluation.PolicyRef pinned = promotion.policy();
    return pinned != null ? policies.pinned(pinned)
        : policies.resolve(environments.get(promotion.environment()).policy());
  }

  private static Evaluation.PolicyRef ref(Policy p) {
    return new Evaluation.PolicyRef(p.name(), p.version(), String.valueOf(p.digest()));
  }

  /** Assembles the context of a promotion and evaluates the policy's rules against it. */
  Evaluation evaluate(Promotion promotion, PolicyRules.Compiled policy, String actor) {
    PromotionContext context = context(promotion, actor);
    return Evaluation.of(ref(policy.policy()), policy.evaluate(context.variables()), actor, context.now());
  }

  PromotionContext context(Promotion promotion, String actor) {
    Instant now = clock.instant();
    ModelVersion model = version(Kind.MODEL_VERSION, promotion.model(), promotion.version(),
        promotion.modelVersionDigest(), ModelVersion.class);
    Map<String, Double> thresholds = model.thresholdSet() == null ? null
        : version(Kind.THRESHOLD_SET, model.thresholdSet(), ThresholdSetVersion.class).values();
    FeatureSetVersion features = model.featureSet() == null ? null
        : version(Kind.FEATURE_SET, model.featureSet(), FeatureSetVersion.class);
    ExplanationTemplateVersion template = model.explanationTemplate() == null ? null
        : version(Kind.EXPLANATION_TEMPLATE, model.explanationTemplate(), ExplanationTemplateVersion.class);
    Environment environment = environments.get(promotion.environment());
    Optional<DesiredStates.DesiredVersion> current = desiredStates.current(environment.name(), promotion.model());
    ModelVersion deployed = current.map(d -> version(Kind.MODEL_VERSION, promotion.model(), d.version(),
        d.modelVersionDigest(), ModelVersion.class)).orElse(null);
    Optional<Environment> previous = environments.previous(environment);
    PromotionContext.Soak soak = previous.map(p -> soak(desiredStates.history(p.name(), promotion.model()),
        promotion.version(), now)).orElse(null);
    Map<String, Object> driftStatus = drift.latest(environment.name(), promotion.model(),
        deployed == null ? null : deployed.version());
    return new PromotionContext(model, thresholds, features, template, driftStatus, promotion.approvals(),
        promotion.requestedBy(), environment, previous.map(Environment::name).orElse(null), soak, deployed, now,
        revocations.of(promotion.model(), promotion.version()),
        previous.map(p -> costs.of(p.name(), promotion.model(), promotion.version())).orElse(null));
  }

  private <T extends Registered> T version(Kind kind, Reference ref, Class<T> type) {
    return version(kind, ref.name(), ref.version(), ref.digest(), type);
  }

  private <T extends Registered> T version(Kind kind, String name, int number, String digest, Class<T> type) {
    String key = kind.id() + "/" + name + "/" + number + "@" + digest;
    Registered hit = versions.get(key);
    if (hit != null) {
      return type.cast(hit);
    }
    T read = registry.get(kind, name, number, type);
    if (digest.equals(read.digest())) {
      versions.put(key, read);
    }
    return read;
  }

  /** The latest stretch during which {@code version} was the desired state, from the history of an environment. */
  static PromotionContext.Soak soak(List<DesiredStates.DesiredVersion> history, int version, Instant now) {
    for (int i = history.size() - 1; i >= 0; i--) {
      if (history.get(i).version() == version) {
        int start = i;
        while (start > 0 && history.get(start - 1).version() == version) {
          start--;
        }
        boolean current = i == history.size() - 1;
        Instant since = history.get(start).since();
        Instant until = current ? now : history.get(i + 1).since();
        Duration soaked = Duration.between(since, until);
        return new PromotionContext.Soak(true, current, since, soaked.isNegative() ? Duration.ZERO : soaked);
      }
    }
    return new PromotionContext.Soak(false, false, null, Duration.ZERO);
  }

  static Comparison compare(ModelVersion candidate, @Nullable ModelVersion deployed) {
    TreeMap<String, Comparison.Metric> metrics = new TreeMap<>();
    TreeSet<String> names = new TreeSet<>(candidate.metrics().keySet());
    if (deployed != null) {
      names.addAll(deployed.metrics().keySet());
    }
    for (String name : names) {
      Double c = candidate.metrics().get(name);
      Double d = deployed == null ? null : deployed.metrics().get(name);
      metrics.put(name, new Comparison.Metric(c, d, c != null && d != null ? c - d : null));
    }
    List<Comparison.ReferenceChange> changes = new ArrayList<>();
    if (deployed != null) {
      Map<String, String> was = references(deployed);
      Map<String, String> now = references(candidate);
      TreeSet<String> roles = new TreeSet<>(was.keySet());
      roles.addAll(now.keySet());
      for (String role : roles) {
        if (!Objects.equals(was.get(role), now.get(role))) {
          changes.add(new Comparison.ReferenceChange(role, was.get(role), now.get(role)));
        }
      }
    }
    return new Comparison(deployed == null ? null : deployed.version(), metrics, changes);
  }

  private static Map<String, String> references(ModelVersion v) {
    Map<String, String> refs = new LinkedHashMap<>();
    for (Reference d : v.datasets()) {
      refs.put("dataset " + d.name(), d.name() + "/" + d.version());
    }
    if (v.featureSet() != null) {
      refs.put("featureSet", v.featureSet().name() + "/" + v.featureSet().version());
    }
    if (v.thresholdSet() != null) {
      refs.put("thresholdSet", v.thresholdSet().name() + "/" + v.thresholdSet().version());
    }
    if (v.explanationTemplate() != null) {
      refs.put("explanationTemplate", v.explanationTemplate().name() + "/" + v.explanationTemplate().version());
    }
    return refs;
  }

  private void commit(String actor, String action, Promotion promotion, String summary, List<FileChange> more) {
    List<FileChange> files = new ArrayList<>(more);
    files.add(FileChange.put(promotion.path(), PolicyDocuments.toYaml(promotion)));
    lineage.record(new Change(actor, action, "promotion " + promotion.id(), summary, files,
        trailers("Steward-Promotion", promotion.id(), "Steward-Environment", promotion.environment(),
            "Steward-Version", String.valueOf(promotion.version()), "Steward-State", promotion.state().id())));
  }

  private static Map<String, String> trailers(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }
}
