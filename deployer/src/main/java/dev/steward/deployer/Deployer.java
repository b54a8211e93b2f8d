package dev.steward.deployer;

import dev.steward.lineage.Change;
import dev.steward.lineage.FileChange;
import dev.steward.lineage.Lineage;
import dev.steward.policies.DesiredStates;
import dev.steward.registry.EntityNotFound;
import dev.steward.registry.Kind;
import dev.steward.registry.ModelRegistry;
import dev.steward.registry.ModelVersion;
import dev.steward.registry.Names;
import dev.steward.registry.RegistryConflict;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desired deployments of every model in every environment. An approved promotion's desired state is
 * written in the approval's own commit ({@link #approve}, called by the approval gates through
 * {@link DesiredStates}); a rollback writes the version rolled out before the current one, without
 * approval. Each commit holds the record {@code deployments/<env>/<model>.yaml} with the rendered
 * InferenceService and, for the {@code gitops} target, the bare manifest and the environment's
 * kustomization under {@code gitops/<env>/}. Each change of a desired state is followed by a
 * {@link DesiredStateChanged} event, in commit order: {@link DeploymentProjection} announces it from the index
 * transaction of the commit, so it is stored durably with Spring Modulith's event publication registry.
 *
 * <pre>{@code
 * Rollback r = deployer.rollback("production", "churn", "olga", "PSI alert on tenure");
 * Deployment d = deployer.deployment("production", "churn");      // version, approvals, manifest
 * }</pre>
 */
public class Deployer implements DesiredStates {
  private static final Logger LOG = LoggerFactory.getLogger(Deployer.class);

  private final Lineage lineage;
  private final ModelRegistry registry;
  private final DeploymentIndex index;
  private final DeploymentEnvironments environments;
  private final Clock clock;
  private final ReentrantLock writer = new ReentrantLock();
  /** Who commits what the reconciler decided on its own (an aborted canary's rollback, a rollout's outcome). */
  static final String ROLLOUT_ACTOR = "steward";
  private @Nullable Reconciler reconciler;

  Deployer(Lineage lineage, ModelRegistry registry, DeploymentIndex index, DeploymentEnvironments environments,
      Clock clock) {
    this.lineage = lineage;
    this.registry = registry;
    this.index = index;
    this.environments = environments;
    this.clock = clock;
  }

  // ---- what the approval gates need -----------------------------------------------------------------

  @Override
  public Optional<DesiredVersion> current(String environment, String model) {
    return index.deployment(environment, model).map(d -> new DesiredVersion(d.version(), d.modelVersionDigest(),
        d.action().id(), d.writtenAt()));
  }

  @Override
  public List<DesiredVersion> history(String environment, String model) {
    return index.history(environment, model).stream()
        .map(h -> new DesiredVersion(h.version(), h.modelVersionDigest(), h.action(), h.writtenAt())).toList();
  }

  @Override
  public void approve(ApprovedPromotion approved, Consumer<Files> commit) {
    DeploymentEnvironment environment = environments.get(approved.environment());
    writer.lock();
    try {
      ModelVersion version = registry.get(Kind.MODEL_VERSION, approved.model(), approved.version(), ModelVersion.class);
      Integer previous = index.deployment(environment.name(), approved.model()).map(Deployment::version).orElse(null);
      Deployment desired = new Deployment(environment.name(), environment.namespace(), approved.model(),
          approved.version(), approved.modelVersionDigest(), Deployment.Action.PROMOTE, approved.promotion(),
          approved.approvals(), previous, approved.reason(), approved.actor(), approved.at(), environment.target(),
          InferenceServiceManifest.desired(version, environment));
      commit.accept(new Files(desired.path(), files(desired)));
      LOG.info("Desired state of {} in {} is version {} ({} target), approved in promotion {}.", approved.model(),
          environment.name(), approved.version(), environment.target().id(), approved.promotion());
    } finally {
      writer.unlock();
    }
  }

  // ---- rollback and reads -----------------------------------------------------------------------------

