package dev.steward.alerts;

import dev.steward.deployer.Deployer;
import dev.steward.deployer.Deployment;
import dev.steward.deployer.Rollback;
import dev.steward.lineage.Change;
import dev.steward.lineage.FileChange;
import dev.steward.lineage.Lineage;
import dev.steward.lineage.LineageUnavailable;
import dev.steward.lineage.PathAlreadyExists;
import dev.steward.registry.EntityNotFound;
import dev.steward.registry.ModelRegistry;
import dev.steward.registry.RegistryConflict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Acts on alerts once per firing episode, {@code (fingerprint, startsAt)}. A firing alert is checked, in order,
 * against the episodes already acted on (a duplicate changes nothing), the cooldown of its action on its model
 * and environment, and what its action needs; then {@code rollback} rolls the model back with the episode
 * file in the rollback's own commit ({@code Steward-Alert: <fingerprint>} trailer), and {@code retrain} and
 * {@code notify} commit the episode alone. Either way the episode's index projection publishes
 * {@link AlertFired} durably. A resolved alert is recorded, never acted on. Every alert lands in the on-call
 * {@link AlertHistory}.
 *
 * <pre>{@code
 * Receipt r = receiver.receive(body, "alertmanager", "10.0.0.7");   // an Alertmanager v4 webhook body
 * r.alerts().getFirst().outcome();                                   // ACTED, DUPLICATE, RESOLVED, IGNORED
 * }</pre>
 *
 * Concurrency: alerts of one model and environment are handled one at a time (a lock per pair), so
 * concurrent deliveries of the same episode act once; a second Steward writing the same episode fails on the
 * episode file's {@code create} and counts it a duplicate.
 */
public class AlertReceiver {
  private static final Logger LOG = LoggerFactory.getLogger(AlertReceiver.class);

  private final Deployer deployer;
  private final ModelRegistry registry;
  private final Lineage lineage;
  private final Episodes episodes;
  private final AlertHistory history;
  private final Duration cooldown;
  private final Clock clock;
  private final @Nullable MeterRegistry meters;
  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  AlertReceiver(Deployer deployer, ModelRegistry registry, Lineage lineage, Episodes episodes, AlertHistory history,
      Duration cooldown, Clock clock, @Nullable MeterRegistry meters) {
    this.deployer = deployer;
    this.registry = registry;
    this.lineage = lineage;
    this.episodes = episodes;
    this.history = history;
    this.cooldown = cooldown;
    this.clock = clock;
    this.meters = meters;
  }

  /** What was done with one alert. */
  public record Handled(ReceivedAlert alert, AlertHistory.Outcome outcome, @Nullable String reason,
      @Nullable String commit) {}

  /** What was done with a delivery, alert by alert. */
  public record Receipt(String delivery, int truncatedAlerts, List<Handled> alerts) {}

  /**
   * Handles an Alertmanager webhook body: checks it as a whole (nothing is done if any alert is at fault:
   * {@link InvalidAlertDelivery}, recorded as rejected), then acts on each alert. Throws
   * {@link AlertsUnavailable} when some alert could not be handled for a transient reason.
   */
  public Receipt receive(byte[] body, String principal, @Nullable String remoteAddress) {
    Instant now = clock.instant();
    String id = UUID.randomUUID().toString();
    AlertmanagerPayload.Delivery delivery;
    try {
      delivery = AlertmanagerPayload.parse(body);
      check(delivery);
    } catch (InvalidAlertDelivery e) {
      history.rejected(new AlertHistory.Delivery(id, now, "alertmanager", principal, remoteAddress, null, null, null),
          e.getMessage(), e.status());
      count("rejected");
      LOG.warn("Refused an Alertmanager delivery from {} ({}): {}", principal, remoteAddress, e.getMessage());
      throw e;
    }
    if (delivery.truncatedAlerts() > 0) {
      LOG.warn("Alertmanager receiver {} left {} alerts of group {} out of the delivery (max_alerts); acting on the"
          + " {} that arrived.", delivery.receiver(), delivery.truncatedAlerts(), delivery.groupKey(),
          delivery.alerts().size());
    }
    AlertHistory.Delivery d = new AlertHistory.Delivery(id, now, "alertmanager", principal, remoteAddress,
        delivery.receiver(), delivery.groupKey(), delivery.truncatedAlerts());
    return handleAll(d, delivery.alerts(), principal, delivery.truncatedAlerts());
  }

  /** Handles one alert from inside Steward (the drift monitor's direct path), through the same checks. */
  Receipt receiveDirect(ReceivedAlert alert, String deliveryId) {
    AlertHistory.Delivery d = new AlertHistory.Delivery(deliveryId, clock.instant(), alert.source(), "steward", null,
        null, null, null);
    return handleAll(d, List.of(alert), "steward", 0);
  }

