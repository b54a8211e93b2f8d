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
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Moves runs through their states: starts them (from a trigger or a person), launches attempts, ends them
 * from what launchers, callbacks and timeouts report, retries failed attempts with doubling backoff, and
 * records each step as one commit of the run's file. Every step may be repeated (a fire Quartz recovers on
 * another instance, a duplicate callback) and finds the run as the last step left it.
 */
class RunEngine implements AttemptListener {
  private static final Logger LOG = LoggerFactory.getLogger(RunEngine.class);
  static final String SYSTEM = "steward";
  private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
  private static final Duration MAX_BACKOFF = Duration.ofHours(6);

  private final RetrainIndex index;
  private final RunLedger ledger;
  private final Launchers launchers;
  private final ModelRegistry registry;
  private final Schedules schedules;
  private final Supplier<java.net.URI> stewardUrl;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final Duration tokenGrace;
  private final Duration pollInterval;
  private final String instance;
  private final SecureRandom random = new SecureRandom();
  /** Tokens of attempts this instance is about to launch; a token is shown once, to its launch, and only its hash is kept. */
  private final Map<String, String> freshTokens = new ConcurrentHashMap<>();
  private final MeterRegistry meters;
  private final Timer lateness;
  private final Counter repeated;

  RunEngine(RetrainIndex index, RunLedger ledger, Launchers launchers, ModelRegistry registry, Schedules schedules,
      Supplier<java.net.URI> stewardUrl, ApplicationEventPublisher events, Clock clock, Duration tokenGrace,
      Duration pollInterval, String instance, MeterRegistry meters) {
    this.index = index;
    this.ledger = ledger;
    this.launchers = launchers;
    this.registry = registry;
    this.schedules = schedules;
    this.stewardUrl = stewardUrl;
    this.events = events;
    this.clock = clock;
    this.tokenGrace = tokenGrace;
    this.pollInterval = pollInterval;
    this.instance = instance;
    this.meters = meters;
    this.lateness = Timer.builder("steward.retrain.fire.lateness")
        .description("How late a cron trigger fired after the time it was due").publishPercentileHistogram()
        .register(meters);
    this.repeated = Counter.builder("steward.retrain.fires.repeated")
        .description("Fires that found their run already recorded (recovered or repeated fires)").register(meters);
  }