  /**
   * Writes the version deployed before the current one as the desired state again, without approval
   * (rolling back is always allowed). Repeating the rollback changes nothing and answers the current state.
   * With the {@code cluster} target the reconciler then pins the earlier revision if KServe still holds it
   * ({@code canaryTrafficPercent: 0}, no new revision), else applies the earlier spec again.
   */
  public Rollback rollback(String environmentName, String model, String actor, @Nullable String reason) {
    return rollback(environmentName, model, actor, reason, Map.of());
  }

  /**
   * A rollback whose commit carries extra trailers, for example {@code Steward-Alert: <fingerprint>} from an
   * alert receiver. Trailer keys are letters, digits and '-', and must not be Steward's own
   * ({@code Steward-Actor}, {@code -Action}, {@code -Entity}, {@code -File}); values are one line each.
   */
  public Rollback rollback(String environmentName, String model, String actor, @Nullable String reason,
      Map<String, String> extraTrailers) {
    return rollback(environmentName, model, actor, reason, extraTrailers, List.of());
  }

  /**
   * A rollback whose commit also carries another module's files, for example the alert episode
   * {@code alerts/episodes/<fingerprint>/<startsAt>.yaml} an alert receiver writes with
   * {@link FileChange#create}: if that file exists already (the same alert delivered twice), the whole commit
   * fails with {@code PathAlreadyExists} and nothing is rolled back. The files must not be the deployer's own
   * ({@code deployments/}, {@code rollouts/}, {@code gitops/}). Repeating a rollback that is already written
   * answers {@link Rollback.AlreadyThere} and writes none of them.
   */
  public Rollback rollback(String environmentName, String model, String actor, @Nullable String reason,
      Map<String, String> extraTrailers, List<FileChange> alongside) {
    for (FileChange f : alongside) {
      if (f.path().startsWith("deployments/") || f.path().startsWith("rollouts/") || f.path().startsWith("gitops/")) {
        throw new IllegalArgumentException("A rollback cannot carry " + f.path() + ": the deployer writes its own files.");
      }
    }
    DeploymentEnvironment environment = environments.get(environmentName);
    Names.requireName("model", model);
    String why = Names.requireText("reason", reason);
    Map<String, String> extra = new LinkedHashMap<>();
    extraTrailers.forEach((k, v) -> {
      if (k == null || !k.matches("[A-Za-z0-9][A-Za-z0-9-]*") || k.toLowerCase(java.util.Locale.ROOT).matches(
          "steward-(actor|action|entity|file|environment|version|reason)")) {
        throw new dev.steward.registry.InvalidRequest("trailers", "trailer '" + k + "' is not allowed: use letters,"
            + " digits and '-', and none of Steward's own trailers");
      }
      extra.put(k, oneLine(Names.requireText("trailers." + k, v)));
    });
    writer.lock();
    try {
      Deployment current = index.deployment(environment.name(), model).orElseThrow(() -> new EntityNotFound(
          "model " + model + " has no desired state in " + environment.name()));
      if (current.action() == Deployment.Action.ROLLBACK) {
        LOG.info("Rollback of {} in {} asked again by {}; it is already rolled back to version {}.", model,
            environment.name(), actor, current.version());
        return new Rollback.AlreadyThere(current);
      }
      Deployment rolledBack = rolledBack(environment, current, actor, why);
      Map<String, String> trailers = trailers("Steward-Environment", environment.name(), "Steward-Version",
          String.valueOf(rolledBack.version()), "Steward-Reason", oneLine(why));
      trailers.putAll(extra);
      List<FileChange> files = new ArrayList<>(files(rolledBack));
      files.addAll(alongside);
      var recorded = lineage.record(new Change(actor, "rollback", "deployment " + environment.name() + "/" + model,
          "Roll back " + model + " in " + environment.name() + " from version " + current.version() + " to "
              + rolledBack.version(), files, trailers));
      LOG.info("{} rolled {} in {} back from version {} to {}: {}.", actor, model, environment.name(),
          current.version(), rolledBack.version(), why);
      return new Rollback.RolledBack(rolledBack, recorded.commitId());
    } finally {
      writer.unlock();
    }
  }

