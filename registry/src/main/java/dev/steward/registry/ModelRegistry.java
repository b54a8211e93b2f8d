package dev.steward.registry;

import static dev.steward.registry.Names.optionalText;
import static dev.steward.registry.Names.orEmpty;
import static dev.steward.registry.Names.requireKey;
import static dev.steward.registry.Names.requireKeys;
import static dev.steward.registry.Names.requireName;
import static dev.steward.registry.Names.requireRef;
import static dev.steward.registry.Names.requireText;

import dev.steward.lineage.Change;
import dev.steward.lineage.FileChange;
import dev.steward.lineage.LeadershipListener;
import dev.steward.lineage.Lineage;
import dev.steward.lineage.PathAlreadyExists;
import dev.steward.lineage.RecordedChange;
import dev.steward.lineage.Term;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Registers and reads datasets, feature sets, threshold sets, explanation templates, models, model
 * versions and aliases. Every change is one commit in the registry repository, durable before the method
 * returns; the SQL index is updated before it returns too, so a read right after a write sees it.
 *
 * <pre>{@code
 * DatasetVersion events = registry.registerDataset("alice", new Registrations.Dataset(
 *     "churn-events", "s3://lake/churn/2026-11", "sha256:...", columns, 120_000L, null, null, null, null));
 * ModelVersion v = registry.registerModelVersion("alice", "churn", newVersion);   // v.version() == 1, 2, ...
 * registry.moveAlias("alice", "churn", "champion", v.version());
 * }</pre>
 */