  // ---- starting runs ----------------------------------------------------------------------------------

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
    start(plan.get(), runId(model, "cron#" + position, scheduled), "cron",
        Cause.schedule(scheduled, cron.expression(), zone), SYSTEM);
  }

  void fireDrift(String model, String environment, @Nullable Long report, @Nullable String alert,
      @Nullable Integer version, Instant at, boolean recovering) {
    Optional<RetrainPlan> plan = index.plan(model);
    if (plan.isEmpty()) {
      LOG.info("Drift of {} in {} would start a retrain run, but the plan is gone.", model, environment);
      return;
    }
    fired("drift", recovering);
    String key = report != null ? "report-" + report : "alert-" + alert;
    start(plan.get(), runId(model, "drift#" + environment + "#" + key, at), "drift",
        Cause.drift(report, alert, environment, version), SYSTEM);
  }

  void fireDataset(String model, String dataset, int version, String digest, Instant at, boolean recovering) {
    Optional<RetrainPlan> plan = index.plan(model);
    if (plan.isEmpty()) {
      LOG.info("Dataset {}/{} would start a retrain run of {}, but the plan is gone.", dataset, version, model);
      return;
    }
    fired("dataset", recovering);
    start(plan.get(), runId(model, "dataset#" + dataset + "#" + version, at), "dataset",
        Cause.dataset(new Reference(dataset, version, digest)), SYSTEM);
  }

  /** A person asks for a run; it is recorded and launched before this returns. */
  RetrainRun manual(RetrainPlan plan, String actor, @Nullable String reason) {
    byte[] nonce = new byte[16];
    random.nextBytes(nonce);
    fired("manual", false);
    return start(plan, runId(plan.model(), "manual#" + actor + "#" + RetrainDocuments.hex(nonce), clock.instant()),
        "manual", Cause.manual(actor, reason), actor);
  }

  private void fired(String trigger, boolean recovering) {
    meters.counter("steward.retrain.fired", "trigger", trigger, "recovered", String.valueOf(recovering)).increment();
  }

  /**
   * Records the run (or finds it, when this fire was seen before) and launches its first attempt. With
   * {@code forbid} a run that finds another one active is recorded as skipped; with {@code replace} the
   * active ones are cancelled first.
   */
  RetrainRun start(RetrainPlan plan, String runId, String trigger, Cause cause, String actor) {
    Instant now = clock.instant();
    RetrainRun run = ledger.locked("plan:" + plan.model(), () -> {
      Optional<RetrainRun> known = ledger.read(runId);
      if (known.isPresent()) {
        repeated.increment();
        LOG.info("Retrain run {} of {} is recorded already ({}); carrying on from there.", runId, plan.model(),
            known.get().state().id());
        return known.get();
      }
      List<RetrainRun> active = index.activeRuns(plan.model());
      Integer champion = champion(plan.model());
      if (!active.isEmpty() && plan.concurrency() == Concurrency.FORBID) {
        RetrainRun skipped = new RetrainRun(runId, plan.model(), plan.revision(), trigger, cause, champion,
            RunState.SKIPPED, List.of(), null, "run " + active.getFirst().id() + " is still " + active.getFirst().state().id()
            + " (concurrency forbid)", actor, now, now, now);
        RetrainRun recorded = ledger.create(skipped, actor, "Skip retrain run " + runId + " of " + plan.model()
            + ": run " + active.getFirst().id() + " is still active").run();
        LOG.info("Skipped retrain run {} of {}: run {} is still active.", runId, plan.model(), active.getFirst().id());
        completed(recorded, plan);
        return recorded;
      }
      if (!active.isEmpty()) {
        active.forEach(a -> cancel(a.id(), "replaced by run " + runId + " (concurrency replace)"));
      }
      String token = newToken();
      Attempt first = new Attempt(1, plan.launcher().kind(), null, hash(token),
          now.plus(plan.timeoutDuration()).plus(tokenGrace), null, null, null, null, instance);
      RetrainRun fresh = new RetrainRun(runId, plan.model(), plan.revision(), trigger, cause, champion,
          RunState.TRIGGERED, List.of(first), null, null, actor, now, now, null);
      RunLedger.Created created = ledger.create(fresh, actor, "Trigger retrain run " + runId + " of " + plan.model()
          + " (" + trigger + ")");
      if (created.isNew()) {
        freshTokens.put(runId + "#1", token);
        LOG.info("Triggered retrain run {} of {} ({}).", runId, plan.model(), trigger);
      } else {
        repeated.increment();
      }
      return created.run();
    });
    if (run.state() == RunState.TRIGGERED) {
      run.currentAttempt().filter(a -> a.open() && a.launchedAt() == null).ifPresent(a -> attempt(run.id(), a.number()));
      return ledger.read(run.id()).orElse(run);
    }
    return run;
  }

  // ---- attempts ---------------------------------------------------------------------------------------

  /** Launches attempt {@code number} of a run, unless it was launched or ended meanwhile. */
  void attempt(String runId, int number) {
    Optional<RetrainRun> found = ledger.read(runId);
    if (found.isEmpty() || found.get().state().terminal()) {
      return;
    }
    RetrainRun run = found.get();
    Attempt attempt = run.currentAttempt().orElse(null);
    if (attempt == null || attempt.number() != number || !attempt.open() || attempt.launchedAt() != null) {
      return;
    }
    Optional<RetrainPlan> plan = index.plan(run.model());
    if (plan.isEmpty()) {
      end(runId, number, RunState.CANCELLED, "cancelled", "the retrain plan of " + run.model() + " was removed");
      return;
    }
    String token = freshTokens.remove(runId + "#" + number);
    if (token == null) {
      // launched by another instance, or after a restart: only the hash was kept, so the attempt gets a new token
      String rotated = newToken();
      Instant expiry = clock.instant().plus(plan.get().timeoutDuration()).plus(tokenGrace);
      ledger.change(runId, SYSTEM, "renew-run-token", r -> r.currentAttempt()
          .filter(a -> a.number() == number && a.open())
          .map(a -> r.withAttempt(a.withToken(hash(rotated), expiry), r.state(), clock.instant())));
      token = rotated;
    }
    Map<String, String> parameters = LaunchParameters.of(run, number, token, stewardUrl.get());
    LaunchContext context = new LaunchContext(run, plan.get(), number, parameters);
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
      case Launch.Launched launched -> recordLaunched(runId, number, launched.reference(), plan.get());
      case Launch.Refused refused -> {
        LOG.warn("Could not launch retrain run {} (attempt {}): {}.", runId, number, refused.reason());
        ended(runId, number, false, "launch-failed", "launch failed: " + refused.reason());
      }
    }
  }

  private void recordLaunched(String runId, int number, String reference, RetrainPlan plan) {
    Instant now = clock.instant();
    Optional<RunLedger.Outcome> outcome = ledger.change(runId, SYSTEM, "launch-run", r -> r.currentAttempt()
        .filter(a -> a.number() == number && a.reference() == null)
        .map(a -> a.open() ? r.withAttempt(a.launched(reference, now, instance), RunState.LAUNCHED, now)
            // it ended before we could say it started (a very short process): keep the end, add the reference
            : r.withAttempt(new Attempt(a.number(), a.launcher(), reference, a.tokenHash(), a.tokenExpiresAt(), now,
                a.endedAt(), a.outcome(), a.message(), instance), r.state(), now)));
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
      Map<String, String> data = Map.of("run", runId, "attempt", String.valueOf(number));
      schedules.once(timeoutName(runId, number), now.plus(plan.timeoutDuration()), withStep(data, "timeout"));
      if (launchers.target(plan.launcher()).polls(plan)) {
        schedules.every(pollName(runId, number), now.plus(pollInterval), pollInterval, withStep(data, "poll"));
      }
    }
  }

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
        Attempt next = new Attempt(number + 1, a.launcher(), null, hash(nextToken),
            at.plus(plan.timeoutDuration()).plus(tokenGrace), null, null, null, null, instance);
        return Optional.of(closed.withAttempt(next, RunState.TRIGGERED, now)
            .to(RunState.TRIGGERED, "attempt " + number + " " + outcomeName + "; attempt " + (number + 1) + " at " + at
                + ": " + message, now));
      }
      return Optional.of(closed.to(RunState.FAILED, message, now));
    });
    schedules.cancel(timeoutName(runId, number));
    schedules.cancel(pollName(runId, number));
    outcome.filter(RunLedger.Outcome::changed).map(RunLedger.Outcome::run).ifPresent(run -> {
      if (run.state() == RunState.TRIGGERED) {
        int next = run.currentAttempt().orElseThrow().number();
        freshTokens.put(runId + "#" + next, nextToken);
        Instant at = now.plus(backoff(plan, number));
        schedules.once(attemptName(runId, next), at, Map.of("step", "attempt", "run", runId, "attempt",
            String.valueOf(next)));
        LOG.info("Attempt {} of retrain run {} {}; attempt {} at {}.", number, runId, outcomeName, next, at);
      } else {
        LOG.info("Retrain run {} of {} {}.", runId, run.model(), run.state().id());
        completed(run, plan);
      }
    });
  }

  private static Duration backoff(@Nullable RetrainPlan plan, int failedAttempt) {
    Duration base = plan == null ? Duration.ofMinutes(1) : plan.backoffDuration();
    Duration wait = base.multipliedBy(1L << Math.min(20, failedAttempt - 1));
    return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
  }

  /** The timeout of attempt {@code number} came: a still open attempt is stopped and the run timed out. */
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
      schedules.cancel(pollName(runId, number));
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
    schedules.cancel(timeoutName(runId, number));
    schedules.cancel(pollName(runId, number));
    schedules.cancel(attemptName(runId, number));
    outcome.filter(RunLedger.Outcome::changed).map(RunLedger.Outcome::run).ifPresent(run -> {
      RetrainPlan plan = index.plan(run.model()).orElse(null);
      Attempt attempt = run.currentAttempt().orElseThrow();
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
  void produced(String runId, int version) {
    ledger.change(runId, SYSTEM, "produce-version", r -> r.producedVersion() == null
        ? Optional.of(r.produced(version, clock.instant())) : Optional.empty());
    LOG.info("Retrain run {} registered version {}.", runId, version);
  }

  /** Keeps every active run moving: an attempt left unlaunched gets launched, a launched one gets its timeout. */
  void supervise(Duration grace) {
    Instant now = clock.instant();
    for (RetrainRun run : index.activeRuns()) {
      Attempt a = run.currentAttempt().orElse(null);
      if (a == null || !a.open() || run.updatedAt().isAfter(now.minus(grace))) {
        continue;
      }
      if (a.launchedAt() == null && !schedules.scheduled(attemptName(run.id(), a.number()))) {
        LOG.info("Retrain run {} has attempt {} waiting with nothing scheduled to launch it; launching it now.",
            run.id(), a.number());
        schedules.once(attemptName(run.id(), a.number()), now, Map.of("step", "attempt", "run", run.id(), "attempt",
            String.valueOf(a.number())));
      } else if (a.launchedAt() != null && !schedules.scheduled(timeoutName(run.id(), a.number()))) {
        RetrainPlan plan = index.plan(run.model()).orElse(null);
        Instant due = plan == null ? now : a.launchedAt().plus(plan.timeoutDuration());
        schedules.once(timeoutName(run.id(), a.number()), due.isBefore(now) ? now : due,
            Map.of("step", "timeout", "run", run.id(), "attempt", String.valueOf(a.number())));
      }
    }
  }

  /** When drift last started a run of a model (operational state: survives an index rebuild). */
  Optional<Instant> lastDriftStart(String model) {
    return ledger.jdbc().sql("select last_triggered_at from retrain_drift_gate where model = ?").param(model)
        .query((rs, i) -> rs.getTimestamp(1).toInstant()).optional();
  }

  void recordDriftStart(String model, Instant at) {
    if (ledger.jdbc().sql("update retrain_drift_gate set last_triggered_at = ? where model = ?")
        .params(java.sql.Timestamp.from(at), model).update() == 0) {
      ledger.jdbc().sql("insert into retrain_drift_gate (model, last_triggered_at) values (?, ?)")
          .params(model, java.sql.Timestamp.from(at)).update();
    }
  }

  // ---- helpers ----------------------------------------------------------------------------------------

  private void completed(RetrainRun run, @Nullable RetrainPlan plan) {
    meters.counter("steward.retrain.runs.completed", "state", run.state().id()).increment();
    events.publishEvent(new RetrainCompleted(run.id(), run.model(), run.state(), run.producedVersion(),
        plan == null ? null : plan.promoteTo()));
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

  static String timeoutName(String runId, int attempt) {
    return "timeout/" + runId + "#" + attempt;
  }

  static String pollName(String runId, int attempt) {
    return "poll/" + runId + "#" + attempt;
  }

  private static Map<String, String> withStep(Map<String, String> data, String step) {
    Map<String, String> all = new java.util.HashMap<>(data);
    all.put("step", step);
    return all;
  }
}
