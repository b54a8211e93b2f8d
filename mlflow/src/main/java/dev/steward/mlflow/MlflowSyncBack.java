package dev.steward.mlflow;

import dev.steward.deployer.DesiredStateChanged;
import dev.steward.registry.AliasMoved;
import dev.steward.registry.AliasRemoved;
import dev.steward.registry.Kind;
import dev.steward.registry.ModelRegistry;
import dev.steward.registry.ModelVersion;
import dev.steward.registry.ModelVersionRegistered;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;

/**
 * Mirrors Steward's decisions to MLflow, so MLflow users see what is champion: when an alias moves on a
 * model version imported from a registered MLflow model version, the same alias is set there (and
 * removed when Steward removes it); a version imported from a bare run gets the run tag
 * {@code steward.alias.<alias>} instead. Every imported version's run is tagged {@code steward.model_version}.
 * When a deployment's desired state changes, the newly desired version gets the tag
 * {@code steward.deployed.<environment>=true} and the version desired before gets {@code false} (on the
 * registered MLflow model version, or on the run for a version imported from a bare run).
 *
 * <p>The work runs after the commit on a thread of its own, so a slow or unreachable MLflow never fails or
 * slows a Steward alias move; failures are logged and not retried. Alias moves and registrations run in
 * event order on one thread and are lost in a crash before they ran; desired-state changes are durable
 * reactions ({@code @ApplicationModuleListener}, replayed at start-up).
 */
class MlflowSyncBack implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MlflowSyncBack.class);

  private final ModelRegistry registry;
  private final TrackingServers servers;
  private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "steward-mlflow-sync");
    t.setDaemon(true);
    return t;
  });

  private final boolean enabled;

  MlflowSyncBack(ModelRegistry registry, TrackingServers servers, boolean enabled) {
    this.registry = registry;
    this.servers = servers;
    this.enabled = enabled;
    if (enabled) {
      LOG.info("Mirroring alias moves and desired deployments to MLflow.");
    }
  }

  @EventListener
  void on(AliasMoved moved) {
    if (!enabled) {
      return;
    }
    executor.execute(() -> sync("alias " + moved.model() + "@" + moved.alias(), moved.model(), moved.version(),
        (server, v) -> {
          String registered = v.tags().get("mlflow.registered_model");
          String registeredVersion = v.tags().get("mlflow.registered_version");
          if (registered != null && registeredVersion != null) {
            server.setAlias(registered, moved.alias(), registeredVersion);
            LOG.info("Set MLflow alias {}@{} to version {} on {} after Steward moved {}@{} to {}.", registered,
                moved.alias(), registeredVersion, server.uri(), moved.model(), moved.alias(), moved.version());
          } else {
            server.setRunTag(v.mlflowRun().runId(), "steward.alias." + moved.alias(), moved.model() + "/" + moved.version());
            LOG.info("Tagged MLflow run {} on {} with steward.alias.{}.", v.mlflowRun().runId(), server.uri(), moved.alias());
          }
        }));
  }

  @EventListener
  void on(AliasRemoved removed) {
    if (!enabled) {
      return;
    }
    executor.execute(() -> sync("alias " + removed.model() + "@" + removed.alias(), removed.model(), removed.version(),
        (server, v) -> {
          String registered = v.tags().get("mlflow.registered_model");
          if (registered != null && v.tags().get("mlflow.registered_version") != null) {
            server.deleteAlias(registered, removed.alias());
          } else {
            server.deleteRunTag(v.mlflowRun().runId(), "steward.alias." + removed.alias());
          }
          LOG.info("Removed alias {} of {} on MLflow {}.", removed.alias(), removed.model(), server.uri());
        }));
  }

  @EventListener
  void on(ModelVersionRegistered registered) {
    if (!enabled) {
      return;
    }
    executor.execute(() -> sync("version " + registered.id().model() + "/" + registered.id().version(),
        registered.id().model(), registered.id().version(),
        (server, v) -> server.setRunTag(v.mlflowRun().runId(), "steward.model_version",
            registered.id().model() + "/" + registered.id().version())));
  }

  /**
   * A durable reaction: the event is stored with the commit's index rows (Spring Modulith's event publication
   * registry) and this runs after that transaction, on Modulith's executor; a crash before it completed
   * replays it at start-up. Tagging twice sets the same tags.
   */
  @ApplicationModuleListener
  void on(DesiredStateChanged changed) {
    if (!enabled) {
      return;
    }
    String key = "steward.deployed." + changed.environment();
    sync("desired state of " + changed.model() + " in " + changed.environment(), changed.model(), changed.version(),
        (server, v) -> tag(server, v, key, "true"));
    Integer previous = changed.previousVersion();
    if (previous != null && previous != changed.version()) {
      sync("desired state of " + changed.model() + " in " + changed.environment(), changed.model(), previous,
          (server, v) -> tag(server, v, key, "false"));
    }
  }

  /** Tags the registered MLflow model version the Steward version came from, else its run. */
  private static void tag(TrackingServer server, ModelVersion v, String key, String value) {
    String registered = v.tags().get("mlflow.registered_model");
    String registeredVersion = v.tags().get("mlflow.registered_version");
    if (registered != null && registeredVersion != null) {
      server.setModelVersionTag(registered, registeredVersion, key, value);
      LOG.info("Tagged MLflow model version {}/{} on {} with {}={} for {}/{}.", registered, registeredVersion,
          server.uri(), key, value, v.name(), v.version());
    } else {
      server.setRunTag(v.mlflowRun().runId(), key, value);
      LOG.info("Tagged MLflow run {} on {} with {}={} for {}/{}.", v.mlflowRun().runId(), server.uri(), key, value,
          v.name(), v.version());
    }
  }

  private interface Step {
    void apply(TrackingServer server, ModelVersion version);
  }

  private void sync(String what, String model, int version, Step step) {
    try {
      ModelVersion v = registry.get(Kind.MODEL_VERSION, model, version, ModelVersion.class);
      if (v.mlflowRun() == null || v.mlflowRun().trackingUri() == null) {
        return;
      }
      step.apply(servers.of(URI.create(v.mlflowRun().trackingUri())), v);
    } catch (RuntimeException e) {
      LOG.warn("Could not mirror {} to MLflow: {}", what, e.getMessage());
    }
  }

  @Override
  public void close() throws InterruptedException {
    executor.shutdown();
    executor.awaitTermination(5, TimeUnit.SECONDS);
  }
}