  /** The desired state of a rollback from {@code current}: the last version desired before it that differs. */
  private Deployment rolledBack(DeploymentEnvironment environment, Deployment current, String actor, String why) {
    String model = current.model();
    List<DeploymentIndex.HistoryEntry> history = index.history(environment.name(), model);
    DeploymentIndex.HistoryEntry target = null;
    for (int i = history.size() - 1; i >= 0; i--) {
      if (history.get(i).version() != current.version()) {
        target = history.get(i);
        break;
      }
    }
    if (target == null) {
      throw new RegistryConflict("model " + model + " has no earlier version in " + environment.name()
          + " to roll back to");
    }
    ModelVersion version = registry.get(Kind.MODEL_VERSION, model, target.version(), ModelVersion.class);
    return new Deployment(environment.name(), environment.namespace(), model, target.version(),
        String.valueOf(version.digest()), Deployment.Action.ROLLBACK, null, List.of(), current.version(), why,
        actor, clock.instant(), environment.target(), InferenceServiceManifest.desired(version, environment));
  }

  /**
   * Commits the outcome of a rollout as {@code rollouts/<env>/<model>.yaml}, with every check's result in
   * words. When {@code rollBack} and the rollout's version is still the desired one, the same commit rolls
   * the desired state back to the version before it (an automatic rollback by {@code steward}). Answers the
   * commit.
   */
  String recordOutcome(Rollout r, List<RolloutStore.Check> checks, boolean rollBack) {
    DeploymentEnvironment environment = environments.get(r.environment);
    writer.lock();
    try {
      String path = RolloutOutcome.path(r.environment, r.model);
      Optional<String> already = lineage.read(path).map(bytes -> DeploymentDocuments.fromYaml(bytes, Map.class))
          .filter(doc -> r.desiredCommit.equals(doc.get("desiredCommit")))
          .flatMap(doc -> lineage.history(path, 1).stream().findFirst().map(c -> c.commitId()));
      if (already.isPresent()) {
        LOG.info("The outcome of the rollout of {} version {} in {} is already committed ({}).", r.model, r.version,
            r.environment, already.get());
        return already.get();
      }
      Deployment current = index.deployment(r.environment, r.model).orElse(null);
      List<FileChange> files = new ArrayList<>();
      Map<String, Object> outcome = RolloutOutcome.document(r, checks, environment.rollout(), clock.instant());
      files.add(FileChange.put(RolloutOutcome.path(r.environment, r.model), DeploymentDocuments.toYaml(outcome)));
      Deployment rolledBack = null;
      if (rollBack && current != null && current.version() == r.version
          && current.action() == Deployment.Action.PROMOTE) {
        try {
          rolledBack = rolledBack(environment, current, ROLLOUT_ACTOR, r.transitionMessage);
          files.addAll(files(rolledBack));
        } catch (RegistryConflict noEarlierVersion) {
          rolledBack = null;
        }
      }
      String verb = rollBack ? "Abort" : "Complete";
      String summary = verb + " rollout of " + r.model + " version " + r.version + " in " + r.environment
          + (rolledBack == null ? "" : "; roll back to version " + rolledBack.version());
      Map<String, String> trailers = trailers("Steward-Environment", r.environment, "Steward-Version",
          String.valueOf(rolledBack == null ? r.version : rolledBack.version()), "Steward-Reason",
          oneLine(r.transitionMessage), "Steward-Rollout", r.transitionReason);
      var recorded = lineage.record(new Change(ROLLOUT_ACTOR, rollBack ? (rolledBack == null ? "abort-rollout"
          : "rollback") : "complete-rollout", "deployment " + r.environment + "/" + r.model, summary, files,
          trailers));
      LOG.info("{} (commit {}).", summary, recorded.commitId());
      return recorded.commitId();
    } finally {
      writer.unlock();
    }
  }

