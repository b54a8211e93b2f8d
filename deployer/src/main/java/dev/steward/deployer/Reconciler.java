package dev.steward.deployer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The level-triggered loop that makes each cluster environment's InferenceServices what Git says, in the
 * style of the Java Operator SDK: observe (the informer's cache of the managed services), compare with the
 * desired state read from the index and the rollout progress read from table {@code rollout}, act (one
 * server-side apply, or an analysis), record (the progress, before the next act). {@link DesiredStateChanged},
 * informer events, a resync every {@code steward.deployer.resync-interval} and the rollout's own timers only
 * put the deployment's key on a {@link WorkQueue}; nothing is taken from them but the key. How a new desired
 * state is rolled out is {@link RolloutPlanner}'s choice; the steps after the apply are {@link RolloutProgress}'s.
 *
 * <p>Restart safety: progress is saved after every transition and every analysis result is keyed by step and
 * iteration, so a restarted Steward resumes where it was and a kube-apiserver restart only delays the next
 * observation. Applies are idempotent (server-side apply of the same manifest changes nothing, and a manifest
 * the cluster already holds is adopted without a write).
 */
class Reconciler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
  private static final Duration STALE_CACHE = Duration.ofMillis(100);

  /** One deployment: a model in an environment. */
  record Key(String environment, String model) {}

  /** The reconciler's settings. */
  record Settings(Duration resyncInterval, boolean revertManualChanges, int workers) {
    static Settings defaults() {
      return new Settings(Duration.ofSeconds(30), false, 2);
    }
  }

  private final DeploymentIndex index;
  private final DeploymentEnvironments environments;
  private final RolloutStore store;
  private final @Nullable Cluster cluster;
  private final DeployerMetrics metrics;
  private final Settings settings;
  private final Clock clock;
  private final RolloutPlanner planner;
  private final RolloutProgress progress;
  private final WorkQueue<Key> queue = new WorkQueue<>();
  private final Map<Key, Integer> failures = new ConcurrentHashMap<>();
  /** Why a deployment could not even be observed (before its rollout is planned), for the status page. */
  private final Map<Key, String> observationErrors = new ConcurrentHashMap<>();
  private volatile java.util.function.BooleanSupplier leader = () -> true;
  private final List<Thread> workers = new ArrayList<>();
  private final ScheduledExecutorService resync = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "steward-deployer-resync");
    t.setDaemon(true);
    return t;
  });
  private volatile boolean running;
  private final java.util.concurrent.atomic.AtomicLong reconciles = new java.util.concurrent.atomic.AtomicLong();

  Reconciler(Deployer deployer, DeploymentIndex index, DeploymentEnvironments environments, RolloutStore store,
      @Nullable Cluster cluster, CanaryAnalysis analysis, DeployerMetrics metrics, Settings settings, Clock clock) {
    this.index = index;
    this.environments = environments;
    this.store = store;
    this.cluster = cluster;
    this.metrics = metrics;
    this.settings = settings;
    this.clock = clock;
    this.planner = new RolloutPlanner(store, clock);
    this.progress = new RolloutProgress(deployer, store, cluster, analysis, metrics);
  }

  // ---- lifecycle and wake-ups ------------------------------------------------------------------------

  /** Starts the informers of the cluster environments, the workers and the resync; every deployment is queued. */
  synchronized void start() {
    if (running || cluster == null) {
      return;
    }
    running = true;
    for (DeploymentEnvironment e : clusterEnvironments()) {
      cluster.watch(e.namespace(), this::observed);
    }
    for (int i = 0; i < Math.max(1, settings.workers()); i++) {
      Thread t = Thread.ofPlatform().daemon().name("steward-deployer-" + i).start(this::work);
      workers.add(t);
    }
    long every = settings.resyncInterval().toMillis();
    resync.scheduleWithFixedDelay(this::enqueueAll, every, every, TimeUnit.MILLISECONDS);
    enqueueAll();
    LOG.info("Deployer reconciler started for {} with {} workers, resync every {}.",
        clusterEnvironments().stream().map(e -> e.name() + " (" + e.namespace() + ")").toList(), workers.size(),
        settings.resyncInterval());
  }

  boolean active() {
    return cluster != null;
  }

  /**
   * Reconciles only while {@code leader} is true: with several replicas only the leader acts on the cluster,
   * the others drop what they are woken for. Call {@link #resync()} when it turns true.
   */
  void runOnlyWhile(java.util.function.BooleanSupplier leader) {
    this.leader = leader;
  }

  /** Queues every desired deployment of the cluster environments. */
  void resync() {
    if (running) {
      enqueueAll();
    }
  }

  void desiredStateChanged(DesiredStateChanged e) {
    queue.add(new Key(e.environment(), e.model()));
  }

  void wake(String environment, String model) {
    queue.add(new Key(environment, model));
  }

  private void observed(ObservedService service) {
    String environment = service.labels().get("steward.dev/environment");
    String model = service.annotations().get("steward.dev/model");
    if (environment != null && model != null) {
      queue.add(new Key(environment, model));
    }
  }

  private void enqueueAll() {
    try {
      for (DeploymentEnvironment e : clusterEnvironments()) {
        for (Deployment d : index.deployments(e.name())) {
          queue.add(new Key(e.name(), d.model()));
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("Could not list the desired deployments to resync: {}.", e.toString());
    }
  }

  private List<DeploymentEnvironment> clusterEnvironments() {
    return environments.all().stream().filter(e -> e.target() == Target.CLUSTER).toList();
  }

  private void work() {
    while (running) {
      Key key;
      try {
        key = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      if (key == null) {
        return;
      }
      if (!leader.getAsBoolean()) {
        queue.done(key); // the leader reconciles it; this replica queues everything again if it takes over
        continue;
      }
      long started = System.nanoTime();
      try {
        Duration next = reconcile(key);
        reconciles.incrementAndGet();
        failures.remove(key);
        metrics.reconciled(Duration.ofNanos(System.nanoTime() - started), true);
        if (next != null) {
          queue.addAfter(key, next);
        }
      } catch (RuntimeException e) {
        metrics.reconciled(Duration.ofNanos(System.nanoTime() - started), false);
        int n = failures.merge(key, 1, Integer::sum);
        Duration backoff = Duration.ofMillis(Math.min(settings.resyncInterval().toMillis(),
            100L << Math.min(n, 10)));
        metrics.error(key.environment(), e instanceof ClusterRefused c ? (c.code() == 0 ? "unreachable"
            : String.valueOf(c.code())) : e.getClass().getSimpleName());
        if (n == 1 || n % 20 == 0) {
          LOG.warn("Deployment of {} in {} could not be reconciled (attempt {}, next in {} ms): {}", key.model(),
              key.environment(), n, backoff.toMillis(), e.getMessage(), e instanceof ClusterRefused ? null : e);
        }
        queue.addAfter(key, backoff);
      } finally {
        queue.done(key);
      }
    }
  }

  @Override
  public synchronized void close() {
    running = false;
    queue.shutDown();
    resync.shutdownNow();
    for (Thread t : workers) {
      t.interrupt();
      try {
        t.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    workers.clear();
    if (cluster != null) {
      cluster.close();
    }
  }

  // ---- one reconcile -----------------------------------------------------------------------------------

  /** Reconciles one deployment; answers when to look again (null: only on the next event or resync). */
  @Nullable Duration reconcile(Key key) {
    DeploymentEnvironment env = environments.find(key.environment()).orElse(null);
    if (env == null || env.target() != Target.CLUSTER || cluster == null) {
      return null;
    }
    DeploymentIndex.Current current = index.current(env.name(), key.model()).orElse(null);
    if (current == null) {
      return null;
    }
    Deployment desired = current.deployment();
    ObservedService observed;
    if (cluster.synced(env.namespace())) {
      observed = cluster.cached(env.namespace(), desired.service()).orElse(null);
    } else {
      // before the informer's first list, absent from the cache means unknown: read the service itself
      try {
        observed = cluster.get(env.namespace(), desired.service()).orElse(null);
        observationErrors.remove(key);
      } catch (ClusterRefused e) {
        observationErrors.put(key, e.getMessage());
        throw e;
      }
    }
    Optional<Rollout> saved = store.find(env.name(), key.model());
    Rollout r = saved.filter(s -> s.desiredCommit.equals(current.commitId())).orElse(null);
    if (r == null) {
      r = planner.plan(env, desired, current.commitId(), observed, saved.orElse(null));
      store.start(r);
      metrics.rollout(r);
      LOG.info("InferenceService {}/{}: rollout of {} version {} planned as {} ({}).", env.namespace(),
          desired.service(), desired.model(), desired.version(), r.plan.id(), r.transitionMessage);
    }
    if (observed != null && r.appliedGeneration != null && observed.generation() < r.appliedGeneration) {
      return STALE_CACHE; // the informer has not seen our own apply yet
    }
    Duration next = null;
    for (int pass = 0; pass < 8; pass++) {
      RolloutState before = r.state;
      Integer percentBefore = r.percent;
      Step step = step(env, desired, r, observed);
      observed = step.observed();
      next = step.next();
      metrics.rollout(r);
      if (before != r.state) {
        LOG.info("InferenceService {}/{}: rollout of {} version {} is {}: {}", env.namespace(), r.service, r.model,
            r.version, r.state.id(), r.transitionMessage);
      }
      if (!step.again() || (before == r.state && java.util.Objects.equals(percentBefore, r.percent))) {
        break;
      }
    }
    return next == null ? null : (next.compareTo(settings.resyncInterval()) > 0 ? settings.resyncInterval() : next);
  }

  /** What one pass did: the service as it now is, when to look again, and whether to go on at once. */
  record Step(@Nullable ObservedService observed, @Nullable Duration next, boolean again) {}

  private Step step(DeploymentEnvironment env, Deployment desired, Rollout r, @Nullable ObservedService observed) {
    Instant now = clock.instant();
    // people's commands come first
    if (r.command != null && !r.state.terminal()) {
      Rollout.Command command = r.command;
      String by = r.commandBy;
      String why = r.commandReason == null ? "" : ": " + r.commandReason;
      r.command = null;
      store.command(r, null, null, null);
      if (command == Rollout.Command.ABORT) {
        progress.abort(r, "AbortedByPerson", "Aborted by " + by + why + ".", now);
      } else if (r.plan == Rollout.Plan.CANARY && r.state != RolloutState.PROMOTING && r.state != RolloutState.ABORTING) {
        progress.promote(r, "PromotedByPerson", "Promoted by " + by + " without further analysis" + why + ".", now);
      }
      store.save(r);
    }

    ObjectNode effective = effective(r);
    String digest = Json.digest(effective);
    if (!digest.equals(r.appliedDigest)) {
      if (observed != null && ManualChanges.of(effective, observed).isEmpty()) {
        // the cluster already holds exactly this: adopt it without a write (a restart, or our own earlier apply)
        r.appliedDigest = digest;
        r.appliedGeneration = observed.generation();
        RolloutProgress.startStep(r, now);
      } else {
        ObservedService before = observed;
        Applied applied;
        try {
          applied = cluster.apply(effective, before);
        } catch (ClusterRefused e) {
          if (!e.getMessage().equals(r.lastError)) {
            r.lastError = e.getMessage();
            store.save(r);
          }
          throw e;
        }
        observed = switch (applied) {
          case Applied.Created c -> c.service();
          case Applied.Patched p -> p.service();
          case Applied.Unchanged u -> u.service();
          case Applied.Deleted d -> null;
        };
        boolean first = r.appliedAt == null;
        r.appliedDigest = digest;
        r.appliedGeneration = observed == null ? null : observed.generation();
        r.appliedAt = now;
        r.lastError = null;
        RolloutProgress.startStep(r, now);
        if (first) {
          metrics.desiredToApplied(env.name(), desired.action().id(), Duration.between(r.desiredAt, now).abs());
        }
        LOG.info("InferenceService {}/{}: {} for {} version {} ({}{}).", env.namespace(), r.service, applied.id(),
            r.model, r.version, r.plan.id(), r.percent == null ? "" : ", canaryTrafficPercent " + r.percent);
        if (observed != null) {
          cluster.event(observed, false, "Applied", applied.id().substring(0, 1).toUpperCase()
              + applied.id().substring(1) + " by Steward for " + r.model + " version " + r.version + ": "
              + RolloutProgress.describeStep(env, r) + ".");
        }
      }
      if (r.state == RolloutState.PENDING) {
        r.transition(RolloutState.PROGRESSING, "Applied", "Applied " + RolloutProgress.describeStep(env, r) + "; waiting until KServe"
            + " has it in place.", now);
      }
      store.save(r);
      return new Step(observed, STALE_CACHE, true);
    }
    if (observed == null) {
      return handDeleted(env, r, now);
    }
    Step drift = drift(env, r, effective, observed, now);
    if (drift != null) {
      return drift;
    }
    return progress.advance(env, desired, r, observed, now);
  }

  // ---- hand edits ------------------------------------------------------------------------------------

  /** Reports (once per generation) and, if configured, reverts a hand edit of a managed service. */
  private @Nullable Step drift(DeploymentEnvironment env, Rollout r, ObjectNode effective, ObservedService o,
      Instant now) {
    List<String> changed = ManualChanges.of(effective, o);
    if (changed.isEmpty()) {
      if (r.drift != null) {
        r.drift = null;
        r.driftGeneration = null;
        store.save(r);
      }
      return null;
    }
    String words = "Fields changed by hand, not as Git says: " + String.join(", ", changed) + ".";
    if (r.driftGeneration == null || r.driftGeneration != o.generation()) {
      r.drift = words;
      r.driftGeneration = o.generation();
      store.save(r);
      metrics.manualChange(env.name(), r.model);
      LOG.warn("InferenceService {}/{}: changed by hand (generation {}): {}", env.namespace(), r.service, o.generation(),
          String.join(", ", changed));
      cluster.event(o, true, "ManualChange", words + (settings.revertManualChanges() ? " Steward reverts them."
          : " Set steward.deployer.revert-manual-changes to have Steward revert them."));
    }
    if (settings.revertManualChanges()) {
      r.appliedDigest = null; // apply again on the next pass
      store.save(r);
      return new Step(o, Duration.ZERO, true);
    }
    return new Step(o, null, false);
  }

  private Step handDeleted(DeploymentEnvironment env, Rollout r, Instant now) {
    String words = "InferenceService " + env.namespace() + "/" + r.service + " was deleted, but Git wants version "
        + r.version + " there.";
    if (r.drift == null || !r.drift.equals(words)) {
      r.drift = words;
      store.save(r);
      metrics.manualChange(env.name(), r.model);
      LOG.warn("{}", words);
    }
    if (settings.revertManualChanges()) {
      r.appliedDigest = null;
      store.save(r);
      return new Step(null, Duration.ZERO, true);
    }
    return new Step(null, null, false);
  }

  // ---- words ------------------------------------------------------------------------------------------

  /** The manifest this rollout applies now: its base manifest and the canary's share, if any. */
  static ObjectNode effective(Rollout r) {
    ObjectNode manifest = Json.parse(r.manifest);
    if (r.percent != null) {
      ((ObjectNode) manifest.path("spec").path("predictor")).put("canaryTrafficPercent", r.percent.intValue());
    }
    return manifest;
  }

  /** The observed service for the status page (the informer's view). */
  Optional<ObservedService> observe(DeploymentEnvironment env, String service) {
    return cluster == null ? Optional.empty() : cluster.cached(env.namespace(), service);
  }

  /** Why the deployment could not be observed, if it could not. */
  Optional<String> observationError(String environment, String model) {
    return Optional.ofNullable(observationErrors.get(new Key(environment, model)));
  }

  /** Reconciles finished since start (for benchmarks). */
  long reconciles() {
    return reconciles.get();
  }

  RolloutStore store() {
    return store;
  }

  @Nullable Cluster cluster() {
    return cluster;
  }
}
