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
import dev.steward.lineage.Lineage;
import dev.steward.lineage.PathAlreadyExists;
import dev.steward.lineage.RecordedChange;
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
  }

  // ---- registration -------------------------------------------------------------------------------

  public DatasetVersion registerDataset(String actor, Registrations.Dataset r) {
    return commitNewVersion(Kind.DATASET, requireName("name", r.name()), actor, "register",
        prepareDataset("", actor, r, clock.instant()));
  }

  /** Validates a dataset registration and returns how to build it once its version is known. */
  private IntFunction<DatasetVersion> prepareDataset(String field, String actor, Registrations.Dataset r, Instant now) {
    String name = requireName(field + "name", r.name());
    String uri = Names.requireUri(field + "uri", r.uri());
    String contentDigest = Names.requireDigest(field + "contentDigest", r.contentDigest());
    List<Column> schema = columns(field + "schema", r.schema());
    if (r.rowCount() != null && r.rowCount() < 0) {
      throw new InvalidRequest(field + "rowCount", "must be >= 0");
    }
    if (r.timeRange() != null) {
      if (r.timeRange().start() == null || r.timeRange().end() == null) {
        throw new InvalidRequest(field + "timeRange", "needs both start and end");
      }
      if (r.timeRange().start().isAfter(r.timeRange().end())) {
        throw new InvalidRequest(field + "timeRange", "start is after end");
      }
    }
    List<Reference> parents = resolveAll(field + "parents", Kind.DATASET, r.parents());
    SortedMap<String, String> tags = sorted(requireKeys(field + "tags", r.tags()));
    String description = optionalText(field + "description", r.description());
    return v -> new DatasetVersion(name, v, uri, contentDigest, schema, r.rowCount(), r.timeRange(), parents, tags,
        description, actor, now, null);
  }

  public FeatureSetVersion registerFeatureSet(String actor, Registrations.FeatureSet r) {
    String name = requireName("name", r.name());
    List<Feature> features = features(r.features());
    List<Reference> sources = resolveAll("sourceDatasets", Kind.DATASET, r.sourceDatasets());
    SortedMap<String, String> tags = sorted(requireKeys("tags", r.tags()));
    String description = optionalText("description", r.description());
    Instant now = clock.instant();
    return commitNewVersion(Kind.FEATURE_SET, name, actor, "register", v -> new FeatureSetVersion(name, v, features,
        sources, tags, description, actor, now, null));
  }

  public ThresholdSetVersion registerThresholdSet(String actor, Registrations.ThresholdSet r) {
    String name = requireName("name", r.name());
    Thresholds.validate(r.values());
    SortedMap<String, Double> values = sorted(r.values());
    SortedMap<String, String> tags = sorted(requireKeys("tags", r.tags()));
    String description = optionalText("description", r.description());
    Instant now = clock.instant();
    return commitNewVersion(Kind.THRESHOLD_SET, name, actor, "register", v -> new ThresholdSetVersion(name, v, values,
        tags, description, actor, now, null));
  }

  public ExplanationTemplateVersion registerExplanationTemplate(String actor, Registrations.ExplanationTemplate r) {
    String name = requireName("name", r.name());
    Reference featureSetRef = resolve("featureSet", Kind.FEATURE_SET, r.featureSet());
    FeatureSetVersion featureSet = index.find(Kind.FEATURE_SET, featureSetRef.name(), featureSetRef.version(),
        FeatureSetVersion.class).orElseThrow();
    if (r.reasons() == null || r.reasons().isEmpty()) {
      throw new InvalidRequest("reasons", "must give a reason text for at least one feature");
    }
    Set<String> known = new HashSet<>();
    featureSet.features().forEach(f -> known.add(f.name()));
    r.reasons().forEach((feature, text) -> {
      if (!known.contains(feature)) {
        throw new InvalidRequest("reasons." + feature, "is not a feature of feature set " + featureSetRef.name()
            + " version " + featureSetRef.version(), true);
      }
      requireText("reasons." + feature, text);
    });
    int topK = r.topK() == null ? Math.min(3, featureSet.features().size()) : r.topK();
    if (topK < 1 || topK > featureSet.features().size()) {
      throw new InvalidRequest("topK", "must be between 1 and the number of features (" + featureSet.features().size() + ")");
    }
    String locale = r.locale() == null ? "en" : r.locale();
    Locale parsed = Locale.forLanguageTag(locale);
    if (parsed.getLanguage().isEmpty() || !parsed.toLanguageTag().equalsIgnoreCase(locale)) {
      throw new InvalidRequest("locale", "'" + locale + "' is not a BCP 47 language tag such as en or de-CH");
    }
    SortedMap<String, String> reasons = sorted(r.reasons());
    SortedMap<String, String> tags = sorted(requireKeys("tags", r.tags()));
    String description = optionalText("description", r.description());
    Instant now = clock.instant();
    return commitNewVersion(Kind.EXPLANATION_TEMPLATE, name, actor, "register", v -> new ExplanationTemplateVersion(
        name, v, featureSetRef, reasons, topK, parsed.toLanguageTag(), tags, description, actor, now, null));
  }

  public Model registerModel(String actor, Registrations.NewModel r) {
    String name = requireName("name", r.name());
    SortedMap<String, String> tags = sorted(requireKeys("tags", r.tags()));
    String description = optionalText("description", r.description());
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
    String name = requireName("model", model);
    BiFunction<Integer, List<Reference>, ModelVersion> build = prepareModelVersion(actor, name, r, clock.instant());
    ModelVersion registered = commitNewVersion(Kind.MODEL_VERSION, name, actor, "register", v -> build.apply(v, List.of()));
    events.publishEvent(new ModelVersionRegistered(registered.id(), registered.digest(), actor));
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
    String name = requireName("model", model);
    Instant now = clock.instant();
    List<IntFunction<DatasetVersion>> newDatasets = new ArrayList<>();
    for (int i = 0; i < datasets.size(); i++) {
      newDatasets.add(prepareDataset("datasets[" + i + "].", actor, datasets.get(i), now));
    }
    BiFunction<Integer, List<Reference>, ModelVersion> build = prepareModelVersion(actor, name, version, now);
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
        events.publishEvent(new ModelVersionRegistered(modelVersion.id(), modelVersion.digest(), actor));
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
      Registrations.NewModelVersion r, Instant now) {
    if (!index.exists(Kind.MODEL, name, 0)) {
      throw EntityNotFound.of(Kind.MODEL, name);
    }
    String artifactUri = Names.requireStorageUri("artifactUri", r.artifactUri());
    if (r.format() == null || r.format().name() == null || !FORMAT_NAME.matcher(r.format().name()).matches()) {
      throw new InvalidRequest("format.name", "is required: a model format such as sklearn, xgboost, onnx");
    }
    ModelFormat format = new ModelFormat(r.format().name(), optionalText("format.version", r.format().version()));
    String runtime = r.runtime() == null ? null : requireName("runtime", r.runtime());
    Signature signature = r.signature() == null ? null
        : new Signature(columns("signature.inputs", r.signature().inputs()), columns("signature.outputs", r.signature().outputs()));
    SortedMap<String, Double> metrics = sorted(requireKeys("metrics", r.metrics()));
    metrics.forEach((k, v) -> {
      if (v.isNaN() || v.isInfinite()) {
        throw new InvalidRequest("metrics." + k, "must be a finite number");
      }
    });
    SortedMap<String, String> params = sorted(requireKeys("params", r.params()));
    List<Reference> datasets = resolveAll("datasets", Kind.DATASET, r.datasets());
    Reference featureSet = r.featureSet() == null ? null : resolve("featureSet", Kind.FEATURE_SET, r.featureSet());
    Reference thresholdSet = r.thresholdSet() == null ? null : resolve("thresholdSet", Kind.THRESHOLD_SET, r.thresholdSet());
    Reference template = r.explanationTemplate() == null ? null
        : resolve("explanationTemplate", Kind.EXPLANATION_TEMPLATE, r.explanationTemplate());
    if (template != null && featureSet != null) {
      ExplanationTemplateVersion t = index.find(Kind.EXPLANATION_TEMPLATE, template.name(), template.version(),
          ExplanationTemplateVersion.class).orElseThrow();
      if (!t.featureSet().ref().equals(featureSet.ref())) {
        throw new InvalidRequest("explanationTemplate", "explains feature set " + t.featureSet().ref()
            + " but the model version uses feature set " + featureSet.ref(), true);
      }
    }
    MlflowRun mlflowRun = null;
    if (r.mlflowRun() != null) {
      requireKey("mlflowRun.runId", r.mlflowRun().runId());
      if (r.mlflowRun().trackingUri() != null) {
        Names.requireUri("mlflowRun.trackingUri", r.mlflowRun().trackingUri());
      }
      mlflowRun = r.mlflowRun();
    }
    SortedMap<String, String> tags = sorted(requireKeys("tags", r.tags()));
    String description = optionalText("description", r.description());
    MlflowRun run = mlflowRun;
    return (v, extra) -> {
      List<Reference> all = new ArrayList<>(datasets);
      all.addAll(extra);
      return new ModelVersion(name, v, artifactUri, format, runtime, signature, metrics, params, List.copyOf(all),
          featureSet, thresholdSet, template, run, tags, description, actor, now, null);
    };
  }

  /** Points an alias at a version of a model, creating the alias or moving it. */
  public ModelAlias moveAlias(String actor, String model, String alias, int version) {
    requireName("model", model);
    requireName("alias", alias);
    Names.requireVersion("version", version);
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
    requireName("model", model);
    requireName("alias", alias);
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

  private List<Reference> resolveAll(String field, Kind kind, @Nullable List<Ref> refs) {
    List<Reference> resolved = new ArrayList<>();
    Set<Ref> seen = new HashSet<>();
    List<Ref> list = orEmpty(refs);
    for (int i = 0; i < list.size(); i++) {
      Ref ref = list.get(i);
      if (ref != null && !seen.add(ref)) {
        throw new InvalidRequest(field + "[" + i + "]", "references " + ref + " twice");
      }
      resolved.add(resolve(field + "[" + i + "]", kind, ref));
    }
    return List.copyOf(resolved);
  }

  private static List<Column> columns(String field, @Nullable List<Column> columns) {
    List<Column> list = orEmpty(columns);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      Column c = list.get(i);
      if (c == null || c.name() == null || !FEATURE_NAME.matcher(c.name()).matches()) {
        throw new InvalidRequest(field + "[" + i + "].name", "must match [A-Za-z_][A-Za-z0-9_.-]*, at most 128 characters");
      }
      if (!seen.add(c.name())) {
        throw new InvalidRequest(field + "[" + i + "].name", "column '" + c.name() + "' appears twice");
      }
      requireText(field + "[" + i + "].type", c.type());
    }
    return List.copyOf(list);
  }

  private static List<Feature> features(@Nullable List<Feature> features) {
    List<Feature> list = orEmpty(features);
    if (list.isEmpty()) {
      throw new InvalidRequest("features", "must list at least one feature");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      Feature f = list.get(i);
      String field = "features[" + i + "]";
      if (f == null || f.name() == null || !FEATURE_NAME.matcher(f.name()).matches()) {
        throw new InvalidRequest(field + ".name", "must match [A-Za-z_][A-Za-z0-9_.-]*, at most 128 characters");
      }
      if (!seen.add(f.name())) {
        throw new InvalidRequest(field + ".name", "feature '" + f.name() + "' appears twice");
      }
      requireText(field + ".dtype", f.dtype());
      optionalText(field + ".description", f.description());
      optionalText(field + ".businessLabel", f.businessLabel());
    }
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
