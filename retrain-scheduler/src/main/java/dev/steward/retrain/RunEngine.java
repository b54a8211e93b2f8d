package dev.steward.retrain;

import dev.steward.registry.EntityDocuments;
import dev.steward.registry.EntityNotFound;
import dev.steward.registry.ModelRegistry;
import dev.steward.registry.Reference;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Moves runs through their states: records them when a trigger fires (or a person asks), launches attempts,
 * ends them from what launchers, callbacks and timeouts report, retries failed attempts with doubling backoff,
 * and records each step as one commit of the run's file. Every step may be repeated (a fire Quartz recovers on
 * another instance, a duplicate callback) and finds the run as the last step left it.
 *
 * <p>A fire only records its run (its commit shares a group commit with the other fires of the moment) and
 * hands the launch to a pool of virtual threads, so a slow launcher never holds the Quartz step that fires the
 * next trigger. A launch is at least once: the instance that recorded a run looks after its attempt; if that
 * instance dies before the launch is recorded, another one takes the attempt over ({@link #takeOver}) and
 * launches it again. Launchers that can (Kubernetes Job, Airflow dag run, Argo workflow) name what they start
 * after the attempt ({@code <run>-<attempt>}), so the target refuses the second launch as a duplicate; a plain
 * webhook gets the same name as its {@code Idempotency-Key} header.
 */
class RunEngine implements AttemptListener {
  private static final Logger LOG = LoggerFactory.getLogger(RunEngine.class);
  static final String SYSTEM = "steward";
  private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
  static final Duration MAX_BACKOFF = Duration.ofHours(6);

  private final RetrainIndex index;
  private final RunLedger ledger;
  private final Launchers launchers;
  private final ModelRegistry registry;
  private final Schedules schedules;
  private final Supplier<java.net.URI> stewardUrl;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final Duration tokenGrace;
  private final String instance;
  private final SecureRandom random = new SecureRandom();
  /** Attempts this instance is launching now ({@code <run>#<attempt>}), so that nothing here launches them twice. */
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final ExecutorService launches = Executors.newThreadPerTaskExecutor(
      Thread.ofVirtual().name("steward-retrain-launch-", 0).factory());
  private final Semaphore launchSlots;
  private final MeterRegistry meters;
  private final Timer lateness;
  private final Timer recordLateness;
  private final Counter repeated;

  RunEngine(RetrainIndex index, RunLedger ledger, Launchers launchers, ModelRegistry registry, Schedules schedules,
      Supplier<java.net.URI> stewardUrl, ApplicationEventPublisher events, Clock clock, Duration tokenGrace,
      String instance, int concurrentLaunches, MeterRegistry meters) {
    this.index = index;
    this.ledger = ledger;
    this.launchers = launchers;
    this.registry = registry;
    this.schedules = schedules;
    this.stewardUrl = stewardUrl;
    this.events = events;
    this.clock = clock;
    this.tokenGrace = tokenGrace;
    this.instance = instance;
    this.launchSlots = new Semaphore(Math.max(1, concurrentLaunches), true);
    this.meters = meters;
    this.lateness = Timer.builder("steward.retrain.fire.lateness")
        .description("How late a cron trigger fired (Quartz's fire time) after the time it was due")
        .publishPercentileHistogram().register(meters);
    this.recordLateness = Timer.builder("steward.retrain.fire.recorded")
        .description("How long after its due time the run of a cron fire was recorded (committed)")
        .publishPercentileHistogram().register(meters);
    this.repeated = Counter.builder("steward.retrain.fires.repeated")
        .description("Fires that found their run already recorded (recovered or repeated fires)").register(meters);
  }

  String instance() {
    return instance;
  }

  // ---- starting runs ----------------------------------------------------------------------------------

  /** What starts a run: the plan, the run's id (derived from what fired), and whether it may start now. */
  record Start(RetrainPlan plan, String runId, String trigger, Cause cause, String actor, Admission admission) {}

  /** A rule checked under the plan's lock before a run is recorded (a drift trigger's cooldown). */
  @FunctionalInterface
  interface Admission {
    Admission ALWAYS = plan -> Optional.empty();

    /** Why the run may not start now, or empty when it may. */
    Optional<String> hold(RetrainPlan plan);
  }

  /** What came of a start: a run (new or found), or why none was started. */
  sealed interface Started {
    record Recorded(RetrainRun run, boolean isNew, @Nullable String token) implements Started {}

    record Held(String reason) implements Started {}
  }

  void fireCron(String model, int position, Instant scheduled, Instant fired, boolean recovering) {
    Optional<RetrainPlan> plan = index.plan(model);
    if (plan.isEmpty() || position >= plan.get().triggers().size()
        || !(plan.get().triggers().get(position) instanceof Trigger.Cron cron)) {
      LOG.info("Cron trigger {}#{} fired but the plan no longer has it; nothing to do.", model, position);
      return;
    }
    fired("cron", recovering);
    if (!recovering) {
      lateness.record(Duration.between(scheduled, fired).abs());
    }
    String zone = cron.timeZone() == null ? "UTC" : cron.timeZone();
    Started started = start(new Start(plan.get(), runId(model, "cron#" + position, scheduled), "cron",
        Cause.schedule(scheduled, cron.expression(), zone, recovering ? null : fired), SYSTEM, Admission.ALWAYS));
    if (!recovering && started instanceof Started.Recorded r && r.isNew()) {
      recordLateness.record(Duration.between(scheduled, r.run().triggeredAt()).abs());
    }
    launchLater(started);
  }

  /** A drift alert admitted by the plan's drift trigger: recorded now (so its cooldown holds), launched later. */
  Started fireDrift(RetrainPlan plan, String environment, @Nullable Long report, @Nullable String alert,
      @Nullable Integer version, Instant at, Admission admission) {
    String key = report != null ? "report-" + report : "alert-" + alert;
    Started started = start(new Start(plan, runId(plan.model(), "drift#" + environment + "#" + key, at), "drift",
        Cause.drift(report, alert, environment, version), SYSTEM, admission));
    if (started instanceof Started.Recorded r && r.isNew()) {
      fired("drift", false);
    }
    launchLater(started);
    return started;
  }

  /** A drift step scheduled in Quartz by an earlier version of Steward, which admitted it before scheduling. */
  void fireDrift(String model, String environment, @Nullable Long report, @Nullable String alert,
      @Nullable Integer version, Instant at) {
    index.plan(model).ifPresent(plan -> fireDrift(plan, environment, report, alert, version, at, Admission.ALWAYS));
  }

  void fireDataset(String model, String dataset, int version, String digest, Instant at, boolean recovering) {
    Optional<RetrainPlan> plan = index.plan(model);
    if (plan.isEmpty()) {
      LOG.info("Dataset {}/{} would start a retrain run of {}, but the plan is gone.", dataset, version, model);
      return;
    }
    fired("dataset", recovering);
    launchLater(start(new Start(plan.get(), runId(model, "dataset#" + dataset + "#" + version, at), "dataset",
        Cause.dataset(new Reference(dataset, version, digest)), SYSTEM, Admission.ALWAYS)));
  }

  /** A person asks for a run; it is recorded and launched before this returns. */
  RetrainRun manual(RetrainPlan plan, String actor, @Nullable String reason) {
    byte[] nonce = new byte[16];
    random.nextBytes(nonce);
    fired("manual", false);
    Started started = start(new Start(plan, runId(plan.model(), "manual#" + actor + "#" + RetrainDocuments.hex(nonce),
        clock.instant()), "manual", Cause.manual(actor, reason), actor, Admission.ALWAYS));
    if (!(started instanceof Started.Recorded recorded)) {
      throw new IllegalStateException("A manual run was held: " + ((Started.Held) started).reason());
    }
    RetrainRun run = recorded.run();
    Attempt attempt = run.currentAttempt().orElse(null);
    if (recorded.isNew() && run.state() == RunState.TRIGGERED && attempt != null && claim(run.id(), attempt.number())) {
      try {
        launch(run.id(), attempt.number(), recorded.token());
      } finally {
        release(run.id(), attempt.number());
      }
      return ledger.read(run.id()).orElse(run);
    }
    return run;
  }

  private void fired(String trigger, boolean recovering) {
    meters.counter("steward.retrain.fired", "trigger", trigger, "recovered", String.valueOf(recovering)).increment();
  }

  /**
   * Records the run (or finds it, when this fire was seen before), in the next batch of the ledger. With
   * {@code forbid} a run that finds another one active is recorded as skipped; with {@code replace} the
   * active ones are cancelled first (alone, outside the batch, since that takes more locks).
   */
  Started start(Start s) {
    Started started;
    try {
      started = RunLedger.join(ledger.submit("plan", s.plan().model(), s, batch -> decideStart(s, batch)));
    } catch (RunLedger.MustRunAlone alone) {
      started = ledger.locked("plan", s.plan().model(), () -> switch (decideStart(s, null)) {
        case RunLedger.Decision.Done<Started> done -> done.value();
        case RunLedger.Decision.Write<Started> write -> {
          RunLedger.Created created = ledger.create(runOf(write.recorded()), s.actor(), write.change().summary());
          yield created.isNew() ? write.recorded() : new Started.Recorded(created.run(), false, null);
        }
        case RunLedger.Decision.Alone<Started> again -> throw new IllegalStateException(again.why());
      });
    }
    if (started instanceof Started.Recorded r) {
      if (!r.isNew()) {
        repeated.increment();
        LOG.info("Retrain run {} of {} is recorded already ({}); carrying on from there.", r.run().id(),
            r.run().model(), r.run().state().id());
      } else if (r.run().state() == RunState.SKIPPED) {
        LOG.info("Skipped retrain run {} of {}: {}.", r.run().id(), r.run().model(), r.run().message());
        completed(r.run(), s.plan());
      } else {
        LOG.info("Triggered retrain run {} of {} ({}).", r.run().id(), r.run().model(), r.run().trigger());
      }
    }
    return started;
  }

  private static RetrainRun runOf(Started started) {
    return ((Started.Recorded) started).run();
  }

  /**
   * Under the plan's lock: what this start records. In a {@code batch}, the active runs of all its plans are read
   * at once; without one (null), the caller holds the lock alone and may cancel runs.
   */
  private RunLedger.Decision<Started> decideStart(Start s, RunLedger.@Nullable Batch batch) {
    RetrainPlan plan = s.plan();
    // a repeated fire finds its run in the index (read once for the whole batch); one whose commit is not indexed
    // yet (its instance died in between) finds it in Git when the create finds the path taken
    Optional<RetrainRun> known = batch == null ? ledger.read(s.runId())
        : Optional.ofNullable(batch.memo("runs", () -> index.runs(batch.units("plan", Start.class).stream()
            .map(Start::runId).toList())).get(s.runId()));
    if (known.isPresent()) {
      return new RunLedger.Decision.Done<>(new Started.Recorded(known.get(), false, null));
    }
    Optional<String> held = s.admission().hold(plan);
    if (held.isPresent()) {
      return new RunLedger.Decision.Done<>(new Started.Held(held.get()));
    }
    Instant now = clock.instant();
    List<RetrainRun> active = batch == null ? index.activeRuns(plan.model())
        : batch.memo("active-runs", () -> index.activeRuns(batch.keys("plan"))).getOrDefault(plan.model(), List.of());
    RunPromotion promotion = plan.promoteTo() == null ? null : RunPromotion.wanted(plan.promoteTo(), plan.registeredBy());
    switch (plan.concurrency().decide(active)) {
      case Concurrency.Decision.Start start -> { }
      case Concurrency.Decision.Skip skip -> {
        RetrainRun skipped = new RetrainRun(s.runId(), plan.model(), plan.revision(), s.trigger(), s.cause(), null,
            RunState.SKIPPED, List.of(), null, skip.reason(), s.actor(), now, now, now, null);
        return write(skipped, s.actor(), "Skip retrain run " + s.runId() + " of " + plan.model() + ": "
            + skip.reason(), null);
      }
      case Concurrency.Decision.Replace replace -> {
        if (batch != null) {
          return new RunLedger.Decision.Alone<>("plan " + plan.model() + " replaces runs " + replace.runs());
        }
        replace.runs().forEach(id -> cancel(id, "replaced by run " + s.runId() + " (concurrency replace)"));
      }
    }
    String token = newToken();
    Attempt first = Attempt.next(1, plan.launcher().kind(), hash(token),
        now.plus(plan.timeoutDuration()).plus(tokenGrace), instance);
    // the champion is looked up when the run is launched, off the path of the fire
    RetrainRun fresh = new RetrainRun(s.runId(), plan.model(), plan.revision(), s.trigger(), s.cause(), null,
        RunState.TRIGGERED, List.of(first), null, null, s.actor(), now, now, null, promotion);
    return write(fresh, s.actor(), "Trigger retrain run " + s.runId() + " of " + plan.model() + " (" + s.trigger() + ")",
        token);
  }

  private RunLedger.Decision<Started> write(RetrainRun run, String actor, String summary, @Nullable String token) {
    return new RunLedger.Decision.Write<>(RunLedger.createChange(run, actor, summary),
        new Started.Recorded(run, true, token),
        () -> new Started.Recorded(ledger.read(run.id()).orElseThrow(), false, null));
  }

  // ---- launching --------------------------------------------------------------------------------------

  /** Hands the first attempt of a freshly recorded run to the launch pool. */
  private void launchLater(Started started) {
    if (started instanceof Started.Recorded r && r.run().state() == RunState.TRIGGERED) {
      Attempt a = r.run().currentAttempt().orElse(null);
      if (a != null && a.open() && a.launchedAt() == null && instance.equals(a.instance())) {
        launchLater(r.run().id(), a.number(), r.token());
      }
    }
  }

  /** Launches attempt {@code number} on the launch pool, unless this instance is launching it already. */
  void launchLater(String runId, int number, @Nullable String token) {
    if (!claim(runId, number)) {
      return;
    }
    launches.execute(() -> {
      launchSlots.acquireUninterruptibly();
      try {
        launch(runId, number, token);
      } catch (RuntimeException e) {
        LOG.warn("Could not launch attempt {} of retrain run {}; the supervision tries again.", number, runId, e);
      } finally {
        launchSlots.release();
        release(runId, number);
      }
    });
  }

  private boolean claim(String runId, int number) {
    return inFlight.add(runId + "#" + number);
  }

  private void release(String runId, int number) {
    inFlight.remove(runId + "#" + number);
  }

  boolean launching(String runId, int number) {
    return inFlight.contains(runId + "#" + number);
  }

  /** The Quartz step of a retry: launches attempt {@code number} here and now. */
  void attempt(String runId, int number) {
    Optional<RetrainRun> run = ledger.read(runId);
    Attempt a = run.flatMap(RetrainRun::currentAttempt).orElse(null);
    if (run.isEmpty() || run.get().state().terminal() || a == null || a.number() != number || !a.open()
        || a.launchedAt() != null) {
      return;
    }
    if (!instance.equals(a.instance())) {
      ledger.change(runId, SYSTEM, "take-over-attempt", r -> r.currentAttempt()
          .filter(c -> c.number() == number && c.open() && c.launchedAt() == null)
          .map(c -> r.withAttempt(c.takenOverBy(instance), r.state(), clock.instant())));
    }
    if (claim(runId, number)) {
      try {
        launch(runId, number, null);
      } finally {
        release(runId, number);
      }
    }
  }

  /**
   * Launches attempt {@code number} of a run, unless it was launched or ended meanwhile, or another instance
   * looks after it now. {@code token} is the attempt's token if this instance made it; otherwise a new one is
   * added (the instance that made the first one kept it in memory only).
   */
  private void launch(String runId, int number, @Nullable String token) {
    Optional<RetrainRun> found = ledger.read(runId);
    if (found.isEmpty() || found.get().state().terminal()) {
      return;
    }
    RetrainRun run = found.get();
    Attempt attempt = run.currentAttempt().orElse(null);
    if (attempt == null || attempt.number() != number || !attempt.open() || attempt.launchedAt() != null
        || !instance.equals(attempt.instance())) {
      return;
    }
    Optional<RetrainPlan> plan = index.plan(run.model());
    if (plan.isEmpty()) {
      end(runId, number, RunState.CANCELLED, "cancelled", "the retrain plan of " + run.model() + " was removed");
      return;
    }
    if (token == null) {
      String added = newToken();
      Instant expiry = clock.instant().plus(plan.get().timeoutDuration()).plus(tokenGrace);
      ledger.change(runId, SYSTEM, "renew-run-token", r -> r.currentAttempt()
          .filter(a -> a.number() == number && a.open())
          .map(a -> r.withAttempt(a.withToken(hash(added), expiry), r.state(), clock.instant())));
      token = added;
    }
    RetrainRun withChampion = run.withChampion(run.champion() != null ? run.champion() : champion(run.model()));
    Map<String, String> parameters = LaunchParameters.of(withChampion, number, token, stewardUrl.get());
    LaunchContext context = new LaunchContext(withChampion, plan.get(), number, parameters);
    Launch launch;
    Timer.Sample sample = Timer.start(meters);
    try {
      launch = launchers.target(plan.get().launcher()).launch(context);
    } catch (RuntimeException e) {
      launch = new Launch.Refused(e.toString());
    }
    sample.stop(meters.timer("steward.retrain.launch", "launcher", plan.get().launcher().kind(),
        "outcome", launch instanceof Launch.Launched ? "launched" : "refused"));
    switch (launch) {
      case Launch.Launched launched -> recordLaunched(runId, number, launched.reference(), plan.get(),
          withChampion.champion());
      case Launch.Refused refused -> {
        LOG.warn("Could not launch retrain run {} (attempt {}): {}.", runId, number, refused.reason());
        ended(runId, number, false, "launch-failed", "launch failed: " + refused.reason());
      }
    }
  }

  private void recordLaunched(String runId, int number, String reference, RetrainPlan plan,
      @Nullable Integer champion) {
    Instant now = clock.instant();
    Instant deadline = now.plus(plan.timeoutDuration());
    Optional<RunLedger.Outcome> outcome = ledger.change(runId, SYSTEM, "launch-run", r -> r.currentAttempt()
        .filter(a -> a.number() == number && a.reference() == null)
        // an attempt that ended before we could say it started (a very short process) keeps its end
        .map(a -> r.withChampion(r.champion() != null ? r.champion() : champion)
            .withAttempt(a.launched(reference, now, instance, deadline), a.open() ? RunState.LAUNCHED : r.state(), now)));
    RetrainRun run = outcome.map(RunLedger.Outcome::run).orElse(null);
    if (run == null) {
      return;
    }
    Attempt current = run.currentAttempt().orElseThrow();
    if (run.state().terminal() || current.number() != number) {
      if (run.state() == RunState.CANCELLED || run.state() == RunState.TIMED_OUT) {
        launchers.target(plan.launcher()).cancel(run, plan, current);
      }
      return;
    }
    if (current.open()) {
      LOG.info("Launched retrain run {} of {} (attempt {}): {}.", runId, run.model(), number, reference);
    }
  }

  // ---- ends -------------------------------------------------------------------------------------------

  /** From launchers that watch their attempts: a process exited, a Job completed or failed. */
  @Override
  public void ended(String runId, int attempt, boolean succeeded, String message) {
    ended(runId, attempt, succeeded, succeeded ? "succeeded" : "failed", message);
  }

  /**
   * Ends attempt {@code number}: success ends the run; a failure starts the next attempt after the backoff
   * while retries remain, and otherwise fails the run.
   */
  void ended(String runId, int number, boolean succeeded, String outcomeName, String message) {
    Instant now = clock.instant();
    RetrainPlan plan = ledger.read(runId).flatMap(r -> index.plan(r.model())).orElse(null);
    String nextToken = newToken();
    Optional<RunLedger.Outcome> outcome = ledger.change(runId, SYSTEM, succeeded ? "succeed-run" : "fail-attempt", r -> {
      Attempt a = r.currentAttempt().orElse(null);
      if (r.state().terminal() || a == null || a.number() != number || !a.open()) {
        return Optional.empty();
      }
      RetrainRun closed = r.withAttempt(a.ended(outcomeName, message, now), r.state(), now);
      if (succeeded) {
        return Optional.of(closed.to(RunState.SUCCEEDED, message, now));
      }
      int retries = plan == null ? 0 : plan.retries();
      if (number <= retries) {
        Instant at = now.plus(backoff(plan, number));
        Attempt next = Attempt.next(number + 1, a.launcher(), hash(nextToken),
            at.plus(plan.timeoutDuration()).plus(tokenGrace), instance);
        return Optional.of(closed.withAttempt(next, RunState.TRIGGERED, now)
            .to(RunState.TRIGGERED, "attempt " + number + " " + outcomeName + "; attempt " + (number + 1) + " at " + at
                + ": " + message, now));
      }
      return Optional.of(closed.to(RunState.FAILED, message, now));
    });
    outcome.filter(RunLedger.Outcome::changed).map(RunLedger.Outcome::run).ifPresent(run -> {
      if (run.state() == RunState.TRIGGERED) {
        int next = run.currentAttempt().orElseThrow().number();
        Instant at = now.plus(backoff(plan, number));
        // the retry is a Quartz step: it survives this instance, and any instance of the cluster may run it
        schedules.once(attemptName(runId, next), at, Map.of("step", "attempt", "run", runId, "attempt",
            String.valueOf(next)));
        LOG.info("Attempt {} of retrain run {} {}; attempt {} at {}.", number, runId, outcomeName, next, at);
      } else {
        LOG.info("Retrain run {} of {} {}.", runId, run.model(), run.state().id());
        completed(run, plan);
      }
    });
  }

  /** The wait before attempt {@code failedAttempt + 1}: the plan's backoff, doubled per failure, at most 6 h. */
  static Duration backoff(@Nullable RetrainPlan plan, int failedAttempt) {
    Duration base = plan == null ? Duration.ofMinutes(1) : plan.backoffDuration();
    Duration wait = base.multipliedBy(1L << Math.min(20, Math.max(0, failedAttempt - 1)));
    return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
  }

  /** The deadline of attempt {@code number} passed: a still open attempt is stopped and the run timed out. */
  void timeout(String runId, int number) {
    Optional<RetrainRun> before = ledger.read(runId);
    if (before.isEmpty()) {
      return;
    }
    RetrainPlan plan = index.plan(before.get().model()).orElse(null);
    String why = "attempt " + number + " did not finish within "
        + (plan == null ? "the plan's timeout" : plan.timeout());
    end(runId, number, RunState.TIMED_OUT, "timed-out", why);
  }

  /** Asks the launcher how attempt {@code number} stands (webhook targets with a status API). */
  void poll(String runId, int number) {
    Optional<RetrainRun> run = ledger.read(runId);
    Attempt attempt = run.flatMap(RetrainRun::currentAttempt).orElse(null);
    if (run.isEmpty() || run.get().state().terminal() || attempt == null || attempt.number() != number
        || !attempt.open()) {
      return;
    }
    Optional<RetrainPlan> plan = index.plan(run.get().model());
    if (plan.isEmpty()) {
      return;
    }
    try {
      launchers.target(plan.get().launcher()).status(run.get(), plan.get(), attempt).ifPresent(status -> {
        switch (status) {
          case LaunchStatus.Running r -> { }
          case LaunchStatus.Succeeded s -> ended(runId, number, true, "succeeded", s.message());
          case LaunchStatus.Failed f -> ended(runId, number, false, "failed", f.message());
        }
      });
    } catch (RuntimeException e) {
      LOG.info("Could not ask how retrain run {} (attempt {}) stands: {}; asking again later.", runId, number,
          e.toString());
    }
  }

  /** Cancels a run that is still active (a replacement, a removed plan). */
  void cancel(String runId, String why) {
    Optional<RetrainRun> run = ledger.read(runId);
    run.ifPresent(r -> r.currentAttempt().ifPresent(a -> end(runId, a.number(), RunState.CANCELLED, "cancelled", why)));
  }

  /** Ends a run in {@code state} if attempt {@code number} is still open, and stops what its launcher runs. */
  private void end(String runId, int number, RunState state, String outcomeName, String why) {
    Instant now = clock.instant();
    Optional<RunLedger.Outcome> outcome = ledger.change(runId, SYSTEM, state.id() + "-run", r -> {
      Attempt a = r.currentAttempt().orElse(null);
      if (r.state().terminal() || a == null || a.number() != number || !a.open()) {
        return Optional.empty();
      }
      return Optional.of(r.withAttempt(a.ended(outcomeName, why, now), r.state(), now).to(state, why, now));
    });
    outcome.filter(RunLedger.Outcome::changed).map(RunLedger.Outcome::run).ifPresent(run -> {
      RetrainPlan plan = index.plan(run.model()).orElse(null);
      Attempt attempt = run.currentAttempt().orElseThrow();
      if (attempt.launchedAt() == null && number > 1) {
        schedules.cancel(attemptName(runId, number));   // a retry waiting for its backoff
      }
      if (plan != null && attempt.launchedAt() != null) {
        try {
          launchers.target(plan.launcher()).cancel(run, plan, attempt);
        } catch (RuntimeException e) {
          LOG.warn("Could not stop attempt {} of retrain run {} at its launcher: {}.", number, runId, e.toString());
        }
      }
      LOG.info("Retrain run {} of {} {}: {}.", runId, run.model(), state.id(), why);
      completed(run, plan);
    });
  }

  // ---- taking over from an instance that died ---------------------------------------------------------

  /**
   * The instance that looked after a run's open attempt is gone. An attempt it had not launched (or not
   * recorded as launched) is launched here again; a launched one is adopted if its launcher can follow it from
   * here (a Job, a webhook target with a status API, a run that reports itself), and otherwise (a local process
   * of the dead instance) ends as failed, saying why, so that it is retried or the run fails now rather than at
   * its timeout.
   */
  void takeOver(String runId, int number, String deadOwner) {
    Optional<RetrainRun> found = ledger.read(runId);
    Attempt a = found.flatMap(RetrainRun::currentAttempt).orElse(null);
    if (found.isEmpty() || found.get().state().terminal() || a == null || a.number() != number || !a.open()
        || !deadOwner.equals(a.instance())) {
      return;
    }
    RetrainRun run = found.get();
    RetrainPlan plan = index.plan(run.model()).orElse(null);
    if (a.launchedAt() == null) {
      if (schedules.scheduled(attemptName(runId, number))) {
        return;   // a retry waiting for its backoff: Quartz runs it on any instance
      }
      if (claimFrom(runId, number, deadOwner)) {
        meters.counter("steward.retrain.attempts.taken-over", "launched", "false").increment();
        LOG.info("Retrain run {}: attempt {} of instance {}, which is gone, was not launched yet; launching it here.",
            runId, number, deadOwner);
        launchLater(runId, number, null);
      }
      return;
    }
    if (plan == null) {
      end(runId, number, RunState.CANCELLED, "cancelled", "the retrain plan of " + run.model() + " was removed");
      return;
    }
    switch (launchers.target(plan.launcher()).adopt(run, plan, a, deadOwner)) {
      case LaunchTarget.Adoption.Adopted adopted -> {
        if (claimFrom(runId, number, deadOwner)) {
          meters.counter("steward.retrain.attempts.taken-over", "launched", "true").increment();
          LOG.info("Retrain run {}: attempt {} of instance {}, which is gone, is followed here now ({}).", runId,
              number, deadOwner, adopted.how());
        }
      }
      case LaunchTarget.Adoption.Lost lost -> {
        meters.counter("steward.retrain.attempts.lost").increment();
        LOG.warn("Retrain run {}: attempt {} is lost: {}.", runId, number, lost.reason());
        ended(runId, number, false, "failed", lost.reason());
      }
    }
  }

  private boolean claimFrom(String runId, int number, String deadOwner) {
    return ledger.change(runId, SYSTEM, "take-over-attempt", r -> r.currentAttempt()
            .filter(c -> c.number() == number && c.open() && deadOwner.equals(c.instance()))
            .map(c -> r.withAttempt(c.takenOverBy(instance), r.state(), clock.instant())))
        .map(RunLedger.Outcome::changed).orElse(false);
  }

  // ---- reports ----------------------------------------------------------------------------------------

  /** A status the run reports itself ({@code POST /api/v1/retrain/runs/{id}/status}). */
  RetrainRun report(String runId, RunStatusReport report) {
    RetrainRun run = ledger.read(runId).orElseThrow(() -> new EntityNotFound("retrain run " + runId + " does not exist"));
    Attempt attempt = run.currentAttempt().orElse(null);
    if (run.state().terminal() || attempt == null || !attempt.open()) {
      throw new dev.steward.registry.RegistryConflict("retrain run " + runId + " is " + run.state().id()
          + (run.state().terminal() ? " already" : " and waiting for its next attempt") + "; it takes no status now");
    }
    String message = report.message() == null ? "reported " + report.state() : report.message();
    switch (report.state()) {
      case "running" -> { }
      case "succeeded" -> ended(runId, attempt.number(), true, "succeeded", message);
      case "failed" -> ended(runId, attempt.number(), false, "failed", message);
      default -> throw new dev.steward.registry.InvalidRequest("state", "must be running, succeeded or failed, was '"
          + report.state() + "'");
    }
    return ledger.read(runId).orElse(run);
  }

  /** The run's token registered a version of its model: recorded in the run. */
  Optional<RetrainRun> produced(String runId, int version) {
    Optional<RetrainRun> run = ledger.change(runId, SYSTEM, "produce-version", r -> r.producedVersion() == null
        ? Optional.of(r.produced(version, clock.instant())) : Optional.empty()).map(RunLedger.Outcome::run);
    LOG.info("Retrain run {} registered version {}.", runId, version);
    return run;
  }

  // ---- helpers ----------------------------------------------------------------------------------------

  private void completed(RetrainRun run, @Nullable RetrainPlan plan) {
    meters.counter("steward.retrain.runs.completed", "state", run.state().id()).increment();
    events.publishEvent(new RetrainCompleted(run.id(), run.model(), run.state(), run.producedVersion(),
        run.promotion() == null ? null : run.promotion().environment()));
  }

  private @Nullable Integer champion(String model) {
    try {
      return registry.alias(model, "champion").version();
    } catch (EntityNotFound none) {
      return null;
    }
  }

  private String newToken() {
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    return RunTokens.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }

  static String hash(String token) {
    return EntityDocuments.digest(token);
  }

  /**
   * A run's id: the time it is about, then ten hex digits of a hash of what fired it, so the same fire
   * (recovered, repeated, seen by two instances) always names the same run.
   */
  static String runId(String model, String fire, Instant at) {
    String digest = EntityDocuments.digest(model + "\n" + fire + "\n" + at.toEpochMilli());
    return ID_TIME.format(at) + "-" + digest.substring("sha256:".length(), "sha256:".length() + 10);
  }

  static String attemptName(String runId, int attempt) {
    return "attempt/" + runId + "#" + attempt;
  }

  /** Stops the launch pool; launches under way finish (their runs stay correct if they do not). */
  void close() {
    launches.shutdown();
    try {
      launches.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