  public Deployment deployment(String environment, String model) {
    environments.get(environment);
    return index.deployment(environment, model).orElseThrow(() -> new EntityNotFound(
        "model " + model + " has no desired state in " + environment));
  }

  public List<Deployment> deployments(@Nullable String environment) {
    if (environment != null) {
      environments.get(environment);
    }
    return index.deployments(environment);
  }

  /** Every desired state the model had in the environment, oldest first, with the commit that wrote it. */
  public List<HistoryEntry> changes(String environment, String model) {
    deployment(environment, model);
    return index.history(environment, model).stream()
        .map(h -> new HistoryEntry(h.version(), h.action(), h.writtenAt(), h.commitId())).toList();
  }

  /** One desired state of a model in an environment, as the history endpoint shows it. */
  public record HistoryEntry(int version, String action, java.time.Instant writtenAt, String commitId) {}

  public DeploymentEnvironments environments() {
    return environments;
  }

  void attach(Reconciler reconciler) {
    this.reconciler = reconciler;
  }

  // ---- rollout status and controls --------------------------------------------------------------------

  /**
   * The desired state and, for the {@code cluster} target, what the cluster shows and how the rollout
   * stands, side by side.
   */
  public DeploymentStatus status(String environment, String model) {
    Deployment desired = deployment(environment, model);
    DeploymentEnvironment env = environments.get(environment);
    String commit = index.current(environment, model).map(DeploymentIndex.Current::commitId).orElse(null);
    if (env.target() != Target.CLUSTER || reconciler == null) {
      return DeploymentStatus.of(desired, commit, env, null, null, List.of(), null);
    }
    Rollout rollout = reconciler.store().find(environment, model).filter(r -> r.desiredCommit.equals(commit))
        .orElse(null);
    ObservedService observed = reconciler.observe(env, desired.service()).orElse(null);
    if (rollout == null) {
      // not planned yet: the cluster may not even be readable (the error says why)
      String error = reconciler.observationError(environment, model).orElse(null);
      if (error != null) {
        rollout = new Rollout(environment, model, commit == null ? "" : commit, desired.version(), desired.service(),
            Rollout.Plan.DIRECT, RolloutState.PENDING, 0, null, "{}", desired.writtenAt(), desired.writtenAt(),
            "NotObserved", "The cluster could not be read, so the rollout is not planned yet.");
        rollout.lastError = error;
      }
    }
    return DeploymentStatus.of(desired, commit, env, observed, rollout,
        rollout == null || rollout.desiredCommit.isEmpty() ? List.of() : reconciler.store().checks(rollout),
        observed == null ? null : versions(environment, model, observed));
  }

  /** Ends a canary's analysis now and gives it all traffic. */
  public DeploymentStatus promote(String environment, String model, String actor, @Nullable String reason) {
    return command(environment, model, actor, reason, Rollout.Command.PROMOTE);
  }

  /** Ends a rollout now: all traffic back to the stable revision, and the desired state rolled back. */
  public DeploymentStatus abort(String environment, String model, String actor, @Nullable String reason) {
    return command(environment, model, actor, reason, Rollout.Command.ABORT);
  }

  /** Holds a canary at its step: no analysis, no next step, until resumed. */
  public DeploymentStatus pause(String environment, String model, String actor, @Nullable String reason) {
    return pause(environment, model, actor, reason, true);
  }

  public DeploymentStatus resume(String environment, String model, String actor, @Nullable String reason) {
    return pause(environment, model, actor, reason, false);
  }

  private DeploymentStatus command(String environment, String model, String actor, @Nullable String reason,
      Rollout.Command command) {
    Rollout r = activeRollout(environment, model, command.id());
    if (command == Rollout.Command.PROMOTE && r.plan != Rollout.Plan.CANARY) {
      throw new RegistryConflict("the rollout of " + model + " in " + environment + " is " + r.plan.description
          + ", not a canary; there is nothing to promote");
    }
    if (r.state == RolloutState.ABORTING || r.state == RolloutState.PROMOTING) {
      throw new RegistryConflict("the rollout of " + model + " in " + environment + " is already " + r.state.id());
    }
    r.command = command;
    r.commandBy = actor;
    r.commandReason = reason == null || reason.isBlank() ? null : oneLine(reason);
    reconciler.store().command(r, command, actor, r.commandReason);
    LOG.info("{} asked to {} the rollout of {} version {} in {}{}.", actor, command.id(), model, r.version,
        environment, r.commandReason == null ? "" : ": " + r.commandReason);
    reconciler.wake(environment, model);
    return status(environment, model);
  }

