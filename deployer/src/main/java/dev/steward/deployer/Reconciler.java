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
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The level-triggered loop that makes each cluster environment's InferenceServices what Git says, in the
 * style of the Java Operator SDK: observe (the informer's cache of the managed services), compare with the
 * desired state read from the index and the rollout progress read from table {@code rollout}, act (one
 * server-side apply, or an analysis), record (the progress, before the next act). {@link DesiredStateChanged},
 * informer events, a resync every {@code steward.deployer.resync-interval} and the rollout's own timers only
 * put the deployment's key on a {@link WorkQueue}; nothing is taken from them but the key.
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

  private final Deployer deployer;
  private final DeploymentIndex index;
  private final DeploymentEnvironments environments;
  private final RolloutStore store;
  private final @Nullable Cluster cluster;
  private final CanaryAnalysis analysis;
  private final DeployerMetrics metrics;
  private final Settings settings;
  private final Clock clock;
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
    this.deployer = deployer;
    this.index = index;
    this.environments = environments;
    this.store = store;
    this.cluster = cluster;
    this.analysis = analysis;
    this.metrics = metrics;
    this.settings = settings;
    this.clock = clock;
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
      r = plan(env, desired, current.commitId(), observed, saved.orElse(null));
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
  private record Step(@Nullable ObservedService observed, @Nullable Duration next, boolean again) {}

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
        abort(r, "AbortedByPerson", "Aborted by " + by + why + ".", now);
      } else if (r.plan == Rollout.Plan.CANARY && r.state != RolloutState.PROMOTING && r.state != RolloutState.ABORTING) {
        promote(r, "PromotedByPerson", "Promoted by " + by + " without further analysis" + why + ".", now);
      }
      store.save(r);
    }

    ObjectNode effective = effective(r);
    String digest = Json.digest(effective);
    if (!digest.equals(r.appliedDigest)) {
      if (observed != null && manualChanges(effective, observed).isEmpty()) {
        // the cluster already holds exactly this: adopt it without a write (a restart, or our own earlier apply)
        r.appliedDigest = digest;
        r.appliedGeneration = observed.generation();
        startStep(r, now);
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
        startStep(r, now);
        if (first) {
          metrics.desiredToApplied(env.name(), desired.action().id(), Duration.between(r.desiredAt, now).abs());
        }
        LOG.info("InferenceService {}/{}: {} for {} version {} ({}{}).", env.namespace(), r.service, applied.id(),
            r.model, r.version, r.plan.id(), r.percent == null ? "" : ", canaryTrafficPercent " + r.percent);
        if (observed != null) {
          cluster.event(observed, false, "Applied", applied.id().substring(0, 1).toUpperCase()
              + applied.id().substring(1) + " by Steward for " + r.model + " version " + r.version + ": "
              + describeStep(env, r) + ".");
        }
      }
      if (r.state == RolloutState.PENDING) {
        r.transition(RolloutState.PROGRESSING, "Applied", "Applied " + describeStep(env, r) + "; waiting until KServe"
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
    return progress(env, desired, r, observed, now);
  }

  /** Progress of the rollout once its manifest is applied and not changed by hand. */
  private Step progress(DeploymentEnvironment env, Deployment desired, Rollout r, ObservedService o, Instant now) {
    RolloutPolicy policy = env.rollout();
    if (r.appliedGeneration != null && o.generation() == r.appliedGeneration) {
      learnRevision(r, o, now);
    }
    switch (r.state) {
      case PENDING, PROGRESSING, PROMOTING -> {
        if (r.paused && r.state == RolloutState.PROGRESSING && r.plan == Rollout.Plan.CANARY) {
          return new Step(o, null, false);
        }
        String failed = r.plan == Rollout.Plan.PIN ? null : o.failedRevision();
        if (failed != null) {
          abort(r, "RevisionFailed", "KServe reports that " + failed + ".", now);
          store.save(r);
          return new Step(o, Duration.ZERO, true);
        }
        boolean inPlace = switch (r.plan) {
          case PIN -> r.stableRevision != null && o.allTrafficOn(r.stableRevision);
          case CANARY -> r.state == RolloutState.PROMOTING ? o.inPlace(100) : o.inPlace(r.percent == null ? 100 : r.percent);
          case DIRECT, REAPPLY -> o.inPlace(100);
        };
        if (!inPlace) {
          Instant deadline = (r.stepStartedAt == null ? now : r.stepStartedAt).plus(policy.progressDeadline());
          if (now.isAfter(deadline)) {
            if (r.plan == Rollout.Plan.PIN) {
              r.transition(RolloutState.FAILED, "ProgressDeadlineExceeded", "The rollback did not pin revision "
                  + r.stableRevision + " within " + policy.progressDeadline() + ": " + trafficWords(o) + ".", now);
              store.save(r);
              cluster.event(o, true, r.transitionReason, r.transitionMessage);
              return new Step(o, null, false);
            }
            abort(r, "ProgressDeadlineExceeded", describeStep(env, r) + " was not in place within "
                + policy.progressDeadline() + " (" + inPlaceWords(o) + ").", now);
            store.save(r);
            return new Step(o, Duration.ZERO, true);
          }
          return new Step(o, Duration.between(now, deadline).plusMillis(10), false);
        }
        learnRevision(r, o, now);
        switch (r.plan) {
          case PIN -> {
            r.transition(RolloutState.PINNED, "RolledBack", "All traffic is on revision " + r.stableRevision
                + " (version " + r.version + ") again, "
                + Duration.between(r.desiredAt, now).abs().toMillis() + " ms after the rollback was committed; revision "
                + o.latestCreatedRevision() + " stays created without traffic.", now);
            metrics.rollbackToPinned(env.name(), Duration.between(r.desiredAt, now).abs());
            cluster.event(o, false, "RolledBack", r.transitionMessage);
          }
          case DIRECT, REAPPLY -> {
            r.transition(RolloutState.ROLLED_OUT, "RolledOut", "Revision " + o.latestCreatedRevision() + " serves "
                + r.model + " version " + r.version + " with all traffic.", now);
            cluster.event(o, false, "RolledOut", r.transitionMessage);
          }
          case CANARY -> {
            if (r.state == RolloutState.PROMOTING) {
              r.transition(RolloutState.PROMOTED, r.transitionReason.equals("PromotedByPerson") ? "PromotedByPerson"
                  : "Promoted", "Revision " + o.latestCreatedRevision() + " (version " + r.version
                  + ") serves all traffic. " + r.transitionMessage, now);
              // the outcome is in Git before the state says promoted; a repeat after a crash commits nothing
              r.outcomeCommit = deployer.recordOutcome(r, store.checks(r), false);
              cluster.event(o, false, "Promoted", r.transitionMessage);
            } else {
              r.canaryRevision = o.latestCreatedRevision();
              r.inPlaceAt = now;
              r.nextAnalysisAt = now.plus(policy.interval());
              r.transition(RolloutState.ANALYSING, "StepInPlace", "Step " + (r.step + 1) + " of "
                  + policy.splitSteps().size() + ": revision " + r.canaryRevision + " (version " + r.version
                  + ") has " + r.percent + "% of the traffic; first analysis at " + r.nextAnalysisAt + ".", now);
              cluster.event(o, false, "StepInPlace", r.transitionMessage);
            }
          }
        }
        store.save(r);
        return new Step(o, r.state == RolloutState.ANALYSING ? policy.interval() : null, true);
      }
      case ANALYSING -> {
        String failed = o.failedRevision();
        if (failed != null) {
          abort(r, "RevisionFailed", "KServe reports that " + failed + ".", now);
          store.save(r);
          return new Step(o, Duration.ZERO, true);
        }
        if (r.paused) {
          return new Step(o, null, false);
        }
        int done = store.iterations(r, r.step);
        if (done < policy.iterations()) {
          Instant due = r.nextAnalysisAt == null ? now : r.nextAnalysisAt;
          if (now.isBefore(due)) {
            return new Step(o, Duration.between(now, due).plusMillis(5), false);
          }
          int iteration = done + 1;
          List<RolloutStore.Check> checks = analysis.run(r, env, iteration, now);
          checks.forEach(c -> store.check(r, c));
          done = iteration;
          List<RolloutStore.Check> failedChecks = checks.stream().filter(c -> !c.passed()).toList();
          r.failures = failedIterations(r);
          if (!failedChecks.isEmpty()) {
            String words = failedChecks.stream().map(RolloutStore.Check::detail).collect(Collectors.joining("; "));
            if (r.failures > policy.failureLimit()) {
              abort(r, "AnalysisFailed", "Analysis " + iteration + " of step " + (r.step + 1) + " (" + r.percent
                  + "%) failed, " + r.failures + " failed analyses against a limit of " + policy.failureLimit() + ": "
                  + words + ".", now);
              store.save(r);
              return new Step(o, Duration.ZERO, true);
            }
            cluster.event(o, true, "AnalysisFailed", "Analysis " + iteration + " of step " + (r.step + 1) + " failed ("
                + r.failures + " of at most " + policy.failureLimit() + "): " + words);
          }
          r.nextAnalysisAt = now.plus(policy.interval());
          store.save(r);
        }
        if (done >= policy.iterations()) {
          if (r.step + 1 < policy.splitSteps().size()) {
            r.step++;
            r.percent = policy.splitSteps().get(r.step);
            r.stepStartedAt = null;
            r.inPlaceAt = null;
            r.nextAnalysisAt = null;
            r.transition(RolloutState.PROGRESSING, "StepAdvanced", "Step " + r.step + " passed its analysis; step "
                + (r.step + 1) + " sends " + r.percent + "% of the traffic to version " + r.version + ".", now);
          } else {
            promote(r, "Promoted", "Every step passed its analysis.", now);
          }
          store.save(r);
          return new Step(o, Duration.ZERO, true);
        }
        return new Step(o, Duration.between(now, r.nextAnalysisAt).plusMillis(5), false);
      }
      case ABORTING -> {
        // the apply of canaryTrafficPercent 0 went through: record the outcome once, then the rollback pins it
        if (r.outcomeCommit == null) {
          r.outcomeCommit = deployer.recordOutcome(r, store.checks(r), true);
        }
        RolloutState end = r.stableRevision == null ? RolloutState.FAILED : RolloutState.ABORTED;
        r.transition(end, r.transitionReason, r.transitionMessage, now);
        store.save(r);
        cluster.event(o, true, "RolloutAborted", r.transitionMessage + (end == RolloutState.ABORTED
            ? " All traffic is back on revision " + r.stableRevision + "." : " There is no earlier revision to return to."));
        return new Step(o, null, false);
      }
      default -> {
        return new Step(o, null, false);
      }
    }
  }

  // ---- planning ------------------------------------------------------------------------------------

  /**
   * Plans the rollout of a newly committed desired state from what is observed: a rollback pins a revision
   * KServe still holds, or applies the earlier spec again; a first deployment or a version already in place
   * goes direct; otherwise the environment's strategy, resuming at the step the cluster shows (after a lost
   * database, say).
   */
  private Rollout plan(DeploymentEnvironment env, Deployment desired, String commit, @Nullable ObservedService o,
      @Nullable Rollout previous) {
    Instant now = clock.instant();
    ObjectNode manifest = Json.tree(desired.manifest());
    String base = Json.write(manifest);
    boolean knative = "Knative".equals(env.defaults().deploymentMode());
    if (desired.action() == Deployment.Action.ROLLBACK && o != null && knative) {
      Optional<RolloutStore.Revision> newest = store.revision(env.name(), desired.model(), o.latestCreatedRevision());
      Optional<RolloutStore.Revision> held = java.util.stream.Stream.of(o.latestRolledoutRevision(),
              o.previousRolledoutRevision())
          .map(rev -> store.revision(env.name(), desired.model(), rev)).flatMap(Optional::stream)
          .filter(rev -> rev.version() == desired.version()).findFirst();
      if (held.isPresent() && newest.isPresent() && newest.get().version() != desired.version()) {
        Rollout r = new Rollout(env.name(), desired.model(), commit, desired.version(), desired.service(),
            Rollout.Plan.PIN, RolloutState.PENDING, 0, 0, newest.get().manifest(), desired.writtenAt(), now,
            "Planned", "Rollback to version " + desired.version() + ": KServe still holds its revision "
            + held.get().revision() + ", so canaryTrafficPercent 0 on the current spec sends all traffic back to it"
            + " without a new revision.");
        r.stableRevision = held.get().revision();
        r.stableVersion = desired.version();
        return r;
      }
    }
    if (desired.action() == Deployment.Action.ROLLBACK) {
      return new Rollout(env.name(), desired.model(), commit, desired.version(), desired.service(),
          Rollout.Plan.REAPPLY, RolloutState.PENDING, 0, null, base,
          desired.writtenAt(), now, "Planned", "Rollback to version " + desired.version() + ": its revision is no longer"
          + " held (or its version unknown), so its spec from Git is applied again as a new revision.");
    }
    boolean firstDeployment = o == null || o.latestRolledoutRevision() == null;
    boolean alreadyThere = o != null && o.canaryTrafficPercent() == null
        && manualChanges(manifest, o).isEmpty() && o.inPlace(100);
    List<Integer> steps = env.rollout().splitSteps();
    if (env.rollout().strategy() == RolloutPolicy.Strategy.DIRECT || firstDeployment || alreadyThere
        || steps.isEmpty()) {
      String why = env.rollout().strategy() == RolloutPolicy.Strategy.DIRECT ? "environment " + env.name()
          + " rolls out directly" : firstDeployment ? "a first deployment takes all traffic (KServe ignores"
          + " canaryTrafficPercent without a rolled-out revision)" : alreadyThere ? "the cluster already serves it"
          : "no step splits traffic";
      Rollout r = new Rollout(env.name(), desired.model(), commit, desired.version(), desired.service(),
          Rollout.Plan.DIRECT, RolloutState.PENDING, 0, null, base, desired.writtenAt(), now, "Planned", "Version "
          + desired.version() + " goes direct: " + why + ".");
      if (o != null && !alreadyThere) {
        r.stableRevision = o.latestRolledoutRevision();
        r.stableVersion = store.revision(env.name(), desired.model(), o.latestRolledoutRevision())
            .map(RolloutStore.Revision::version).orElse(null);
      }
      return r;
    }
    int step = 0;
    String resumed = "";
    ObjectNode asObserved = manifest.deepCopy();
    if (o.canaryTrafficPercent() != null) {
      ((ObjectNode) asObserved.path("spec").path("predictor")).put("canaryTrafficPercent",
          o.canaryTrafficPercent().intValue());
    }
    if (o.canaryTrafficPercent() != null && manualChanges(asObserved, o).isEmpty()
        && steps.contains(o.canaryTrafficPercent())) {
      step = steps.indexOf(o.canaryTrafficPercent());
      resumed = " Resumed at step " + (step + 1) + " (" + o.canaryTrafficPercent() + "%), as the cluster shows.";
    }
    Rollout r = new Rollout(env.name(), desired.model(), commit, desired.version(), desired.service(),
        Rollout.Plan.CANARY, RolloutState.PENDING, step, steps.get(step), base, desired.writtenAt(), now, "Planned",
        "Canary of version " + desired.version() + " in steps " + env.rollout().steps() + " against revision "
            + o.latestRolledoutRevision() + "." + resumed);
    r.stableRevision = o.latestRolledoutRevision();
    r.stableVersion = store.revision(env.name(), desired.model(), o.latestRolledoutRevision())
        .map(RolloutStore.Revision::version).orElse(previous == null ? null : previous.version);
    return r;
  }

  // ---- actions ------------------------------------------------------------------------------------

  private void promote(Rollout r, String reason, String message, Instant now) {
    r.percent = null;
    r.stepStartedAt = null;
    r.transition(RolloutState.PROMOTING, reason, message, now);
  }

  /** Routes all traffic back to the stable revision (canaryTrafficPercent 0); the outcome is committed once applied. */
  private void abort(Rollout r, String reason, String message, Instant now) {
    r.percent = 0;
    r.stepStartedAt = null;
    r.transition(RolloutState.ABORTING, reason, message, now);
    LOG.warn("Rollout of {} version {} in {} aborted: {}", r.model, r.version, r.environment, message);
  }

  /** Marks the start of a step when its manifest reaches the cluster. */
  private static void startStep(Rollout r, Instant now) {
    if (r.stepStartedAt == null) {
      r.stepStartedAt = now;
    }
  }

  /** Remembers which version the newest revision serves, for later pins. */
  private void learnRevision(Rollout r, ObservedService o, Instant now) {
    if (r.plan != Rollout.Plan.PIN && o.latestCreatedRevision() != null && o.statusCurrent()) {
      store.revision(r.environment, r.model, o.latestCreatedRevision(), r.version, r.manifest, now);
    }
  }

  private int failedIterations(Rollout r) {
    return (int) store.checks(r).stream().filter(c -> !c.passed())
        .map(c -> c.step() + "/" + c.iteration()).distinct().count();
  }

  // ---- hand edits ------------------------------------------------------------------------------------

  /** Reports (once per generation) and, if configured, reverts a hand edit of a managed service. */
  private @Nullable Step drift(DeploymentEnvironment env, Rollout r, ObjectNode effective, ObservedService o,
      Instant now) {
    List<String> changed = manualChanges(effective, o);
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

  /**
   * The paths of {@code manifest} (labels, annotations, spec) the service does not hold as written, and
   * {@code canaryTrafficPercent} if it differs (absent counts).
   */
  static List<String> manualChanges(ObjectNode manifest, ObservedService o) {
    List<String> paths = new ArrayList<>();
    JsonNode metadata = manifest.path("metadata");
    ObjectNode observedLabels = Json.MAPPER.valueToTree(o.labels());
    ObjectNode observedAnnotations = Json.MAPPER.valueToTree(o.annotations());
    Json.differences(metadata.path("labels"), observedLabels).forEach(p -> paths.add("metadata.labels." + p));
    Json.differences(metadata.path("annotations"), observedAnnotations)
        .forEach(p -> paths.add("metadata.annotations." + p));
    Json.differences(manifest.path("spec"), o.spec()).forEach(p -> paths.add("spec." + p));
    JsonNode wanted = manifest.path("spec").path("predictor").path("canaryTrafficPercent");
    Integer canary = wanted.isNumber() ? wanted.asInt() : null;
    if (!java.util.Objects.equals(canary, o.canaryTrafficPercent()) && !paths.contains(
        "spec.predictor.canaryTrafficPercent")) {
      paths.add("spec.predictor.canaryTrafficPercent");
    }
    return paths;
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

  private static String describeStep(DeploymentEnvironment env, Rollout r) {
    return switch (r.plan) {
      case DIRECT -> "version " + r.version + " with all traffic";
      case REAPPLY -> "version " + r.version + "'s spec again (rollback)";
      case PIN -> "canaryTrafficPercent 0, pinning revision " + r.stableRevision + " (version " + r.version + ")";
      case CANARY -> switch (r.state) {
        case PROMOTING -> "version " + r.version + " promoted (canaryTrafficPercent removed)";
        case ABORTING, ABORTED, FAILED -> "canaryTrafficPercent 0, all traffic back to revision " + r.stableRevision;
        default -> "step " + (r.step + 1) + " of " + env.rollout().splitSteps().size() + ", " + r.percent
            + "% of the traffic for version " + r.version;
      };
    };
  }

  private static String inPlaceWords(ObservedService o) {
    List<String> missing = new ArrayList<>();
    if (!o.statusCurrent()) {
      missing.add("KServe has observed generation " + o.observedGeneration() + " of " + o.generation());
    }
    if (o.latestCreatedRevision() != null && !o.latestCreatedRevision().equals(o.latestReadyRevision())) {
      missing.add("revision " + o.latestCreatedRevision() + " is not ready");
    }
    if (!o.condition("Ready")) {
      missing.add("Ready is not True");
    }
    if (!o.condition("PredictorReady")) {
      missing.add("PredictorReady is not True");
    }
    missing.add(trafficWords(o));
    return String.join(", ", missing);
  }

  static String trafficWords(ObservedService o) {
    return "traffic " + o.traffic().stream().map(t -> t.revision() + " " + t.percent() + "%")
        .collect(Collectors.joining(", "));
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
