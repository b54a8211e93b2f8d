package dev.steward.mlflow;

import dev.steward.registry.DatasetVersion;
import dev.steward.registry.EntityNotFound;
import dev.steward.registry.InvalidRequest;
import dev.steward.registry.Kind;
import dev.steward.registry.ListQuery;
import dev.steward.registry.MlflowRun;
import dev.steward.registry.ModelRegistry;
import dev.steward.registry.ModelVersion;
import dev.steward.registry.Names;
import dev.steward.registry.Page;
import dev.steward.registry.ProducedBy;
import dev.steward.registry.Ref;
import dev.steward.registry.Reference;
import dev.steward.registry.Registered;
import dev.steward.registry.Registrations;
import dev.steward.retrain.RunIdentity;
import dev.steward.retrain.RunTokens;
import dev.steward.retrain.VersionClaim;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.mlflow.api.proto.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an MLflow run, or an MLflow registered model version, into a Steward model version with its
 * datasets. All MLflow reads happen first; then the dataset versions Steward does not know yet and the
 * model version are registered as one commit ({@link ModelRegistry#registerTogether}), so a failed import
 * leaves nothing behind. Importing the same run and artifact again returns the version made the first
 * time (keyed by the tags {@code mlflow.run_id} and {@code mlflow.artifact}).
 *
 * <p>A version imported with a retrain run's token, or from an MLflow run tagged {@value #RETRAIN_RUN_TAG} with a
 * retrain run's id, records {@code producedBy.retrainRun}: the run must retrain the Steward model the version is
 * for and may produce one version, reserved through {@link RunTokens#claimVersion} (the reservation a
 * registration with the run's token takes) before anything is committed and given back if the import fails.
 *
 * <pre>{@code
 * MlflowImported imported = mlflowImport.importFrom("alice",
 *     new MlflowImportRequest(null, null, "churn", null, "champion", null, null));
 * imported.modelVersion().artifactUri();   // s3://ml/mlartifacts/1/<run>/artifacts/model
 * }</pre>
 */
public class MlflowImport {
  private static final Logger LOG = LoggerFactory.getLogger(MlflowImport.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String LOG_MODEL_HISTORY = "mlflow.log-model.history";
  private static final int MAX_TEXT = 4096;

  /**
   * The MLflow run tag naming the Steward retrain run that trained it. Steward hands a launched run its id as
   * {@code STEWARD_RUN_ID} ({@code ${run.id}} in webhook and Job templates); the training code sets
   * {@code mlflow.set_tag("steward.retrain_run", os.environ["STEWARD_RUN_ID"])}.
   */
  public static final String RETRAIN_RUN_TAG = "steward.retrain_run";

  private final ModelRegistry registry;
  private final TrackingServers servers;
  private final ArtifactLocations locations;
  private final @Nullable RunTokens runs;
  private final Map<String, ReentrantLock> modelLocks = new ConcurrentHashMap<>();

  MlflowImport(ModelRegistry registry, TrackingServers servers, ArtifactLocations locations, @Nullable RunTokens runs) {
    this.registry = registry;
    this.servers = servers;
    this.locations = locations;
    this.runs = runs;
  }

  public MlflowImported importFrom(String actor, MlflowImportRequest request) {
    return importFrom(actor, request, null);
  }

  /**
   * Imports for {@code caller}, the retrain run whose token made the request (null for any other caller): the
   * version records that run as its producer.
   */
  public MlflowImported importFrom(String actor, MlflowImportRequest request, @Nullable RunIdentity caller) {
    URI trackingUri = trackingUri(request.trackingUri());
    TrackingServer server = servers.of(trackingUri);
    List<String> warnings = new ArrayList<>();

    // 1. read everything from MLflow
    TrackingServer.RegisteredVersion registered = registeredVersion(server, request);
    String runId = registered != null ? registered.runId() : request.runId();
    if (runId == null || runId.isBlank()) {
      throw new ModelNotImportable("runId", "MLflow model version " + registered.name() + "/" + registered.version()
          + " was not logged from a run, so it has no metrics, parameters or datasets to import.");
    }
    Service.Run run = server.run(runId);
    LoggedModel logged = loggedModel(server, run, registered, request.artifactPath());
    String location = logged.location() != null ? logged.location()
        : registered != null && !registered.source().isBlank() ? registered.source()
        : stripSlash(run.getInfo().getArtifactUri()) + "/" + logged.artifactPath();
    String storageUri = locations.storageUri(location, trackingUri, id -> id.equals(runId)
        ? run.getInfo().getArtifactUri() : server.run(id).getInfo().getArtifactUri());
    try {
      Names.requireStorageUri("artifactUri", storageUri);
    } catch (InvalidRequest e) {
      throw new ModelNotImportable("artifactUri", "The model's artifacts at " + location + " map to " + storageUri
          + ", which is not a storage URI KServe can load: " + e.getMessage());
    }
    ModelFlavors.Choice flavor = ModelFlavors.choose(logged.flavors());
    if (flavor.warning() != null) {
      warnings.add(flavor.warning());
    }
    String model = stewardModel(request, registered);
    String producer = producer(run, model, caller);
    String runLink = stripSlash(trackingUri.toString()) + "/#/experiments/" + run.getInfo().getExperimentId() + "/runs/" + runId;
    MlflowImported.Source source = new MlflowImported.Source(trackingUri.toString(), runId, runLink, logged.artifactPath(),
        location, registered == null ? null : registered.name(), registered == null ? null : registered.version(),
        flavor.flavor());

    ReentrantLock lock = modelLocks.computeIfAbsent(model, m -> new ReentrantLock());
    lock.lock();
    try {
      // 2. the same run and artifact imported before: answer what that import made
      Optional<ModelVersion> existing = existing(model, runId, logged.artifactPath());
      if (existing.isPresent()) {
        LOG.info("MLflow run {} ({}) is already imported as {}.", runId, logged.artifactPath(), existing.get().id());
        return new MlflowImported(false, existing.get(), List.of(), existing.get().datasets(), source, warnings);
      }

      // 3. the retrain run that produced it, if any, reserves its one version before anything is committed
      ProducedBy producedBy = producer == null ? null : claim(producer, model, caller != null, runId);
      boolean committed = false;
      try {
        MlflowImported imported = register(actor, model, run, runId, trackingUri, registered, runLink, source, flavor,
            storageUri, warnings, producedBy);
        committed = true;
        return imported;
      } finally {
        if (producedBy != null && !committed && runs != null) {
          runs.releaseRegistration(producer);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private MlflowImported register(String actor, String model, Service.Run run, String runId, URI trackingUri,
      TrackingServer.@Nullable RegisteredVersion registered, String runLink, MlflowImported.Source source,
      ModelFlavors.Choice flavor, String storageUri, List<String> warnings, @Nullable ProducedBy producedBy) {
    // 4. datasets: reuse what is registered with the same content digest, register the rest with the version
    List<Registrations.Dataset> newDatasets = new ArrayList<>();
    List<Ref> known = new ArrayList<>();
    List<Reference> reused = new ArrayList<>();
    List<String> inputs = new ArrayList<>();
    Map<String, Registrations.Dataset> byContent = new LinkedHashMap<>();
    for (Service.DatasetInput input : run.getInputs().getDatasetInputsList()) {
      Service.Dataset d = input.getDataset();
      String context = input.getTagsList().stream().filter(t -> t.getKey().equals("mlflow.data.context"))
          .map(Service.InputTag::getValue).findFirst().orElse(null);
      MlflowDataset dataset = new MlflowDataset(d.getName(), d.getDigest(), d.getSourceType(), d.getSource(),
          d.getSchema(), d.getProfile(), context);
      inputs.add(dataset.stewardName() + "@" + dataset.digest() + (context == null ? "" : ":" + context));
      if (byContent.containsKey(dataset.contentDigest())) {
        continue;
      }
      Registrations.Dataset registration = dataset.registration(warnings);
      byContent.put(dataset.contentDigest(), registration);
      Optional<DatasetVersion> same = registeredDataset(registration);
      if (same.isPresent()) {
        known.add(new Ref(same.get().name(), same.get().version()));
        reused.add(new Reference(same.get().name(), same.get().version(), same.get().digest()));
      } else {
        newDatasets.add(registration);
      }
    }

    // 5. the model version
    Registrations.NewModelVersion version = new Registrations.NewModelVersion(storageUri, flavor.format(), null, null,
        metrics(run, warnings), params(run, warnings), known, null, null, null,
        new MlflowRun(runId, trackingUri.toString()), tags(run, source, flavor, inputs, warnings),
        StewardNames.text("Imported from MLflow run " + run.getInfo().getRunName() + " (" + runId + "), "
            + runLink + (registered == null ? "" : "; registered model version " + registered.name() + "/"
            + registered.version()), MAX_TEXT));
    ensureModel(actor, model, source);
    Map<String, String> trailers = new LinkedHashMap<>();
    trailers.put("Steward-Mlflow-Run", runId);
    trailers.put("Steward-Mlflow-Tracking-Uri", trackingUri.toString());
    if (producedBy != null) {
      trailers.put("Steward-Retrain-Run", producedBy.retrainRun());
    }
    Registered.Together together = registry.registerTogether(actor, "import-mlflow", newDatasets, model, version,
        trailers, producedBy);
    LOG.info("Imported MLflow run {} from {} as {} with {} new dataset versions for {}{}.", runId, trackingUri,
        together.modelVersion().id(), together.datasets().size(), actor,
        producedBy == null ? "" : ", produced by retrain run " + producedBy.retrainRun());
    return new MlflowImported(true, together.modelVersion(), together.datasets(), reused, source, warnings);
  }

  /**
   * The retrain run the import speaks for: the caller's (a run token), else the one the MLflow run's tag names;
   * when both are there they must agree. A run token imports versions of its run's model only, checked before an
   * earlier import of the same MLflow run is answered, so that the token reads nothing of another model.
   */
  private static @Nullable String producer(Service.Run run, String model, @Nullable RunIdentity caller) {
    String tagged = run.getData().getTagsList().stream().filter(t -> t.getKey().equals(RETRAIN_RUN_TAG))
        .map(t -> t.getValue().strip()).filter(v -> !v.isEmpty()).findFirst().orElse(null);
    if (caller == null) {
      return tagged;
    }
    if (!caller.model().equals(model)) {
      throw new RetrainRunRefused(RetrainRunRefused.Reason.OTHER_MODEL, caller.runId(), true, "This run token "
          + "imports versions of model " + caller.model() + " only (retrain run " + caller.runId() + "), not of "
          + model + ".");
    }
    if (tagged != null && !tagged.equals(caller.runId())) {
      throw new RetrainRunRefused(RetrainRunRefused.Reason.TWO_RUNS, tagged, true, "MLflow run "
          + run.getInfo().getRunId() + " is tagged " + RETRAIN_RUN_TAG + "=" + tagged + ", but the request is made with "
          + "the token of retrain run " + caller.runId() + ": a version has one producer. Import it with the token of "
          + "run " + tagged + " or as another caller, or correct the tag. Nothing was imported.");
    }
    return caller.runId();
  }

  /** Reserves the one version retrain run {@code producer} may produce, as a version of {@code model}. */
  private ProducedBy claim(String producer, String model, boolean byToken, String mlflowRun) {
    String named = byToken ? "The run token of retrain run " + producer
        : "MLflow run " + mlflowRun + " is tagged " + RETRAIN_RUN_TAG + "=" + producer + ", but";
    if (runs == null) {
      throw new RetrainRunRefused(RetrainRunRefused.Reason.UNKNOWN_RUN, producer, byToken, named
          + " this Steward runs no retrain scheduler to check it against. Remove the tag. Nothing was imported.");
    }
    return switch (runs.claimVersion(producer, model)) {
      case VersionClaim.Claimed claimed -> new ProducedBy(claimed.runId());
      case VersionClaim.UnknownRun unknown -> throw new RetrainRunRefused(RetrainRunRefused.Reason.UNKNOWN_RUN,
          producer, byToken, named + " Steward has no retrain run " + producer + ". Tag the run with the id Steward "
          + "hands to the training code (STEWARD_RUN_ID), or remove the tag. Nothing was imported.");
      case VersionClaim.OtherModel other -> throw new RetrainRunRefused(RetrainRunRefused.Reason.OTHER_MODEL,
          producer, byToken, byToken
              ? "This run token imports versions of model " + other.runModel() + " only (retrain run " + producer
                  + "), not of " + model + "."
              : named + " retrain run " + producer + " retrains model " + other.runModel() + ", not " + model
                  + ". Import it as a version of " + other.runModel() + " (model), or correct the tag. Nothing was "
                  + "imported.");
      case VersionClaim.Taken taken -> throw new RetrainRunRefused(RetrainRunRefused.Reason.ALREADY_PRODUCED,
          producer, byToken, (byToken ? "Retrain run " + producer : named + " retrain run " + producer)
              + (taken.version() == null ? " is registering its model version now"
                  : " has produced its model version already (" + model + "/" + taken.version() + ")")
              + "; a run produces one version. Nothing was imported.");
    };
  }

  private URI trackingUri(@Nullable String requested) {
    if (requested == null || requested.isBlank()) {
      return servers.defaultUri().orElseThrow(() -> new InvalidRequest("trackingUri",
          "is required: no default is configured (steward.mlflow.tracking-uri or MLFLOW_TRACKING_URI)"));
    }
    try {
      URI uri = new URI(requested);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
        throw new InvalidRequest("trackingUri", "'" + requested + "' must be an http or https URL of an MLflow tracking server");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new InvalidRequest("trackingUri", "'" + requested + "' is not a valid URI: " + e.getReason());
    }
  }

  private static TrackingServer.@Nullable RegisteredVersion registeredVersion(TrackingServer server, MlflowImportRequest r) {
    boolean byRun = r.runId() != null && !r.runId().isBlank();
    boolean byModel = r.registeredModel() != null && !r.registeredModel().isBlank();
    if (byRun == byModel) {
      throw new InvalidRequest(byRun ? "registeredModel" : "runId",
          "give either runId, or registeredModel with version or alias");
    }
    if (byRun) {
      return null;
    }
    boolean byVersion = r.version() != null && !r.version().isBlank();
    boolean byAlias = r.alias() != null && !r.alias().isBlank();
    if (byVersion == byAlias) {
      throw new InvalidRequest(byVersion ? "alias" : "version", "give either version or alias of registered model "
          + r.registeredModel());
    }
    return byVersion ? server.modelVersion(r.registeredModel(), r.version())
        : server.modelVersionByAlias(r.registeredModel(), r.alias());
  }

  /**
   * A model the run logged: its artifact path within the run (MLflow 3: the logged model's name), its
   * flavors, and, for an MLflow 3 logged model, where its artifacts are (MLflow 2 keeps them in the run).
   */
  private record LoggedModel(String artifactPath, JsonNode flavors, @Nullable String location) {}

  private static final String LOGGED_MODEL = "models:/m-";

  private static LoggedModel loggedModel(TrackingServer server, Service.Run run,
      TrackingServer.@Nullable RegisteredVersion registered, @Nullable String artifactPath) {
    String runId = run.getInfo().getRunId();
    List<LoggedModel> models = new ArrayList<>();
    run.getData().getTagsList().stream().filter(t -> t.getKey().equals(LOG_MODEL_HISTORY)).findFirst().ifPresent(t -> {
      try {
        for (JsonNode m : JSON.readTree(t.getValue())) {
          models.add(new LoggedModel(m.path("artifact_path").asString(""), m.path("flavors"), null));
        }
      } catch (JacksonException e) {
        LOG.warn("Run {} has an unreadable {} tag: {}", runId, LOG_MODEL_HISTORY, e.getOriginalMessage());
      }
    });
    if (registered != null) {
      String source = stripSlash(registered.source());
      if (source.startsWith(LOGGED_MODEL)) {
        // MLflow 3: the version points at a LoggedModel entity, whose artifacts live outside the run
        return mlflow3Model(server, source.substring("models:/".length()));
      }
      return models.stream().filter(m -> !m.artifactPath().isEmpty() && source.endsWith("/" + m.artifactPath()))
          .findFirst()
          .orElseGet(() -> new LoggedModel(source.substring(source.lastIndexOf('/') + 1), JSON.createObjectNode(), null));
    }
    if (models.isEmpty()) {
      // MLflow 3 records the models a run logged as its outputs, not in a run tag
      server.loggedModelIds(runId).forEach(id -> models.add(mlflow3Model(server, id)));
    }
    if (models.isEmpty()) {
      throw new ModelNotImportable("runId", "MLflow run " + runId + " has no logged model: log one with "
          + "mlflow.<flavor>.log_model(...) in the run, or import a registered model version instead.");
    }
    if (artifactPath != null && !artifactPath.isBlank()) {
      return models.stream().filter(m -> m.artifactPath().equals(stripSlash(artifactPath))).reduce((a, b) -> b)
          .orElseThrow(() -> new ModelNotImportable("artifactPath", "MLflow run " + runId + " logged no model at '"
              + artifactPath + "'; it logged " + models.stream().map(LoggedModel::artifactPath).distinct().toList()));
    }
    List<String> paths = models.stream().map(LoggedModel::artifactPath).distinct().toList();
    if (paths.size() > 1) {
      throw new ModelNotImportable("artifactPath", "MLflow run " + runId + " logged " + paths.size() + " models "
          + paths + "; say which one with artifactPath.");
    }
    return models.getLast();
  }

  /** An MLflow 3 logged model resolved through the logged-models API to its real artifact location. */
  private static LoggedModel mlflow3Model(TrackingServer server, String modelId) {
    TrackingServer.LoggedModel model = server.loggedModel(modelId);
    if (model.artifactUri().isBlank()) {
      throw new ModelNotImportable("artifactUri", "MLflow logged model " + modelId + " has no artifact location.");
    }
    String name = model.name().isBlank() ? modelId : model.name();
    return new LoggedModel(name, server.loggedModelFlavors(modelId), model.artifactUri());
  }

  private static String stewardModel(MlflowImportRequest r, TrackingServer.@Nullable RegisteredVersion registered) {
    if (r.model() != null && !r.model().isBlank()) {
      return Names.requireName("model", r.model());
    }
    if (registered == null) {
      throw new InvalidRequest("model", "is required when importing a run: the Steward model to register the version under");
    }
    return StewardNames.name(registered.name(), "mlflow-model");
  }

  private Optional<ModelVersion> existing(String model, String runId, String artifactPath) {
    try {
      Page<ModelVersion> page = registry.versions(Kind.MODEL_VERSION, model,
          new ListQuery(null, "mlflow.run_id=" + runId, 0, ListQuery.MAX_SIZE), ModelVersion.class);
      return page.items().stream().filter(v -> artifactPath.equals(v.tags().get("mlflow.artifact"))).findFirst();
    } catch (EntityNotFound e) {
      return Optional.empty();
    }
  }

  private Optional<DatasetVersion> registeredDataset(Registrations.Dataset d) {
    try {
      Page<DatasetVersion> page = registry.versions(Kind.DATASET, d.name(),
          new ListQuery(null, "mlflow.digest=" + d.tags().get("mlflow.digest"), 0, ListQuery.MAX_SIZE), DatasetVersion.class);
      return page.items().stream().filter(v -> v.contentDigest().equals(d.contentDigest())).findFirst();
    } catch (EntityNotFound e) {
      return Optional.empty();
    }
  }

  private void ensureModel(String actor, String model, MlflowImported.Source source) {
    try {
      registry.model(model);
    } catch (EntityNotFound e) {
      Map<String, String> tags = new TreeMap<>();
      if (source.registeredModel() != null) {
        tags.put("mlflow.registered_model", StewardNames.text(source.registeredModel(), MAX_TEXT));
      }
      registry.registerModel(actor, new Registrations.NewModel(model, tags,
          "Created by the import of MLflow run " + source.runId() + " from " + source.trackingUri()));
    }
  }

  private static Map<String, Double> metrics(Service.Run run, List<String> warnings) {
    Map<String, Double> metrics = new TreeMap<>();
    for (Service.Metric m : run.getData().getMetricsList()) {
      if (Double.isNaN(m.getValue()) || Double.isInfinite(m.getValue())) {
        warnings.add("Metric " + m.getKey() + " is " + m.getValue() + " in MLflow; Steward keeps only finite metrics, so it is left out.");
        continue;
      }
      metrics.put(key(m.getKey(), "Metric", warnings), m.getValue());
    }
    return metrics;
  }

  private static Map<String, String> params(Service.Run run, List<String> warnings) {
    Map<String, String> params = new TreeMap<>();
    for (Service.Param p : run.getData().getParamsList()) {
      params.put(key(p.getKey(), "Parameter", warnings), StewardNames.text(p.getValue(), MAX_TEXT));
    }
    return params;
  }

  private static Map<String, String> tags(Service.Run run, MlflowImported.Source source, ModelFlavors.Choice flavor,
      List<String> inputs, List<String> warnings) {
    Map<String, String> tags = new TreeMap<>();
    for (Service.RunTag t : run.getData().getTagsList()) {
      if (!t.getKey().equals(LOG_MODEL_HISTORY)) {
        tags.put(key(t.getKey(), "Tag", warnings), StewardNames.text(t.getValue(), MAX_TEXT));
      }
    }
    tags.put("mlflow.run_id", source.runId());
    tags.put("mlflow.artifact", source.artifactPath());
    tags.put("mlflow.artifact_location", StewardNames.text(source.artifactLocation(), MAX_TEXT));
    tags.put("mlflow.experiment_id", run.getInfo().getExperimentId());
    if (flavor.flavor() != null) {
      tags.put("mlflow.flavor", flavor.flavor());
    }
    if (flavor.libraryVersion() != null) {
      tags.put("mlflow.flavor_version", flavor.libraryVersion());
    }
    if (source.registeredModel() != null) {
      tags.put("mlflow.registered_model", StewardNames.text(source.registeredModel(), MAX_TEXT));
      tags.put("mlflow.registered_version", source.registeredVersion());
    }
    if (!inputs.isEmpty()) {
      tags.put("mlflow.inputs", StewardNames.text(String.join(",", inputs), MAX_TEXT));
    }
    return tags;
  }

  private static String key(String mlflowKey, String what, List<String> warnings) {
    String key = StewardNames.key(mlflowKey);
    if (!key.equals(mlflowKey)) {
      warnings.add(what + " key '" + mlflowKey + "' is stored as '" + key + "' (Steward keys are [A-Za-z0-9][A-Za-z0-9._/-]*).");
    }
    return key;
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
