package dev.steward.retrain;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.databind.JsonNode;

/**
 * Launches a run with an HTTP call. The presets follow each system's REST API from its base URL:
 * <ul>
 * <li>{@code airflow} (Airflow 3, REST API v2): {@code POST /api/v2/dags/{dag}/dagRuns} with
 * {@code dag_run_id} = {@code <run>-<attempt>} and the run's facts in {@code conf}; status from
 * {@code GET /api/v2/dags/{dag}/dagRuns/{id}}; cancel by {@code PATCH ... {"state": "failed"}}. Credentials:
 * a {@code token}, or {@code username}/{@code password} exchanged at {@code POST /auth/token}.</li>
 * <li>{@code argo-workflows}: {@code POST /api/v1/workflows/{namespace}/submit} of the WorkflowTemplate with
 * the facts as parameters and the workflow named {@code <run>-<attempt>}; status from
 * {@code GET /api/v1/workflows/{namespace}/{name}} ({@code status.phase}); cancel by {@code PUT .../stop}.</li>
 * <li>{@code kubeflow-pipelines} (v2beta1): {@code POST /apis/v2beta1/runs} of the pipeline version with the
 * facts as runtime parameters; status from {@code GET /apis/v2beta1/runs/{run_id}} ({@code state}); cancel by
 * {@code POST /apis/v2beta1/runs/{run_id}:cancel}.</li>
 * </ul>
 * Without a preset, {@code method url} with the headers and the JSON body template (by default every fact) and
 * an {@code Idempotency-Key: <run>-<attempt>} header; the run then reports its status itself. A repeated launch of
 * the same attempt (taken over by another instance) is recognised by the presets' targets by the name Steward
 * chose (409, taken as launched); a plain target sees the same {@code Idempotency-Key} twice and should answer
 * the second call without starting a second training. Kubeflow Pipelines names runs itself, so a repeated
 * launch there starts a second run (at least once). A 5xx, a timeout or a refused connection is a
 * failed launch, retried as the plan says.
 */
