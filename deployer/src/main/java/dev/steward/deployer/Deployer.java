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
import org.springframework.context.ApplicationEventPublisher;

/**
 * The desired deployments of every model in every environment. An approved promotion's desired state is
 * written in the approval's own commit ({@link #approve}, called by the approval gates through
 * {@link DesiredStates}); a rollback writes the version rolled out before the current one, without
 * approval. Each commit holds the record {@code deployments/<env>/<model>.yaml} with the rendered
 * InferenceService and, for the {@code gitops} target, the bare manifest and the environment's
 * kustomization under {@code gitops/<env>/}. Each change of a desired state is followed by a
 * {@link DesiredStateChanged} event, in commit order.
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
  private final ApplicationEventPublisher events;
  private final ReentrantLock writer = new ReentrantLock();

  Deployer(Lineage lineage, ModelRegistry registry, DeploymentIndex index, DeploymentEnvironments environments,
      Clock clock, ApplicationEventPublisher events) {
    this.lineage = lineage;
    this.registry = registry;
    this.index = index;
    this.environments = environments;
    this.clock = clock;
    this.events = events;
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
      events.publishEvent(new DesiredStateChanged(environment.name(), approved.model(), approved.version(), previous,
          Deployment.Action.PROMOTE, approved.actor(), approved.reason()));
    } finally {
      writer.unlock();
    }
  }

  // ---- rollback and reads -----------------------------------------------------------------------------

  /**
   * Writes the version deployed before the current one as the desired state again, without approval
   * (rolling back is always allowed). Repeating the rollback changes nothing and answers the current state.
   */
  public Rollback rollback(String environmentName, String model, String actor, @Nullable String reason) {
    DeploymentEnvironment environment = environments.get(environmentName);
    Names.requireName("model", model);
    String why = Names.requireText("reason", reason);
    writer.lock();
    try {
      Deployment current = index.deployment(environment.name(), model).orElseThrow(() -> new EntityNotFound(
          "model " + model + " has no desired state in " + environment.name()));
      if (current.action() == Deployment.Action.ROLLBACK) {
        LOG.info("Rollback of {} in {} asked again by {}; it is already rolled back to version {}.", model,
            environment.name(), actor, current.version());
        return new Rollback.AlreadyThere(current);
      }
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
      Deployment rolledBack = new Deployment(environment.name(), environment.namespace(), model, target.version(),
          String.valueOf(version.digest()), Deployment.Action.ROLLBACK, null, List.of(), current.version(), why,
          actor, clock.instant(), environment.target(), InferenceServiceManifest.desired(version, environment));
      lineage.record(new Change(actor, "rollback", "deployment " + environment.name() + "/" + model,
          "Roll back " + model + " in " + environment.name() + " from version " + current.version() + " to "
              + target.version(), files(rolledBack),
          trailers("Steward-Environment", environment.name(), "Steward-Version", String.valueOf(target.version()),
              "Steward-Reason", oneLine(why))));
      LOG.info("{} rolled {} in {} back from version {} to {}: {}.", actor, model, environment.name(),
          current.version(), target.version(), why);
      events.publishEvent(new DesiredStateChanged(environment.name(), model, target.version(), current.version(),
          Deployment.Action.ROLLBACK, actor, why));
      return new Rollback.RolledBack(rolledBack);
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