  private DeploymentStatus pause(String environment, String model, String actor, @Nullable String reason,
      boolean pause) {
    Rollout r = activeRollout(environment, model, pause ? "pause" : "resume");
    if (r.paused != pause) {
      r.paused = pause;
      // the interval starts again on resume: analysis after a pause looks at traffic from after the pause
      reconciler.store().pause(r, pause, pause ? null
          : clock.instant().plus(environments.get(environment).rollout().interval()));
      LOG.info("{} {} the rollout of {} version {} in {}.", actor, pause ? "paused" : "resumed", model, r.version,
          environment);
      reconciler.wake(environment, model);
    }
    return status(environment, model);
  }

  private Rollout activeRollout(String environment, String model, String verb) {
    Deployment desired = deployment(environment, model);
    DeploymentEnvironment env = environments.get(environment);
    if (env.target() != Target.CLUSTER || reconciler == null) {
      throw new RegistryConflict("environment " + environment + " has the " + env.target().id() + " target; only the"
          + " cluster target rolls out, so there is nothing to " + verb);
    }
    String commit = index.current(environment, model).map(DeploymentIndex.Current::commitId).orElse("");
    Rollout r = reconciler.store().find(environment, model).filter(x -> x.desiredCommit.equals(commit))
        .orElseThrow(() -> new RegistryConflict("the rollout of " + model + " version " + desired.version() + " in "
            + environment + " has not started yet; try again in a moment"));
    if (r.state.terminal()) {
      throw new RegistryConflict("the rollout of " + model + " version " + r.version + " in " + environment
          + " is over (" + r.state.id() + ": " + r.state.description() + "); there is nothing to " + verb);
    }
    return r;
  }

  /** The model version each observed revision serves, as far as Steward learnt it. */
  private Map<String, Integer> versions(String environment, String model, ObservedService observed) {
    Map<String, Integer> versions = new LinkedHashMap<>();
    java.util.stream.Stream.concat(observed.traffic().stream().map(ObservedService.TrafficTarget::revision),
            java.util.stream.Stream.of(observed.latestCreatedRevision(), observed.latestReadyRevision(),
                observed.latestRolledoutRevision(), observed.previousRolledoutRevision()))
        .filter(java.util.Objects::nonNull).distinct()
        .forEach(rev -> reconciler.store().revision(environment, model, rev)
            .ifPresent(known -> versions.put(rev, known.version())));
    return versions;
  }

  // ---- internals ----------------------------------------------------------------------------------

  /** The record and, for the gitops target, the bare manifest and the environment's kustomization. */
  private List<FileChange> files(Deployment desired) {
    List<FileChange> files = new ArrayList<>();
    files.add(FileChange.put(desired.path(), DeploymentDocuments.toYaml(desired)));
    if (desired.target() == Target.GITOPS) {
      files.add(FileChange.put(DeploymentDocuments.gitopsPath(desired.environment(), desired.service()),
          DeploymentDocuments.toYaml(desired.manifest())));
      List<String> services = new ArrayList<>(index.services(desired.environment()));
      services.add(desired.service());
      files.add(FileChange.put(DeploymentDocuments.kustomizationPath(desired.environment()),
          DeploymentDocuments.kustomization(desired.namespace(), services)));
    }
    return files;
  }

  private static Map<String, String> trailers(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }

  private static String oneLine(String text) {
    String line = text.replaceAll("\\s+", " ").strip();
    return line.length() > 200 ? line.substring(0, 197) + "..." : line;
  }
}