  private Receipt handleAll(AlertHistory.Delivery d, List<ReceivedAlert> alerts, String actor, int truncated) {
    List<Handled> handled = new ArrayList<>();
    RuntimeException transientFailure = null;
    for (ReceivedAlert alert : alerts) {
      Handled h;
      try {
        h = handle(alert, actor, d);
      } catch (LineageUnavailable | TransientDataAccessException | DataAccessResourceFailureException e) {
        transientFailure = e;
        h = new Handled(alert, AlertHistory.Outcome.FAILED, "transient failure, nothing was done; Alertmanager sends"
            + " the alert again: " + e.getMessage(), null);
        LOG.warn("Could not act on alert {} ({}, started {}) for {} in {}: {}", alert.alertname(),
            alert.fingerprint(), alert.startsAtKey(), alert.model(), alert.environment(), e.getMessage());
      }
      handled.add(h);
      try {
        history.alert(d, alert, h.outcome(), h.reason(), h.commit(), h.outcome() == AlertHistory.Outcome.FAILED
            ? 503 : 200);
      } catch (RuntimeException e) {
        LOG.warn("Could not record alert {} ({}) in the on-call history: {}", alert.alertname(), alert.fingerprint(),
            e.getMessage());
        if (transientFailure == null && h.outcome() != AlertHistory.Outcome.ACTED) {
          transientFailure = e;
        }
      }
      count(h.outcome().id());
    }
    Receipt receipt = new Receipt(d.id(), truncated, handled);
    if (transientFailure != null) {
      throw new AlertsUnavailable("Some alerts could not be handled for now (" + transientFailure.getMessage()
          + "); send the delivery again.", receipt, transientFailure);
    }
    return receipt;
  }

