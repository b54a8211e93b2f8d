package dev.steward.deployer;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.informer.ListerWatcher;
import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.informer.impl.DefaultSharedIndexInformer;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.V1EventSource;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1ObjectReference;
import io.kubernetes.client.openapi.models.V1Status;
import io.kubernetes.client.util.CallGeneratorParams;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import io.kubernetes.client.util.Watchable;
import io.kubernetes.client.util.generic.KubernetesApiResponse;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesListObject;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import io.kubernetes.client.util.generic.options.ListOptions;
import io.kubernetes.client.util.generic.options.PatchOptions;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Steward's door to a Kubernetes cluster with KServe: server-side apply of InferenceServices with field
 * manager {@code steward}, one informer per namespace on the services labelled
 * {@code app.kubernetes.io/managed-by: steward} (a list, then one watch), and Kubernetes Events on them.
 * The official Java client throughout; InferenceServices go through its dynamic API, as untyped JSON.
 *
 * <pre>{@code
 * Cluster cluster = Cluster.connect(Path.of("/etc/steward/kubeconfig"));   // null: in-cluster service account
 * cluster.watch("ml-prod", service -> queue.add(...));
 * Applied applied = cluster.apply(manifest, cached);                         // Created | Patched | Unchanged
 * }</pre>
 */
class Cluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);
  static final String FIELD_MANAGER = "steward";
  static final String MANAGED = "app.kubernetes.io/managed-by=steward";
  private static final String GROUP = "serving.kserve.io";
  private static final String VERSION = "v1beta1";
  private static final String PLURAL = "inferenceservices";

  private final DynamicKubernetesApi services;
  private final DynamicKubernetesApi watching;
  private final CoreV1Api core;
  private final Map<String, DefaultSharedIndexInformer<DynamicKubernetesObject, DynamicKubernetesListObject>> informers =
      new ConcurrentHashMap<>();
  /** Requests sent to the API server, by kind ({@code list}, {@code watch}, {@code apply}, {@code get}, {@code event}). */
  private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();

  /**
   * @param client for requests; {@code watchClient} for the informers' long watches (its read timeout is
   *     switched off), a separate client so that a hanging watch never holds up an apply
   */
  Cluster(ApiClient client, ApiClient watchClient) {
    watchClient.setReadTimeout(0);
    this.services = new DynamicKubernetesApi(GROUP, VERSION, PLURAL, client);
    this.watching = new DynamicKubernetesApi(GROUP, VERSION, PLURAL, watchClient);
    this.core = new CoreV1Api(client);
  }

  /** Connects with a kubeconfig file, or without one as the pod's service account (else the default kubeconfig). */
  static Cluster connect(@Nullable Path kubeconfig) {
    return new Cluster(client(kubeconfig), client(kubeconfig));
  }

  private static ApiClient client(@Nullable Path kubeconfig) {
    try {
      if (kubeconfig != null) {
        try (Reader reader = Files.newBufferedReader(kubeconfig)) {
          KubeConfig config = KubeConfig.loadKubeConfig(reader);
          config.setFile(kubeconfig.toFile());
          return ClientBuilder.kubeconfig(config).build();
        }
      }
      return ClientBuilder.standard().build();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the kubeconfig " + kubeconfig + " (steward.deployer.kubeconfig): "
          + e.getMessage(), e);
    }
  }

  // ---- observe ---------------------------------------------------------------------------------------

  /** Starts an informer on the managed InferenceServices of {@code namespace}; {@code changed} hears every event. */
  void watch(String namespace, Consumer<ObservedService> changed) {
    informers.computeIfAbsent(namespace, ns -> {
      ListerWatcher<DynamicKubernetesObject, DynamicKubernetesListObject> lw = new ListerWatcher<>() {
        @Override
        public DynamicKubernetesListObject list(CallGeneratorParams params) throws ApiException {
          count("list");
          return watching.list(ns, new ListOptions().labelSelector(MANAGED).resourceVersion(params.resourceVersion)
              .timeoutSeconds(params.timeoutSeconds)).throwsApiException().getObject();
        }

        @Override
        public Watchable<DynamicKubernetesObject> watch(CallGeneratorParams params) throws ApiException {
          count("watch");
          return watching.watch(ns, new ListOptions().labelSelector(MANAGED).resourceVersion(params.resourceVersion)
              .timeoutSeconds(params.timeoutSeconds));
        }
      };
      DefaultSharedIndexInformer<DynamicKubernetesObject, DynamicKubernetesListObject> informer =
          new DefaultSharedIndexInformer<>(DynamicKubernetesObject.class, lw, 0);
      informer.addEventHandler(new ResourceEventHandler<>() {
        @Override
        public void onAdd(DynamicKubernetesObject o) {
          changed.accept(observe(o));
        }

        @Override
        public void onUpdate(DynamicKubernetesObject old, DynamicKubernetesObject o) {
          changed.accept(observe(o));
        }

        @Override
        public void onDelete(DynamicKubernetesObject o, boolean unknownFinalState) {
          changed.accept(observe(o));
        }
      });
      Thread.ofPlatform().daemon().name("steward-informer-" + ns).start(informer::run);
      LOG.info("Watching InferenceServices labelled {} in namespace {}.", MANAGED, ns);
      return informer;
    });
  }

  /** Whether the namespace's informer has listed it once: before that, absent from the cache means unknown. */
  boolean synced(String namespace) {
    var informer = informers.get(namespace);
    return informer != null && informer.hasSynced();
  }

  /** Whether every informer has listed its namespace once. */
  boolean synced() {
    return informers.values().stream().allMatch(DefaultSharedIndexInformer::hasSynced);
  }

  /** The service as last seen by the namespace's informer, or empty when it does not exist (or is not watched). */
  Optional<ObservedService> cached(String namespace, String name) {
    var informer = informers.get(namespace);
    if (informer == null) {
      return Optional.empty();
    }
    Object o = informer.getIndexer().getByKey(namespace + "/" + name);
    return o instanceof DynamicKubernetesObject d ? Optional.of(observe(d)) : Optional.empty();
  }

  Collection<String> namespaces() {
    return informers.keySet();
  }

  /** Reads the service from the API server, bypassing the cache. */
  Optional<ObservedService> get(String namespace, String name) {
    count("get");
    KubernetesApiResponse<DynamicKubernetesObject> r;
    try {
      r = services.get(namespace, name);
    } catch (RuntimeException e) {
      throw unreachable("read", namespace, name, e);
    }
    if (r.getHttpStatusCode() == 404) {
      return Optional.empty();
    }
    if (!r.isSuccess()) {
      throw refused("read", namespace, name, r.getHttpStatusCode(), r.getStatus(), null);
    }
    return Optional.of(observe(r.getObject()));
  }

  // ---- act -------------------------------------------------------------------------------------------

  /**
   * Server-side apply of {@code manifest} with field manager {@code steward}, forcing ownership of the fields
   * it names (Steward owns these services); fields Steward applied before and leaves out now are removed.
   * {@code before} is the service as last observed, to tell Created, Patched and Unchanged apart.
   */
  Applied apply(ObjectNode manifest, @Nullable ObservedService before) {
    String namespace = manifest.path("metadata").path("namespace").asString();
    String name = manifest.path("metadata").path("name").asString();
    count("apply");
    KubernetesApiResponse<DynamicKubernetesObject> r;
    try {
      r = services.patch(namespace, name, V1Patch.PATCH_FORMAT_APPLY_YAML, new V1Patch(Json.write(manifest)),
          new PatchOptions().fieldManager(FIELD_MANAGER).force(true));
    } catch (RuntimeException e) {
      throw unreachable("apply", namespace, name, e);
    }
    if (!r.isSuccess()) {
      throw refused("apply", namespace, name, r.getHttpStatusCode(), r.getStatus(), null);
    }
    ObservedService after = observe(r.getObject());
    if (before == null) {
      return new Applied.Created(after);
    }
    if (after.generation() != before.generation() || !after.resourceVersion().equals(before.resourceVersion())) {
      return new Applied.Patched(after);
    }
    return new Applied.Unchanged(after);
  }

  /**
   * Records a Kubernetes Event on the service, so {@code kubectl describe inferenceservice} tells what Steward
   * did; a refused event is logged, never fatal.
   */
  void event(ObservedService service, boolean warning, String reason, String message) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    CoreV1Event event = new CoreV1Event()
        .metadata(new V1ObjectMeta().namespace(service.namespace())
            .name(service.name() + "." + Long.toHexString(System.currentTimeMillis())
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000))))
        .involvedObject(new V1ObjectReference().apiVersion(GROUP + "/" + VERSION).kind("InferenceService")
            .namespace(service.namespace()).name(service.name()).uid(service.uid())
            .resourceVersion(service.resourceVersion()))
        .type(warning ? "Warning" : "Normal")
        .reason(reason)
        .message(message.length() > 1024 ? message.substring(0, 1021) + "..." : message)
        .source(new V1EventSource().component(FIELD_MANAGER))
        .reportingComponent(FIELD_MANAGER)
        .reportingInstance(FIELD_MANAGER)
        .firstTimestamp(now).lastTimestamp(now).count(1);
    count("event");
    try {
      core.createNamespacedEvent(service.namespace(), event).execute();
    } catch (ApiException | RuntimeException e) {
      LOG.warn("InferenceService {}/{}: event {} could not be recorded ({}).", service.namespace(), service.name(),
          reason, e instanceof ApiException a ? "HTTP " + a.getCode() : e.toString());
    }
  }

  /** The Events recorded on a service, oldest first (for tests and the status page). */
  List<CoreV1Event> events(String namespace, String name) throws ApiException {
    return core.listNamespacedEvent(namespace).fieldSelector("involvedObject.name=" + name).execute().getItems()
        .stream().sorted(java.util.Comparator.comparing(e -> e.getMetadata().getCreationTimestamp() == null
            ? OffsetDateTime.MIN : e.getMetadata().getCreationTimestamp())).toList();
  }

  /** Requests sent so far, by kind. */
  Map<String, Long> requests() {
    Map<String, Long> copy = new java.util.TreeMap<>();
    requests.forEach((k, v) -> copy.put(k, v.get()));
    return copy;
  }

  private void count(String kind) {
    requests.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
  }

  @Override
  public void close() {
    informers.values().forEach(DefaultSharedIndexInformer::stop);
    informers.clear();
  }

  static ObservedService observe(DynamicKubernetesObject object) {
    return ObservedService.of(Json.MAPPER.readTree(object.getRaw().toString()));
  }

  static DynamicKubernetesObject object(ObjectNode manifest) {
    JsonObject raw = JsonParser.parseString(Json.write(manifest)).getAsJsonObject();
    return new DynamicKubernetesObject(raw);
  }

  private static ClusterRefused unreachable(String verb, String namespace, String name, RuntimeException e) {
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    return new ClusterRefused(0, "Could not " + verb + " InferenceService " + namespace + "/" + name
        + ": the cluster did not answer (" + cause + "); Steward retries until it does.", e);
  }

  static ClusterRefused refused(String verb, String namespace, String name, int code, @Nullable V1Status status,
      @Nullable Throwable cause) {
    String message = status == null || status.getMessage() == null ? "" : status.getMessage();
    String reason = status == null || status.getReason() == null ? "" : status.getReason();
    String advice = switch (code) {
      case 401 -> " Steward's credentials were not accepted: check steward.deployer.kubeconfig or the service account"
          + " token.";
      case 403 -> " Steward's identity may not do this: grant it get, list, watch, create and patch on"
          + " inferenceservices.serving.kserve.io and create on events in namespace " + namespace
          + " (a Role and RoleBinding; see deployer/README.md).";
      case 404 -> " Is KServe installed (the InferenceService CRD) and does namespace " + namespace + " exist?";
      case 409 -> " Another writer holds these fields; Steward retries.";
      case 422 -> " The cluster rejected the manifest as invalid; the desired state in Git needs fixing.";
      default -> code >= 500 ? " The API server failed; Steward retries." : "";
    };
    return new ClusterRefused(code, "The cluster refused to " + verb + " InferenceService " + namespace + "/" + name
        + ": HTTP " + code + (reason.isEmpty() ? "" : " " + reason) + (message.isEmpty() ? "" : ": " + message) + "."
        + advice, cause);
  }
}