public class ModelRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);
  private static final Pattern FEATURE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern FORMAT_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final int MAX_ATTEMPTS = 8;

  private final Lineage lineage;
  private final IndexReads index;
  private final Clock clock;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  private final ApplicationEventPublisher events;
  private final ParsedDocuments parsed;

  public ModelRegistry(Lineage lineage, JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
    this(lineage, jdbc, clock, events, new ParsedDocuments());
  }

  /** With {@code parsed} shared with the index's {@link RegistryProjection}, commits are indexed without parsing. */
  ModelRegistry(Lineage lineage, JdbcClient jdbc, Clock clock, ApplicationEventPublisher events,
      ParsedDocuments parsed) {
    this.lineage = lineage;
    this.index = new IndexReads(jdbc);
    this.clock = clock;
    this.events = events;
    this.parsed = parsed;
    // a replica taking over a shared repository may hold numbers from an earlier term: read them again
    lineage.addLeadershipListener(new LeadershipListener() {
      @Override
      public void takingOver(Term term) {
        counters.clear();
      }
    });
  }

  // ---- registration -------------------------------------------------------------------------------

  public DatasetVersion registerDataset(String actor, Registrations.Dataset r) {
    IntFunction<DatasetVersion> build = prepareDataset("", actor, r, clock.instant());
    DatasetVersion registered = commitNewVersion(Kind.DATASET, r.name(), actor, "register", build);
    events.publishEvent(new DatasetVersionRegistered(registered.name(), registered.version(), registered.digest(),
        registered.tags(), actor));
    return registered;
  }

  /**
   * Validates a dataset registration and returns how to build it once its version is known. Every broken
   * rule is reported at once (400); references are resolved only once the request is well formed (422).
   */
  private IntFunction<DatasetVersion> prepareDataset(String field, String actor, Registrations.Dataset r, Instant now) {
    FieldErrors errors = new FieldErrors();
    String name = errors.check(() -> requireName(field + "name", r.name()));
    String uri = errors.check(() -> Names.requireUri(field + "uri", r.uri()));
    String contentDigest = errors.check(() -> Names.requireDigest(field + "contentDigest", r.contentDigest()));
    List<Column> schema = errors.check(() -> columns(field + "schema", r.schema()));
    if (r.rowCount() != null && r.rowCount() < 0) {
      errors.add(field + "rowCount", "must be >= 0");
    }
    if (r.timeRange() != null) {
      if (r.timeRange().start() == null || r.timeRange().end() == null) {
        errors.add(field + "timeRange", "needs both start and end");
      } else if (r.timeRange().start().isAfter(r.timeRange().end())) {
        errors.add(field + "timeRange", "start is after end");
      }
    }
    errors.run(() -> checkRefs(field + "parents", r.parents()));
    SortedMap<String, String> tags = errors.check(() -> sorted(requireKeys(field + "tags", r.tags())));
    String description = errors.check(() -> optionalText(field + "description", r.description()));
    errors.throwIfAny();
    List<Reference> parents = resolveAll(field + "parents", Kind.DATASET, r.parents());
    return v -> new DatasetVersion(name, v, uri, contentDigest, schema, r.rowCount(), r.timeRange(), parents, tags,
        description, actor, now, null);
  }

  public FeatureSetVersion registerFeatureSet(String actor, Registrations.FeatureSet r) {
    FieldErrors errors = new FieldErrors();
    String name = errors.check(() -> requireName("name", r.name()));
    List<Feature> features = errors.check(() -> features(r.features()));
    errors.run(() -> checkRefs("sourceDatasets", r.sourceDatasets()));
    SortedMap<String, String> tags = errors.check(() -> sorted(requireKeys("tags", r.tags())));
    String description = errors.check(() -> optionalText("description", r.description()));
    errors.throwIfAny();
    List<Reference> sources = resolveAll("sourceDatasets", Kind.DATASET, r.sourceDatasets());
    Instant now = clock.instant();
    return commitNewVersion(Kind.FEATURE_SET, name, actor, "register", v -> new FeatureSetVersion(name, v, features,
        sources, tags, description, actor, now, null));
  }

  public ThresholdSetVersion registerThresholdSet(String actor, Registrations.ThresholdSet r) {
    FieldErrors errors = new FieldErrors();
    String name = errors.check(() -> requireName("name", r.name()));
    errors.run(() -> Thresholds.validate(r.values()));
    SortedMap<String, String> tags = errors.check(() -> sorted(requireKeys("tags", r.tags())));
    String description = errors.check(() -> optionalText("description", r.description()));
    errors.throwIfAny();
    SortedMap<String, Double> values = sorted(r.values());
    Instant now = clock.instant();
    return commitNewVersion(Kind.THRESHOLD_SET, name, actor, "register", v -> new ThresholdSetVersion(name, v, values,
        tags, description, actor, now, null));
  }

  public ExplanationTemplateVersion registerExplanationTemplate(String actor, Registrations.ExplanationTemplate r) {
    FieldErrors errors = new FieldErrors();
    String name = errors.check(() -> requireName("name", r.name()));
    errors.check(() -> requireRef("featureSet", r.featureSet()));
    if (r.reasons() == null || r.reasons().isEmpty()) {
      errors.add("reasons", "must give a reason text for at least one feature");
    } else {
      r.reasons().forEach((feature, text) -> errors.check(() -> requireText("reasons." + feature, text)));
    }
    if (r.topK() != null && r.topK() < 1) {
      errors.add("topK", "must be at least 1");
    }
    String locale = r.locale() == null ? "en" : r.locale();
    Locale parsed = Locale.forLanguageTag(locale);
    if (parsed.getLanguage().isEmpty() || !parsed.toLanguageTag().equalsIgnoreCase(locale)) {
      errors.add("locale", "'" + Names.abbreviate(locale) + "' is not a BCP 47 language tag such as en or de-CH");
    }
    SortedMap<String, String> tags = errors.check(() -> sorted(requireKeys("tags", r.tags())));
    String description = errors.check(() -> optionalText("description", r.description()));
    errors.throwIfAny();

    Reference featureSetRef = resolve("featureSet", Kind.FEATURE_SET, r.featureSet());
    FeatureSetVersion featureSet = index.find(Kind.FEATURE_SET, featureSetRef.name(), featureSetRef.version(),
        FeatureSetVersion.class).orElseThrow();
    Set<String> known = new HashSet<>();
    featureSet.features().forEach(f -> known.add(f.name()));
    List<InvalidRequest.FieldError> inconsistent = new ArrayList<>();
    r.reasons().keySet().stream().filter(feature -> !known.contains(feature)).forEach(feature -> inconsistent.add(
        new InvalidRequest.FieldError("reasons." + feature, "is not a feature of feature set " + featureSetRef.name()
            + " version " + featureSetRef.version())));
    int topK = r.topK() == null ? Math.min(3, featureSet.features().size()) : r.topK();
    if (topK > featureSet.features().size()) {
      inconsistent.add(new InvalidRequest.FieldError("topK", "must be between 1 and the number of features ("
          + featureSet.features().size() + ")"));
    }
    if (!inconsistent.isEmpty()) {
      throw new InvalidRequest(inconsistent, true);
    }
    SortedMap<String, String> reasons = sorted(r.reasons());
    Instant now = clock.instant();
    return commitNewVersion(Kind.EXPLANATION_TEMPLATE, name, actor, "register", v -> new ExplanationTemplateVersion(
        name, v, featureSetRef, reasons, topK, parsed.toLanguageTag(), tags, description, actor, now, null));
  }

  public Model registerModel(String actor, Registrations.NewModel r) {
    FieldErrors errors = new FieldErrors();
    String name = errors.check(() -> requireName("name", r.name()));
    SortedMap<String, String> tags = errors.check(() -> sorted(requireKeys("tags", r.tags())));
    String description = errors.check(() -> optionalText("description", r.description()));
    errors.throwIfAny();
    Model model = new Model(name, tags, description, actor, clock.instant(), null);
    byte[] yaml = EntityDocuments.toYaml(model);
    try {
      join(lineage.recordAsync(change(actor, "register", Kind.MODEL, name, 0,
          FileChange.create(Kind.MODEL.path(name, 0), yaml))));
    } catch (PathAlreadyExists e) {
      throw new RegistryConflict("model " + name + " is already registered");
    }
    LOG.info("Registered model {} for {}.", name, actor);
    return model.withDigest(EntityDocuments.digest(yaml));
  }

  public ModelVersion registerModelVersion(String actor, String model, Registrations.NewModelVersion r) {
    return registerModelVersion(actor, model, r, null);
  }

  /**
   * Registers a model version that {@code producedBy} names as its origin (a retrain run); the link is part
   * of the version's file and digest. Callers establish that the actor speaks for that run.
   */
  public ModelVersion registerModelVersion(String actor, String model, Registrations.NewModelVersion r,
      @Nullable ProducedBy producedBy) {
    String name = requireName("model", model);
    BiFunction<Integer, List<Reference>, ModelVersion> build = prepareModelVersion(actor, name, r, clock.instant(),
        producedBy);
    ModelVersion registered = commitNewVersion(Kind.MODEL_VERSION, name, actor, "register", v -> build.apply(v, List.of()));
    events.publishEvent(new ModelVersionRegistered(registered.id(), registered.digest(), actor,
        producedBy == null ? null : producedBy.retrainRun()));
    return registered;
  }

  /**
   * Registers new dataset versions and a model version trained on them as ONE commit, so either all of
   * them exist afterwards or none does (an import from a tracking server, for example). The model
   * version references the datasets it names in {@code version.datasets()} plus every new one.
   *
   * @param action the {@code Steward-Action} of the commit, for example {@code import-mlflow}
   * @param trailers extra commit trailers, for example the MLflow run id
   */
  public Registered.Together registerTogether(String actor, String action, List<Registrations.Dataset> datasets,
      String model, Registrations.NewModelVersion version, Map<String, String> trailers) {
    return registerTogether(actor, action, datasets, model, version, trailers, null);
  }

  /**
   * {@link #registerTogether(String, String, List, String, Registrations.NewModelVersion, Map)} for a model
   * version that {@code producedBy} names as its origin (a retrain run); callers establish that the run may
   * produce it, as for {@link #registerModelVersion(String, String, Registrations.NewModelVersion, ProducedBy)}.
   */
  public Registered.Together registerTogether(String actor, String action, List<Registrations.Dataset> datasets,
      String model, Registrations.NewModelVersion version, Map<String, String> trailers,
      @Nullable ProducedBy producedBy) {
    String name = requireName("model", model);
    Instant now = clock.instant();
    FieldErrors errors = new FieldErrors();
    List<IntFunction<DatasetVersion>> newDatasets = new ArrayList<>();
    for (int i = 0; i < datasets.size(); i++) {
      int index = i;
      newDatasets.add(errors.check(() -> prepareDataset("datasets[" + index + "].", actor, datasets.get(index), now)));
    }
    BiFunction<Integer, List<Reference>, ModelVersion> build = errors.check(
        () -> prepareModelVersion(actor, name, version, now, producedBy));
    errors.throwIfAny();
    List<String> keys = new ArrayList<>();
    datasets.forEach(d -> keys.add(Kind.DATASET.id() + "/" + d.name()));
    keys.add(Kind.MODEL_VERSION.id() + "/" + name);
    List<String> lockOrder = keys.stream().distinct().sorted().toList();
    for (int attempt = 1; ; attempt++) {
      List<Counter> locked = new ArrayList<>();
      Map<String, Integer> next = new java.util.HashMap<>();
      List<DatasetVersion> registered = new ArrayList<>();
      ModelVersion modelVersion;
      List<byte[]> files = new ArrayList<>();
      List<FileChange> changes = new ArrayList<>();
      CompletableFuture<RecordedChange> pending;
      try {
        for (String key : lockOrder) {
          Counter c = counter(key);
          c.lock.lock();
          locked.add(c);
          next.put(key, c.last);
        }
        List<Reference> refs = new ArrayList<>();
        for (int i = 0; i < datasets.size(); i++) {
          String key = keys.get(i);
          int v = next.merge(key, 1, Integer::sum);
          DatasetVersion d = newDatasets.get(i).apply(v);
          byte[] yaml = EntityDocuments.toYaml(d);
          String digest = EntityDocuments.digest(yaml);
          files.add(yaml);
          changes.add(FileChange.create(Kind.DATASET.path(d.name(), v), yaml));
          DatasetVersion withDigest = d.withDigest(digest);
          registered.add(withDigest);
          parsed.remember(Kind.DATASET.path(d.name(), v), yaml, withDigest);
          refs.add(new Reference(d.name(), v, digest));
        }
        int v = next.merge(keys.getLast(), 1, Integer::sum);
        modelVersion = build.apply(v, refs);
        byte[] yaml = EntityDocuments.toYaml(modelVersion);
        files.add(yaml);
        changes.add(FileChange.create(Kind.MODEL_VERSION.path(name, v), yaml));
        modelVersion = modelVersion.withDigest(EntityDocuments.digest(yaml));
        parsed.remember(Kind.MODEL_VERSION.path(name, v), yaml, modelVersion);
        String subject = Kind.MODEL_VERSION.id() + " " + name + "/" + v;
        pending = lineage.recordAsync(new Change(actor, action, subject,
            "Register " + subject + (datasets.isEmpty() ? "" : " with " + datasets.size() + " new dataset version(s)"),
            changes, trailers));
        for (Counter c : locked) {
          c.last = next.get(c.key);
        }
      } catch (RuntimeException e) {
        changes.forEach(c -> parsed.forget(c.path()));
        throw e;
      } finally {
        locked.forEach(c -> c.lock.unlock());
      }
      try {
        join(pending);
        LOG.info("Registered {} with {} new dataset versions for {}.", modelVersion.id(), registered.size(), actor);
        registered.forEach(d -> events.publishEvent(new DatasetVersionRegistered(d.name(), d.version(), d.digest(),
            d.tags(), actor)));
        events.publishEvent(new ModelVersionRegistered(modelVersion.id(), modelVersion.digest(), actor,
            modelVersion.producedBy() == null ? null : modelVersion.producedBy().retrainRun()));
        return new Registered.Together(List.copyOf(registered), modelVersion);
      } catch (PathAlreadyExists e) {
        if (attempt >= MAX_ATTEMPTS) {
          throw new RegistryConflict("could not assign versions after " + attempt + " attempts: other writers keep taking the numbers");
        }
      } catch (RuntimeException e) {
        lockOrder.forEach(counters::remove);
        throw e;
      } finally {
        changes.forEach(c -> parsed.forget(c.path()));
      }
    }
  }

  /** Validates a model version registration and returns how to build it from its version and extra dataset references. */
  private BiFunction<Integer, List<Reference>, ModelVersion> prepareModelVersion(String actor, String name,
      Registrations.NewModelVersion r, Instant now, @Nullable ProducedBy producedBy) {
    if (!index.exists(Kind.MODEL, name, 0)) {
      throw EntityNotFound.of(Kind.MODEL, name);
    }
    FieldErrors errors = new FieldErrors();
    String artifactUri = errors.check(() -> Names.requireStorageUri("artifactUri", r.artifactUri()));
    ModelFormat format = null;
    if (r.format() == null || r.format().name() == null || !FORMAT_NAME.matcher(r.format().name()).matches()) {
      errors.add("format.name", "is required: a model format such as sklearn, xgboost, onnx");
    } else {
      String formatVersion = errors.check(() -> optionalText("format.version", r.format().version()));
      format = new ModelFormat(r.format().name(), formatVersion);
    }
    String runtime = r.runtime() == null ? null : errors.check(() -> requireName("runtime", r.runtime()));
    Signature signature = null;
    if (r.signature() != null) {
      List<Column> inputs = errors.check(() -> columns("signature.inputs", r.signature().inputs()));
      List<Column> outputs = errors.check(() -> columns("signature.outputs", r.signature().outputs()));
      signature = new Signature(inputs, outputs);
    }
    SortedMap<String, Double> metrics = errors.check(() -> sorted(requireKeys("metrics", r.metrics())));
    if (metrics != null) {
      metrics.forEach((k, v) -> {
        if (v.isNaN() || v.isInfinite()) {
          errors.add("metrics." + k, "must be a finite number");
        }
      });
    }
    SortedMap<String, String> params = errors.check(() -> sorted(requireKeys("params", r.params())));
    errors.run(() -> checkRefs("datasets", r.datasets()));
    if (r.featureSet() != null) {
      errors.check(() -> requireRef("featureSet", r.featureSet()));
    }
    if (r.thresholdSet() != null) {
      errors.check(() -> requireRef("thresholdSet", r.thresholdSet()));
    }
    if (r.explanationTemplate() != null) {
      errors.check(() -> requireRef("explanationTemplate", r.explanationTemplate()));
    }
    MlflowRun mlflowRun = null;
    if (r.mlflowRun() != null) {
      errors.check(() -> requireKey("mlflowRun.runId", r.mlflowRun().runId()));
      if (r.mlflowRun().trackingUri() != null) {
        errors.check(() -> Names.requireUri("mlflowRun.trackingUri", r.mlflowRun().trackingUri()));
      }
      mlflowRun = r.mlflowRun();
    }
    SortedMap<String, String> tags = errors.check(() -> sorted(requireKeys("tags", r.tags())));
    String description = errors.check(() -> optionalText("description", r.description()));
    errors.throwIfAny();

    Resolutions resolutions = new Resolutions();
    List<Reference> datasets = resolutions.all("datasets", Kind.DATASET, r.datasets());
    Reference featureSet = resolutions.one("featureSet", Kind.FEATURE_SET, r.featureSet());
    Reference thresholdSet = resolutions.one("thresholdSet", Kind.THRESHOLD_SET, r.thresholdSet());
    Reference template = resolutions.one("explanationTemplate", Kind.EXPLANATION_TEMPLATE, r.explanationTemplate());
    resolutions.throwIfAny();
    if (template != null && featureSet != null) {
      ExplanationTemplateVersion t = index.find(Kind.EXPLANATION_TEMPLATE, template.name(), template.version(),
          ExplanationTemplateVersion.class).orElseThrow();
      if (!t.featureSet().ref().equals(featureSet.ref())) {
        throw new InvalidRequest("explanationTemplate", "explains feature set " + t.featureSet().ref()
            + " but the model version uses feature set " + featureSet.ref(), true);
      }
    }
    ModelFormat modelFormat = format;
    Signature modelSignature = signature;
    MlflowRun run = mlflowRun;
    return (v, extra) -> {
      List<Reference> all = new ArrayList<>(datasets);
      all.addAll(extra);
      return new ModelVersion(name, v, artifactUri, modelFormat, runtime, modelSignature, metrics, params, List.copyOf(all),
          featureSet, thresholdSet, template, run, producedBy, tags, description, actor, now, null);
    };
  }

  /** Points an alias at a version of a model, creating the alias or moving it. */
  public ModelAlias moveAlias(String actor, String model, String alias, int version) {
    FieldErrors errors = new FieldErrors();
    errors.check(() -> requireName("model", model));
    errors.check(() -> requireName("alias", alias));
    errors.check(() -> Names.requireVersion("version", version));
    errors.throwIfAny();
    if (index.digest(Kind.MODEL_VERSION, model, version).isEmpty()) {
      throw new UnresolvedReference("version", Kind.MODEL_VERSION, new Ref(model, version));
    }
    ModelAlias moved = new ModelAlias(model, alias, version, actor, clock.instant());
    Integer previous = index.alias(model, alias).map(ModelAlias::version).orElse(null);
    join(lineage.recordAsync(new Change(actor, "move-alias", "alias " + model + "@" + alias,
        "Move alias " + model + "@" + alias + " to version " + version,
        List.of(FileChange.put(EntityDocuments.aliasPath(model, alias), EntityDocuments.toYaml(moved))),
        Map.of("Steward-Version", String.valueOf(version)))));
    LOG.info("Moved alias {}@{} to version {} for {}.", model, alias, version, actor);
    events.publishEvent(new AliasMoved(model, alias, version, previous, actor));
    return moved;
  }

  public void removeAlias(String actor, String model, String alias) {
    FieldErrors errors = new FieldErrors();
    errors.check(() -> requireName("model", model));
    errors.check(() -> requireName("alias", alias));
    errors.throwIfAny();
    ModelAlias current = index.alias(model, alias)
        .orElseThrow(() -> new EntityNotFound("alias " + model + "@" + alias + " is not set"));
    join(lineage.recordAsync(new Change(actor, "remove-alias", "alias " + model + "@" + alias,
        "Remove alias " + model + "@" + alias + " (was version " + current.version() + ")",
        List.of(FileChange.delete(EntityDocuments.aliasPath(model, alias))), Map.of())));
    LOG.info("Removed alias {}@{} for {}.", model, alias, actor);
    events.publishEvent(new AliasRemoved(model, alias, current.version(), actor));
  }

  // ---- reads --------------------------------------------------------------------------------------

  public <T extends Registered> T get(Kind kind, String name, int version, Class<T> type) {
    return index.find(kind, name, version, type).orElseThrow(() -> EntityNotFound.of(kind, name, version));
  }

  public Model model(String name) {
    return index.find(Kind.MODEL, name, 0, Model.class).orElseThrow(() -> EntityNotFound.of(Kind.MODEL, name));
  }

  public <T extends Registered> Page<T> list(Kind kind, ListQuery query, Class<T> type) {
    return index.latest(kind, query, type);
  }

  public <T extends Registered> Page<T> versions(Kind kind, String name, ListQuery query, Class<T> type) {
    requireName("name", name);
    Page<T> page = index.versions(kind, name, query, type);
    if (page.total() == 0 && index.maxVersion(kind, name) == 0
        && (kind != Kind.MODEL_VERSION || !index.exists(Kind.MODEL, name, 0))) {
      throw EntityNotFound.of(kind == Kind.MODEL_VERSION ? Kind.MODEL : kind, name);
    }
    return page;
  }

  /** The model versions {@code actor} registered most recently, newest first, at most {@code limit} (1 to 500). */
  public List<ModelVersion> versionsRegisteredBy(String actor, int limit) {
    if (limit < 1 || limit > ListQuery.MAX_SIZE) {
      throw new InvalidRequest("limit", "must be between 1 and " + ListQuery.MAX_SIZE);
    }
    return index.registeredBy(Kind.MODEL_VERSION, actor, limit, ModelVersion.class);
  }

  public ModelAlias alias(String model, String alias) {
    return index.alias(model, alias).orElseThrow(() -> new EntityNotFound("alias " + model + "@" + alias + " is not set"));
  }

  public List<ModelAlias> aliases(String model) {
    model(model);
    return index.aliases(model);
  }

  public Optional<String> digest(Kind kind, String name, int version) {
    return index.digest(kind, name, version);
  }

  // ---- internals ----------------------------------------------------------------------------------

  /**
   * Assigns the next version number and commits the new version. Numbers come from an in-memory counter
   * per name, taken under its lock together with the enqueueing of the commit, so concurrent writers get
   * dense numbers in commit order. If another writer on the same repository took the number first, the
   * create fails and the next number is tried.
   */
  private <T extends Registered> T commitNewVersion(Kind kind, String name, String actor, String action,
      IntFunction<T> build) {
    String key = kind.id() + "/" + name;
    for (int attempt = 1; ; attempt++) {
      Counter counter = counter(key);
      T entity;
      byte[] yaml;
      CompletableFuture<RecordedChange> pending;
      T withDigest;
      String path;
      counter.lock.lock();
      try {
        int version = counter.last + 1;
        entity = build.apply(version);
        yaml = EntityDocuments.toYaml(entity);
        @SuppressWarnings("unchecked")
        T digested = (T) entity.withDigest(EntityDocuments.digest(yaml));
        withDigest = digested;
        path = kind.path(name, version);
        parsed.remember(path, yaml, withDigest);
        pending = lineage.recordAsync(change(actor, action, kind, name, version, FileChange.create(path, yaml)));
        counter.last = version;
      } catch (RuntimeException e) {
        parsed.forget(kind.path(name, counter.last + 1)); // the version this attempt was building
        throw e;
      } finally {
        counter.lock.unlock();
      }
      try {
        join(pending);
        LOG.debug("Registered {} {} version {} for {}.", kind.id(), name, entity.version(), actor);
        return withDigest;
      } catch (PathAlreadyExists e) {
        if (attempt >= MAX_ATTEMPTS) {
          throw new RegistryConflict("could not assign a version to " + kind.id() + " " + name
              + " after " + attempt + " attempts: other writers keep taking the numbers");
        }
        LOG.info("Version {} of {} {} was taken by another writer; trying the next number.", entity.version(),
            kind.id(), name);
      } catch (RuntimeException e) {
        counters.remove(key, counter); // reload the number from the index next time
        throw e;
      } finally {
        parsed.forget(path);
      }
    }
  }

  private Counter counter(String key) {
    return counters.computeIfAbsent(key, k -> {
      int slash = k.indexOf('/');
      return new Counter(k, index.maxVersion(Kind.fromId(k.substring(0, slash)), k.substring(slash + 1)));
    });
  }

  private static Change change(String actor, String action, Kind kind, String name, int version, FileChange file) {
    String subject = kind.id() + " " + name + (kind.versioned() ? "/" + version : "");
    String summary = switch (action) {
      case "register" -> "Register " + subject;
      default -> action + " " + subject;
    };
    return new Change(actor, action, subject, summary, List.of(file), Map.of());
  }

  private static RecordedChange join(CompletableFuture<RecordedChange> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  private Reference resolve(String field, Kind kind, @Nullable Ref ref) {
    requireRef(field, ref);
    String digest = index.digest(kind, ref.name(), ref.version())
        .orElseThrow(() -> new UnresolvedReference(field, kind, ref));
    return new Reference(ref.name(), ref.version(), digest);
  }

  /** Checks the form of a list of references: each one given, well named, and none twice. */
  private static void checkRefs(String field, @Nullable List<Ref> refs) {
    FieldErrors errors = new FieldErrors();
    Set<Ref> seen = new HashSet<>();
    List<Ref> list = orEmpty(refs);
    for (int i = 0; i < list.size(); i++) {
      Ref ref = list.get(i);
      String at = field + "[" + i + "]";
      if (ref != null && !seen.add(ref)) {
        errors.add(at, "references " + ref + " twice");
      } else {
        errors.check(() -> requireRef(at, ref));
      }
    }
    errors.throwIfAny();
  }

  private List<Reference> resolveAll(String field, Kind kind, @Nullable List<Ref> refs) {
    Resolutions resolutions = new Resolutions();
    List<Reference> resolved = resolutions.all(field, kind, refs);
    resolutions.throwIfAny();
    return resolved;
  }

  /** Resolves the references of one request, reporting every unregistered one at once. */
  private final class Resolutions {
    private final List<UnresolvedReference> missing = new ArrayList<>();

    @Nullable Reference one(String field, Kind kind, @Nullable Ref ref) {
      if (ref == null) {
        return null;
      }
      try {
        return resolve(field, kind, ref);
      } catch (UnresolvedReference e) {
        missing.add(e);
        return null;
      }
    }

    List<Reference> all(String field, Kind kind, @Nullable List<Ref> refs) {
      List<Reference> resolved = new ArrayList<>();
      List<Ref> list = orEmpty(refs);
      for (int i = 0; i < list.size(); i++) {
        Reference r = one(field + "[" + i + "]", kind, list.get(i));
        if (r != null) {
          resolved.add(r);
        }
      }
      return List.copyOf(resolved);
    }

    void throwIfAny() {
      if (!missing.isEmpty()) {
        throw UnresolvedReference.all(missing);
      }
    }
  }

  private static List<Column> columns(String field, @Nullable List<Column> columns) {
    List<Column> list = orEmpty(columns);
    FieldErrors errors = new FieldErrors();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      Column c = list.get(i);
      if (c == null || c.name() == null || !FEATURE_NAME.matcher(c.name()).matches()) {
        errors.add(field + "[" + i + "].name", "must match [A-Za-z_][A-Za-z0-9_.-]*, at most 128 characters");
      } else if (!seen.add(c.name())) {
        errors.add(field + "[" + i + "].name", "column '" + c.name() + "' appears twice");
      }
      if (c != null) {
        String at = field + "[" + i + "].type";
        errors.check(() -> requireText(at, c.type()));
      }
    }
    errors.throwIfAny();
    return List.copyOf(list);
  }

  private static List<Feature> features(@Nullable List<Feature> features) {
    List<Feature> list = orEmpty(features);
    if (list.isEmpty()) {
      throw new InvalidRequest("features", "must list at least one feature");
    }
    FieldErrors errors = new FieldErrors();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      Feature f = list.get(i);
      String field = "features[" + i + "]";
      if (f == null || f.name() == null || !FEATURE_NAME.matcher(f.name()).matches()) {
        errors.add(field + ".name", "must match [A-Za-z_][A-Za-z0-9_.-]*, at most 128 characters");
      } else if (!seen.add(f.name())) {
        errors.add(field + ".name", "feature '" + f.name() + "' appears twice");
      }
      if (f != null) {
        errors.check(() -> requireText(field + ".dtype", f.dtype()));
        errors.check(() -> optionalText(field + ".description", f.description()));
        errors.check(() -> optionalText(field + ".businessLabel", f.businessLabel()));
      }
    }
    errors.throwIfAny();
    return List.copyOf(list);
  }

  private static <V> SortedMap<String, V> sorted(@Nullable Map<String, V> map) {
    return map == null ? new TreeMap<>() : new TreeMap<>(map);
  }

  /** The last version number handed out for one name; the lock orders numbering with enqueueing the commit. */
  private static final class Counter {
    final String key;
    final ReentrantLock lock = new ReentrantLock();
    int last;

    Counter(String key, int last) {
      this.key = key;
      this.last = last;
    }
  }
}