  /** Refuses a delivery naming a model or environment Steward does not know (422), before anything is done. */
  private void check(AlertmanagerPayload.Delivery delivery) {
    List<InvalidAlertDelivery.FieldError> errors = new ArrayList<>();
    for (int i = 0; i < delivery.alerts().size(); i++) {
      ReceivedAlert a = delivery.alerts().get(i);
      if (deployer.environments().find(a.environment()).isEmpty()) {
        errors.add(new InvalidAlertDelivery.FieldError("alerts[" + i + "].labels.environment", "environment "
            + a.environment() + " is not configured; the environments are " + deployer.environments().all().stream()
            .map(e -> e.name()).toList()));
      }
      try {
        registry.model(a.model());
      } catch (EntityNotFound e) {
        errors.add(new InvalidAlertDelivery.FieldError("alerts[" + i + "].labels.model", "model " + a.model()
            + " is not registered"));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidAlertDelivery(422, "The delivery names what Steward does not know: " + errors.stream()
          .map(e -> e.field() + ": " + e.detail()).reduce((x, y) -> x + "; " + y).orElse("") + ".", errors);
    }
  }

  private Handled handle(ReceivedAlert alert, String actor, AlertHistory.Delivery d) {
    if (alert.status() == ReceivedAlert.Status.RESOLVED) {
      var acted = episodes.find(alert.fingerprint(), alert.startsAtKey());
      return new Handled(alert, AlertHistory.Outcome.RESOLVED, acted.map(e -> "resolved; the episode was acted on"
          + " in commit " + e.commitId()).orElse("resolved; Steward had not acted on this episode"),
          acted.map(Episodes.Recorded::commitId).orElse(null));
    }
    ReentrantLock lock = locks.computeIfAbsent(alert.model() + "/" + alert.environment(), k -> new ReentrantLock());
    lock.lock();
    try {
      var seen = episodes.find(alert.fingerprint(), alert.startsAtKey());
      if (seen.isPresent()) {
        return duplicate(alert, seen.get().commitId(), seen.get().recordedAt());
      }
      Instant now = clock.instant();
      var recent = episodes.latestSince(alert.model(), alert.environment(), alert.action(), now.minus(cooldown));
      if (recent.isPresent()) {
        Episodes.Recorded r = recent.get();
        return new Handled(alert, AlertHistory.Outcome.IGNORED, "cooldown: alert " + r.alertname() + " ("
            + r.fingerprint() + ") led to " + alert.action().id() + " of " + alert.model() + " in "
            + alert.environment() + " at " + r.recordedAt() + " (commit " + r.commitId() + "); the next one is allowed"
            + " from " + r.recordedAt().plus(cooldown) + " (steward.alerts.cooldown " + cooldown + ")", null);
      }
      return switch (alert.action()) {
        case ROLLBACK -> rollback(alert, actor, d, now);
        case RETRAIN, NOTIFY -> record(alert, actor, d, now);
      };
    } catch (PathAlreadyExists e) {
      var seen = episodes.find(alert.fingerprint(), alert.startsAtKey());
      return duplicate(alert, seen.map(Episodes.Recorded::commitId).orElse(null),
          seen.map(Episodes.Recorded::recordedAt).orElse(null));
    } finally {
      lock.unlock();
    }
  }

  private static Handled duplicate(ReceivedAlert alert, @Nullable String commit, @Nullable Instant at) {
    return new Handled(alert, AlertHistory.Outcome.DUPLICATE, "episode (" + alert.fingerprint() + ", "
        + alert.startsAtKey() + ") was acted on " + (at == null ? "" : "at " + at + " ") + "in commit " + commit,
        commit);
  }

  private Handled rollback(ReceivedAlert alert, String actor, AlertHistory.Delivery d, Instant now) {
    Deployment current;
    try {
      current = deployer.deployment(alert.environment(), alert.model());
    } catch (EntityNotFound e) {
      return ignored(alert, "model " + alert.model() + " has no desired state in " + alert.environment()
          + "; nothing to roll back");
    }
    if (alert.version() != null && alert.version() != current.version()) {
      return ignored(alert, "version " + alert.version() + " is not the version desired in " + alert.environment()
          + " (version " + current.version() + " is); nothing to roll back");
    }
    if (current.action() == Deployment.Action.ROLLBACK) {
      return ignored(alert, alert.model() + " in " + alert.environment() + " is already rolled back to version "
          + current.version() + " by " + current.writtenBy() + " at " + current.writtenAt());
    }
    Episode episode = Episode.of(alert, actor, now, d.id(), current.version());
    long start = System.nanoTime();
    try {
      Rollback r = deployer.rollback(alert.environment(), alert.model(), actor, "alert " + alert.alertname() + ": "
          + alert.summary(), trailers(alert), List.of(FileChange.create(episode.path(), episode.toYaml())));
      if (r instanceof Rollback.RolledBack rolledBack) {
        timer(start);
        LOG.info("Alert {} ({}, started {}) rolled {} in {} back from version {} to {} (commit {}).",
            alert.alertname(), alert.fingerprint(), alert.startsAtKey(), alert.model(), alert.environment(),
            current.version(), r.deployment().version(), rolledBack.commit());
        return new Handled(alert, AlertHistory.Outcome.ACTED, "rolled back from version " + current.version()
            + " to " + r.deployment().version(), rolledBack.commit());
      }
      return ignored(alert, alert.model() + " in " + alert.environment() + " is already rolled back to version "
          + r.deployment().version());
    } catch (RegistryConflict e) {
      return ignored(alert, e.getMessage());
    }
  }

  private Handled record(ReceivedAlert alert, String actor, AlertHistory.Delivery d, Instant now) {
    Integer deployed = null;
    try {
      deployed = deployer.deployment(alert.environment(), alert.model()).version();
    } catch (EntityNotFound noDesiredState) {
      // a retrain or a notice needs no deployment
    }
    Episode episode = Episode.of(alert, actor, now, d.id(), deployed);
    var recorded = lineage.record(new Change(actor, "alert-" + alert.action().id(), "alert " + alert.fingerprint(),
        "Alert " + alert.alertname() + " for " + alert.model() + " in " + alert.environment() + ": "
            + alert.action().id(), List.of(FileChange.create(episode.path(), episode.toYaml())), trailers(alert)));
    LOG.info("Alert {} ({}, started {}) for {} in {} recorded for {} (commit {}).", alert.alertname(),
        alert.fingerprint(), alert.startsAtKey(), alert.model(), alert.environment(), alert.action().id(),
        recorded.commitId());
    return new Handled(alert, AlertHistory.Outcome.ACTED, alert.action() == AlertAction.RETRAIN
        ? "retrain requested: AlertFired published for the retrain scheduler"
        : "recorded for on-call; nothing changed", recorded.commitId());
  }

  private static Handled ignored(ReceivedAlert alert, String reason) {
    return new Handled(alert, AlertHistory.Outcome.IGNORED, reason, null);
  }

  private static Map<String, String> trailers(ReceivedAlert alert) {
    Map<String, String> t = new LinkedHashMap<>();
    t.put("Steward-Alert", alert.fingerprint());
    t.put("Steward-Alert-Starts-At", alert.startsAtKey());
    String name = alert.alertname().replaceAll("\\s+", " ").strip();
    t.put("Steward-Alert-Name", name.isEmpty() ? "unnamed" : name.length() > 200 ? name.substring(0, 200) : name);
    t.put("Steward-Alert-Source", alert.source());
    return t;
  }

  private void count(String outcome) {
    if (meters != null) {
      Counter.builder("steward.alerts.received").description("Alerts received, by what Steward did with them")
          .tag("outcome", outcome).register(meters).increment();
    }
  }

  private void timer(long start) {
    if (meters != null) {
      Timer.builder("steward.alerts.rollback").description("From an alert's receipt to its rollback committed")
          .register(meters).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }
}