class WebhookLaunch implements LaunchTarget {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookLaunch.class);
  private static final Duration LOGIN_VALIDITY = Duration.ofMinutes(10);

  private final Map<String, RetrainProperties.Credentials> credentials;
  private final Clock clock;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .version(HttpClient.Version.HTTP_1_1).build();
  private final Map<String, Login> logins = new ConcurrentHashMap<>();

  private record Login(String token, Instant until) {}

  WebhookLaunch(Map<String, RetrainProperties.Credentials> credentials, Clock clock) {
    this.credentials = Map.copyOf(credentials);
    this.clock = clock;
  }

  @Override
  public String kind() {
    return "webhook";
  }

  @Override
  public Launch launch(LaunchContext context) {
    Launcher.Webhook w = (Launcher.Webhook) context.plan().launcher();
    Map<String, Object> facts = facts(context.parameters(), w.parameters());
    String name = context.attemptName();
    String base = w.url().replaceAll("/+$", "");
    try {
      return switch (w.preset() == null ? "" : w.preset()) {
        case "airflow" -> {
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("dag_run_id", name);
          body.put("logical_date", null);
          body.put("conf", facts);
          body.put("note", "Steward retrain run " + context.run().id() + " of " + context.run().model());
          try {
            call(w, HttpMethod.POST, base + "/api/v2/dags/" + encode(w.dag()) + "/dagRuns", body);
          } catch (RestClientResponseException e) {
            if (e.getStatusCode().value() != 409) {
              throw e;
            }
            LOG.info("Airflow already has dag run {} of {}: this launch was repeated.", name, w.dag());
          }
          yield new Launch.Launched("airflow dag run " + w.dag() + "/" + name);
        }
        case "argo-workflows" -> {
          Map<String, Object> options = new LinkedHashMap<>();
          options.put("name", name);
          options.put("labels", "steward.dev/retrain-run=" + context.run().id());
          options.put("parameters", facts.entrySet().stream().map(e -> e.getKey() + "=" + text(e.getValue())).toList());
          Map<String, Object> body = Map.of("resourceKind", "WorkflowTemplate", "resourceName", w.workflowTemplate(),
              "submitOptions", options);
          try {
            call(w, HttpMethod.POST, base + "/api/v1/workflows/" + encode(w.namespace()) + "/submit", body);
          } catch (RestClientResponseException e) {
            if (e.getStatusCode().value() != 409) {
              throw e;
            }
          }
          yield new Launch.Launched("argo workflow " + w.namespace() + "/" + name);
        }
        case "kubeflow-pipelines" -> {
          Map<String, Object> version = new LinkedHashMap<>();
          version.put("pipeline_id", w.pipelineId());
          if (w.pipelineVersionId() != null) {
            version.put("pipeline_version_id", w.pipelineVersionId());
          }
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("display_name", name);
          body.put("description", "Steward retrain run " + context.run().id());
          body.put("pipeline_version_reference", version);
          body.put("runtime_config", Map.of("parameters", facts));
          if (w.experimentId() != null) {
            body.put("experiment_id", w.experimentId());
          }
          JsonNode run = call(w, HttpMethod.POST, base + "/apis/v2beta1/runs", body);
          yield new Launch.Launched("kubeflow run " + run.path("run_id").asString(""));
        }
        default -> {
          Object body = w.body() == null ? facts : LaunchParameters.substituteTree(w.body(), context.parameters());
          String url = LaunchParameters.substitute(w.url(), context.parameters());
          HttpMethod method = w.method() == null ? HttpMethod.POST : HttpMethod.valueOf(w.method());
          call(w, method, url, body, name);
          yield new Launch.Launched("called " + method + " " + URI.create(url).getHost() + URI.create(url).getPath());
        }
      };
    } catch (RestClientResponseException e) {
      return new Launch.Refused("HTTP " + e.getStatusCode().value() + " from " + w.url() + ": "
          + excerpt(e.getResponseBodyAsString()));
    } catch (ResourceAccessException e) {
      return new Launch.Refused("no answer from " + w.url() + ": " + e.getMostSpecificCause().getMessage());
    }
  }

  @Override
  public Adoption adopt(RetrainRun run, RetrainPlan plan, Attempt attempt, String deadInstance) {
    Launcher.Webhook w = (Launcher.Webhook) plan.launcher();
    return new Adoption.Adopted(w.preset() != null ? "asking " + w.preset() + " how it stands"
        : "the run reports its own status");
  }

  @Override
  public boolean polls(RetrainPlan plan) {
    return plan.launcher() instanceof Launcher.Webhook w && w.preset() != null;
  }

  @Override
  public Optional<LaunchStatus> status(RetrainRun run, RetrainPlan plan, Attempt attempt) {
    Launcher.Webhook w = (Launcher.Webhook) plan.launcher();
    if (w.preset() == null || attempt.reference() == null) {
      return Optional.empty();
    }
    String base = w.url().replaceAll("/+$", "");
    String name = run.id() + "-" + attempt.number();
    return switch (w.preset()) {
      case "airflow" -> {
        JsonNode dagRun = call(w, HttpMethod.GET, base + "/api/v2/dags/" + encode(w.dag()) + "/dagRuns/" + encode(name),
            null);
        String state = dagRun.path("state").asString("");
        yield Optional.of(switch (state) {
          case "success" -> new LaunchStatus.Succeeded("airflow dag run " + name + " succeeded");
          case "failed" -> new LaunchStatus.Failed("airflow dag run " + name + " failed");
          default -> new LaunchStatus.Running();
        });
      }
      case "argo-workflows" -> {
        JsonNode workflow = call(w, HttpMethod.GET, base + "/api/v1/workflows/" + encode(w.namespace()) + "/"
            + encode(name), null);
        String phase = workflow.path("status").path("phase").asString("");
        String message = workflow.path("status").path("message").asString("");
        yield Optional.of(switch (phase) {
          case "Succeeded" -> new LaunchStatus.Succeeded("argo workflow " + name + " succeeded");
          case "Failed", "Error" -> new LaunchStatus.Failed("argo workflow " + name + " " + phase.toLowerCase()
              + (message.isEmpty() ? "" : ": " + message));
          default -> new LaunchStatus.Running();
        });
      }
      case "kubeflow-pipelines" -> {
        String runId = attempt.reference().substring(attempt.reference().lastIndexOf(' ') + 1);
        JsonNode kfp = call(w, HttpMethod.GET, base + "/apis/v2beta1/runs/" + encode(runId), null);
        String state = kfp.path("state").asString("");
        yield Optional.of(switch (state) {
          case "SUCCEEDED" -> new LaunchStatus.Succeeded("kubeflow run " + runId + " succeeded");
          case "FAILED", "CANCELED" -> new LaunchStatus.Failed("kubeflow run " + runId + " " + state.toLowerCase()
              + errorOf(kfp));
          default -> new LaunchStatus.Running();
        });
      }
      default -> Optional.empty();
    };
  }

  @Override
  public void cancel(RetrainRun run, RetrainPlan plan, Attempt attempt) {
    Launcher.Webhook w = (Launcher.Webhook) plan.launcher();
    if (w.preset() == null || attempt.reference() == null) {
      return;
    }
    String base = w.url().replaceAll("/+$", "");
    String name = run.id() + "-" + attempt.number();
    try {
      switch (w.preset()) {
        case "airflow" -> call(w, HttpMethod.PATCH, base + "/api/v2/dags/" + encode(w.dag()) + "/dagRuns/"
            + encode(name), Map.of("state", "failed"));
        case "argo-workflows" -> call(w, HttpMethod.PUT, base + "/api/v1/workflows/" + encode(w.namespace()) + "/"
            + encode(name) + "/stop", Map.of());
        case "kubeflow-pipelines" -> call(w, HttpMethod.POST, base + "/apis/v2beta1/runs/"
            + encode(attempt.reference().substring(attempt.reference().lastIndexOf(' ') + 1)) + ":cancel", Map.of());
        default -> { }
      }
      LOG.info("Asked {} to stop {} of retrain run {}.", w.preset(), attempt.reference(), run.id());
    } catch (RuntimeException e) {
      LOG.warn("Could not ask {} to stop {} of retrain run {}: {}.", w.preset(), attempt.reference(), run.id(),
          e.toString());
    }
  }

  /** The run's facts for a target: snake_case names ({@code run_token}, {@code steward_url}), the cause as an object. */
  static Map<String, Object> facts(Map<String, String> parameters, @Nullable Map<String, String> extra) {
    Map<String, Object> facts = new LinkedHashMap<>();
    parameters.forEach((k, v) -> {
      if (k.equals("cause")) {
        facts.put("cause", RetrainDocuments.fromJson(v, Map.class));
      } else if (!k.startsWith("cause.")) {
        facts.put(k.replaceAll("([a-z])([A-Z])", "$1_$2").replace('.', '_').toLowerCase(java.util.Locale.ROOT), v);
      }
    });
    if (extra != null) {
      extra.forEach((k, v) -> facts.put(k, LaunchParameters.substitute(v, parameters)));
    }
    return facts;
  }

  private JsonNode call(Launcher.Webhook w, HttpMethod method, String url, @Nullable Object body) {
    return call(w, method, url, body, null);
  }

  private JsonNode call(Launcher.Webhook w, HttpMethod method, String url, @Nullable Object body,
      @Nullable String idempotencyKey) {
    Duration timeout = w.callTimeout() == null ? Duration.ofSeconds(10) : Duration.parse(w.callTimeout());
    try {
      return send(w, method, url, body, timeout, authorization(w, timeout), idempotencyKey);
    } catch (RestClientResponseException e) {
      if (e.getStatusCode().value() == 401 && w.credentials() != null && logins.remove(w.credentials()) != null) {
        return send(w, method, url, body, timeout, authorization(w, timeout), idempotencyKey);
      }
      throw e;
    }
  }

  private JsonNode send(Launcher.Webhook w, HttpMethod method, String url, @Nullable Object body, Duration timeout,
      @Nullable String authorization) {
    return send(w, method, url, body, timeout, authorization, null);
  }

  /**
   * {@code idempotencyKey}: the attempt's name, sent as {@code Idempotency-Key} (IETF httpapi draft) on plain
   * calls, so that a target can recognise the launch an instance repeats after taking the attempt over.
   */
  private JsonNode send(Launcher.Webhook w, HttpMethod method, String url, @Nullable Object body, Duration timeout,
      @Nullable String authorization, @Nullable String idempotencyKey) {
    JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
    factory.setReadTimeout(timeout);
    RestClient.RequestBodySpec request = RestClient.builder().requestFactory(factory).build().method(method)
        .uri(URI.create(url)).accept(MediaType.APPLICATION_JSON);
    if (authorization != null) {
      request.header(HttpHeaders.AUTHORIZATION, authorization);
    }
    if (w.preset() == null && w.headers() != null) {
      w.headers().forEach(request::header);
    }
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    if (body != null) {
      request.contentType(MediaType.APPLICATION_JSON).body(RetrainDocuments.toJson(body));
    }
    String answer = request.retrieve().body(String.class);
    return answer == null || answer.isBlank() ? RetrainDocuments.fromJson("{}", JsonNode.class)
        : RetrainDocuments.fromJson(answer, JsonNode.class);
  }

  private @Nullable String authorization(Launcher.Webhook w, Duration timeout) {
    if (w.credentials() == null) {
      return null;
    }
    RetrainProperties.Credentials c = credentials.get(w.credentials());
    if (c == null) {
      throw new IllegalStateException("No credentials named " + w.credentials() + " are configured.");
    }
    if (c.token() != null) {
      return "Bearer " + c.token();
    }
    if (!"airflow".equals(w.preset())) {
      return "Basic " + java.util.Base64.getEncoder().encodeToString((c.username() + ":" + c.password())
          .getBytes(StandardCharsets.UTF_8));
    }
    Login login = logins.get(w.credentials());
    if (login == null || clock.instant().isAfter(login.until())) {
      JsonNode token = send(new Launcher.Webhook("airflow", w.url(), null, null, null, null, w.dag(), null, null, null,
              null, null, null, w.callTimeout()), HttpMethod.POST, w.url().replaceAll("/+$", "") + "/auth/token",
          Map.of("username", String.valueOf(c.username()), "password", String.valueOf(c.password())), timeout, null);
      login = new Login(token.path("access_token").asString(), clock.instant().plus(LOGIN_VALIDITY));
      logins.put(w.credentials(), login);
    }
    return "Bearer " + login.token();
  }

  private static String errorOf(JsonNode kfp) {
    String message = kfp.path("error").path("message").asString("");
    return message.isEmpty() ? "" : ": " + message;
  }

  private static String text(Object value) {
    return value instanceof String s ? s : RetrainDocuments.toJson(value);
  }

  private static String encode(@Nullable String segment) {
    return URLEncoder.encode(String.valueOf(segment), StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String excerpt(String body) {
    String line = body.replaceAll("\\s+", " ").strip();
    return line.isEmpty() ? "(no body)" : line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }

  static List<String> presets() {
    return List.of("airflow", "argo-workflows", "kubeflow-pipelines");
  }
}
