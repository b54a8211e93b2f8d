package dev.steward.retrain;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.apis.BatchV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1EnvVarSource;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1JobCondition;
import io.kubernetes.client.openapi.models.V1JobList;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1OwnerReference;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1SecretKeySelector;
import io.kubernetes.client.util.Watch;
import io.kubernetes.client.util.Watchable;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import io.kubernetes.client.util.generic.options.ListOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Launches a run as a Kubernetes Job with the official client. The plan's template ({@code batch/v1} Job, its
 * strings with {@code ${name}} parameters) gets Steward's name ({@code retrain-<run>-<attempt>}), labels
 * ({@code steward.dev/retrain-run}, {@code steward.dev/model}, {@code steward.dev/attempt}) and, in every container,
 * the run's facts as {@code STEWARD_*} variables; the token comes from a Secret of its own, which the Job owns (so
 * the garbage collector removes it with the Job). A repeated launch of the same attempt finds its Job (409).
 * Status comes from a watch on the labelled Jobs of each namespace in use: {@code Complete=True} ends the attempt
 * as a success, {@code Failed=True} as a failure with the condition's reason and message.
 */
class JobLaunch implements LaunchTarget, Plans.JobTemplateCheck, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobLaunch.class);
  static final String RUN_LABEL = "steward.dev/retrain-run";
  static final String ATTEMPT_LABEL = "steward.dev/attempt";
  static final String MODEL_LABEL = "steward.dev/model";
  private static final String TOKEN_KEY = "STEWARD_RUN_TOKEN";

  private final ApiClient client;
  private final ApiClient watchClient;
  private final BatchV1Api batch;
  private final CoreV1Api core;
  private final AttemptListener listener;
  private final Map<String, Thread> watchers = new ConcurrentHashMap<>();
  private final Map<String, Watchable<V1Job>> open = new ConcurrentHashMap<>();
  private volatile boolean running = true;

  /** @param watchClient a client of its own for watches, whose read timeout is turned off */
  JobLaunch(ApiClient client, ApiClient watchClient, AttemptListener listener) {
    this.client = client;
    this.watchClient = watchClient;
    this.watchClient.setReadTimeout(0);
    this.batch = new BatchV1Api(client);
    this.core = new CoreV1Api(client);
    this.listener = listener;
  }

  @Override
  public String kind() {
    return "kubernetes-job";
  }

  static String jobName(String runId, int attempt) {
    return ("retrain-" + runId + "-" + attempt).toLowerCase(Locale.ROOT);
  }

  @Override
  public Launch launch(LaunchContext context) {
    Launcher.KubernetesJob launcher = (Launcher.KubernetesJob) context.plan().launcher();
    String namespace = launcher.namespace();
    String name = jobName(context.run().id(), context.attempt());
    watch(namespace);
    V1Job job;
    try {
      job = job(launcher, context.parameters(), name, context.run(), context.attempt());
    } catch (IllegalArgumentException e) {
      return new Launch.Refused("the Job template is not a valid batch/v1 Job: " + e.getMessage());
    }
    String secretName = name + "-token";
    try {
      V1Secret secret = new V1Secret().metadata(new V1ObjectMeta().name(secretName).namespace(namespace)
              .labels(job.getMetadata().getLabels()))
          .type("Opaque").stringData(Map.of(TOKEN_KEY, context.parameters().get("run.token")));
      try {
        core.createNamespacedSecret(namespace, secret).execute();
      } catch (ApiException e) {
        if (e.getCode() != 409) {
          throw e;
        }
        core.replaceNamespacedSecret(secretName, namespace, secret).execute();
      }
      V1Job created;
      try {
        created = batch.createNamespacedJob(namespace, job).execute();
      } catch (ApiException e) {
        if (e.getCode() != 409) {
          throw e;
        }
        LOG.info("Job {}/{} exists already: this launch was repeated.", namespace, name);
        return new Launch.Launched("job " + namespace + "/" + name);
      }
      V1Secret owned = core.readNamespacedSecret(secretName, namespace).execute();
      owned.getMetadata().setOwnerReferences(List.of(new V1OwnerReference().apiVersion("batch/v1").kind("Job")
          .name(name).uid(created.getMetadata().getUid()).blockOwnerDeletion(false)));
      core.replaceNamespacedSecret(secretName, namespace, owned).execute();
      LOG.info("Job {}/{} created for retrain run {} (attempt {}).", namespace, name, context.run().id(),
          context.attempt());
      return new Launch.Launched("job " + namespace + "/" + name);
    } catch (ApiException e) {
      return new Launch.Refused("Kubernetes refused Job " + namespace + "/" + name + " with HTTP " + e.getCode() + ": "
          + message(e));
    } catch (RuntimeException e) {
      return new Launch.Refused("Kubernetes did not answer for Job " + namespace + "/" + name + ": " + e.getMessage());
    }
  }

  @Override
  public void cancel(RetrainRun run, RetrainPlan plan, Attempt attempt) {
    Launcher.KubernetesJob launcher = (Launcher.KubernetesJob) plan.launcher();
    String name = jobName(run.id(), attempt.number());
    try {
      batch.deleteNamespacedJob(name, launcher.namespace()).propagationPolicy("Background").execute();
      LOG.info("Job {}/{} deleted: retrain run {} was stopped.", launcher.namespace(), name, run.id());
    } catch (ApiException e) {
      if (e.getCode() != 404) {
        LOG.warn("Job {}/{} could not be deleted: HTTP {}: {}.", launcher.namespace(), name, e.getCode(), message(e));
      }
    }
    try {
      core.deleteNamespacedSecret(name + "-token", launcher.namespace()).execute();
    } catch (ApiException e) {
      // gone with its Job already, or never made
    }
  }

  /** Another instance launched the Job: watching its namespace from here finds how it ends (the watch lists first). */
  @Override
  public Adoption adopt(RetrainRun run, RetrainPlan plan, Attempt attempt, String deadInstance) {
    String namespace = ((Launcher.KubernetesJob) plan.launcher()).namespace();
    watch(namespace);
    return new Adoption.Adopted("watching the Jobs of namespace " + namespace);
  }

  /** Asks the API server to validate the template as a Job (a dry run): empty when it would be created. */
  @Override
  public List<String> problems(String namespace, Map<String, Object> template) {
    Map<String, String> sample = new HashMap<>();
    LaunchParameters.NAMES.forEach(n -> sample.put(n, "x"));
    sample.put("run.attempt", "1");
    sample.put("plan.revision", "1");
    sample.put("champion", "1");
    V1Job job;
    try {
      job = job(new Launcher.KubernetesJob(namespace, template), sample, "retrain-template-check", null, 1);
    } catch (IllegalArgumentException | NullPointerException e) {
      return List.of("not a valid batch/v1 Job: " + e.getMessage());
    }
    try {
      batch.createNamespacedJob(namespace, job).dryRun("All").fieldValidation("Strict").execute();
      return List.of();
    } catch (ApiException e) {
      if (e.getCode() == 0 || e.getCode() >= 500) {
        return List.of("the Kubernetes API server could not check the Job template: " + message(e));
      }
      return List.of("the Kubernetes API server refuses the Job (HTTP " + e.getCode() + "): " + message(e));
    } catch (RuntimeException e) {
      return List.of("the Kubernetes API server could not be reached to check the Job template: " + e.getMessage());
    }
  }

  private V1Job job(Launcher.KubernetesJob launcher, Map<String, String> parameters, String name,
      @Nullable RetrainRun run, int attempt) {
    Object substituted = LaunchParameters.substituteTree(launcher.template(), parameters);
    V1Job job = JSON.deserialize(RetrainDocuments.toJson(substituted), V1Job.class);
    V1ObjectMeta meta = job.getMetadata() == null ? new V1ObjectMeta() : job.getMetadata();
    Map<String, String> labels = new HashMap<>(meta.getLabels() == null ? Map.of() : meta.getLabels());
    labels.put(RUN_LABEL, run == null ? "template-check" : run.id());
    labels.put(ATTEMPT_LABEL, String.valueOf(attempt));
    labels.put(MODEL_LABEL, parameters.get("model"));
    meta.name(name).namespace(launcher.namespace()).labels(labels).generateName(null);
    job.setMetadata(meta);
    if (job.getSpec() == null || job.getSpec().getTemplate() == null || job.getSpec().getTemplate().getSpec() == null) {
      throw new IllegalArgumentException("spec.template.spec is required");
    }
    V1PodSpec pod = job.getSpec().getTemplate().getSpec();
    List<V1EnvVar> env = new ArrayList<>();
    LaunchParameters.environment(parameters).forEach((k, v) -> {
      if (k.equals(TOKEN_KEY)) {
        env.add(new V1EnvVar().name(k).valueFrom(new V1EnvVarSource().secretKeyRef(
            new V1SecretKeySelector().name(name + "-token").key(TOKEN_KEY))));
      } else {
        env.add(new V1EnvVar().name(k).value(v));
      }
    });
    List<V1Container> containers = new ArrayList<>(pod.getContainers() == null ? List.of() : pod.getContainers());
    if (pod.getInitContainers() != null) {
      containers.addAll(pod.getInitContainers());
    }
    for (V1Container c : containers) {
      List<V1EnvVar> all = new ArrayList<>(c.getEnv() == null ? List.of() : c.getEnv());
      all.removeIf(e -> e.getName() != null && e.getName().startsWith("STEWARD_"));
      all.addAll(env);
      c.setEnv(all);
    }
    return job;
  }

  /** Starts watching the retrain Jobs of a namespace, once. */
  void watch(String namespace) {
    watchers.computeIfAbsent(namespace, ns -> {
      Thread t = Thread.ofPlatform().daemon().name("steward-retrain-jobs-" + ns).unstarted(() -> follow(ns));
      t.start();
      return t;
    });
  }

  private void follow(String namespace) {
    GenericKubernetesApi<V1Job, V1JobList> jobs = new GenericKubernetesApi<>(V1Job.class, V1JobList.class, "batch",
        "v1", "jobs", watchClient);
    String resourceVersion = null;
    while (running) {
      try {
        if (resourceVersion == null) {
          V1JobList list = jobs.list(namespace, new ListOptions().labelSelector(RUN_LABEL)).throwsApiException()
              .getObject();
          list.getItems().forEach(this::observe);
          resourceVersion = list.getMetadata().getResourceVersion();
        }
        try (Watchable<V1Job> events = jobs.watch(namespace, new ListOptions().labelSelector(RUN_LABEL)
            .resourceVersion(resourceVersion).timeoutSeconds(60))) {
          open.put(namespace, events);
          for (Watch.Response<V1Job> event : events) {
            if ("ERROR".equals(event.type)) {
              resourceVersion = null;
              break;
            }
            if ("BOOKMARK".equals(event.type)) {
              continue;
            }
            resourceVersion = event.object.getMetadata().getResourceVersion();
            if (!"DELETED".equals(event.type)) {
              observe(event.object);
            }
          }
        }
      } catch (Exception e) {
        if (!running) {
          return;
        }
        LOG.warn("Jobs in {}: the watch failed ({}); listing again.", namespace, e.toString());
        resourceVersion = null;
        try {
          Thread.sleep(1000);
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  private void observe(V1Job job) {
    Map<String, String> labels = job.getMetadata().getLabels();
    if (labels == null || job.getStatus() == null || job.getStatus().getConditions() == null) {
      return;
    }
    String runId = labels.get(RUN_LABEL);
    String attempt = labels.get(ATTEMPT_LABEL);
    if (runId == null || attempt == null || runId.equals("template-check")) {
      return;
    }
    Optional<V1JobCondition> end = job.getStatus().getConditions().stream()
        .filter(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType())) && "True".equals(c.getStatus()))
        .findFirst();
    end.ifPresent(c -> {
      String where = "Job " + job.getMetadata().getNamespace() + "/" + job.getMetadata().getName();
      boolean complete = "Complete".equals(c.getType());
      String message = where + (complete ? " complete" : " failed") + (c.getReason() == null ? "" : " (" + c.getReason()
          + (c.getMessage() == null ? "" : ": " + c.getMessage()) + ")");
      try {
        listener.ended(runId, Integer.parseInt(attempt), complete, message);
      } catch (RuntimeException e) {
        LOG.warn("{} ended, but its retrain run {} could not be told: {}.", where, runId, e.toString());
      }
    });
  }

  @Override
  public void close() {
    running = false;
    open.values().forEach(w -> {
      try {
        w.close();
      } catch (Exception ignored) {
        // the thread notices running == false
      }
    });
    watchers.values().forEach(Thread::interrupt);
  }

  private static String message(ApiException e) {
    String body = e.getResponseBody();
    if (body != null && !body.isBlank()) {
      try {
        return String.valueOf(RetrainDocuments.fromJson(body, Map.class).get("message"));
      } catch (RuntimeException notJson) {
        return body.length() > 300 ? body.substring(0, 300) : body;
      }
    }
    return e.getMessage() == null ? "(no message)" : e.getMessage();
  }
}
