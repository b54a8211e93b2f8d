package dev.steward.mlflow;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowClientException;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * One MLflow tracking server, read through {@code mlflow-client} (runs, registered model versions) and
 * its REST API (MLflow 3's logged models, which {@code mlflow-client} does not know), and written through
 * the REST API (aliases and tags; {@code mlflow-client} has no alias calls and no DELETE).
 * Every failure is translated at this boundary: 404 to {@link MlflowEntityNotFound}, anything else that
 * is not the caller's fault to {@link MlflowUnreachable} naming the tracking URI.
 */
class TrackingServer implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private final URI uri;
  private final @Nullable String token;
  private final MlflowClient client;
  private final HttpClient http;
  private final Duration timeout;
  private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();

  TrackingServer(URI uri, @Nullable String token, Duration timeout) {
    this.uri = uri;
    this.token = token;
    this.timeout = timeout;
    String host = uri.toString().endsWith("/") ? uri.toString().substring(0, uri.toString().length() - 1) : uri.toString();
    this.client = new MlflowClient(token == null ? new BasicMlflowHostCreds(host) : new BasicMlflowHostCreds(host, token));
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  URI uri() {
    return uri;
  }

  /** A registered model version as the import needs it. */
  record RegisteredVersion(String name, String version, String source, String runId, List<String> aliases) {}

  Service.Run run(String runId) {
    return call("run " + runId, () -> client.getRun(runId));
  }

  RegisteredVersion modelVersion(String name, String version) {
    var v = call("model version " + name + "/" + version, () -> client.getModelVersion(name, version));
    return new RegisteredVersion(v.getName(), v.getVersion(), v.getSource(), v.getRunId(), List.copyOf(v.getAliasesList()));
  }

  RegisteredVersion modelVersionByAlias(String name, String alias) {
    String body = call("alias " + name + "@" + alias, () -> client.sendGet("registered-models/alias?name="
        + encode(name) + "&alias=" + encode(alias)));
    JsonNode v = JSON.readTree(body).path("model_version");
    List<String> aliases = v.path("aliases").valueStream().map(JsonNode::asString).toList();
    return new RegisteredVersion(v.path("name").asString(), v.path("version").asString(), v.path("source").asString(""),
        v.path("run_id").asString(""), aliases);
  }

  /**
   * A model logged as an MLflow 3 LoggedModel ({@code models:/m-...}): its name (the {@code name=} of
   * {@code log_model}), where its artifacts are, and the run that logged it (empty when none did).
   */
  record LoggedModel(String id, String name, String artifactUri, String sourceRunId) {}

  /** The MLflow 3 logged models a run produced, in the order it logged them; none on MLflow 2.x. */
  List<String> loggedModelIds(String runId) {
    JsonNode run = JSON.readTree(send("GET", "runs/get?run_id=" + encode(runId), null)).path("run");
    return run.path("outputs").path("model_outputs").valueStream().map(o -> o.path("model_id").asString(""))
        .filter(id -> !id.isEmpty()).distinct().toList();
  }

  /** An MLflow 3 logged model, through the logged-models API. */
  LoggedModel loggedModel(String modelId) {
    JsonNode info = JSON.readTree(send("GET", "logged-models/" + encode(modelId), null)).path("model").path("info");
    return new LoggedModel(info.path("model_id").asString(modelId), info.path("name").asString(""),
        info.path("artifact_uri").asString(""), info.path("source_run_id").asString(""));
  }

  /**
   * The flavors in a logged model's {@code MLmodel} file, read through the tracking server (which reads its
   * artifact store), or an empty object when the server does not serve it.
   */
  JsonNode loggedModelFlavors(String modelId) {
    try {
      String mlmodel = sendFromRoot("GET", "/ajax-api/2.0/mlflow/logged-models/" + encode(modelId)
          + "/artifacts/files?artifact_file_path=MLmodel", null);
      JsonNode flavors = YAML.readTree(mlmodel).path("flavors");
      return flavors.isObject() ? flavors : JSON.createObjectNode();
    } catch (MlflowEntityNotFound | MlflowUnreachable | JacksonException e) {
      return JSON.createObjectNode();
    }
  }

  void setAlias(String model, String alias, String version) {
    ObjectNode body = JSON.createObjectNode().put("name", model).put("alias", alias).put("version", version);
    call("alias " + model + "@" + alias, () -> client.sendPost("registered-models/alias", body.toString()));
  }

  void deleteAlias(String model, String alias) {
    ObjectNode body = JSON.createObjectNode().put("name", model).put("alias", alias);
    send("DELETE", "registered-models/alias", body.toString());
  }

  void setModelVersionTag(String model, String version, String key, String value) {
    ObjectNode body = JSON.createObjectNode().put("name", model).put("version", version).put("key", key).put("value", value);
    call("model version " + model + "/" + version, () -> client.sendPost("model-versions/set-tag", body.toString()));
  }

  void setRunTag(String runId, String key, String value) {
    call("run " + runId, () -> {
      client.setTag(runId, key, value);
      return null;
    });
  }

  void deleteRunTag(String runId, String key) {
    call("run " + runId, () -> {
      client.deleteTag(runId, key);
      return null;
    });
  }

  /**
   * Runs one mlflow-client call within the timeout: the client sets no timeouts of its own, so a server
   * that accepts connections but never answers would otherwise hold the import forever.
   */
  private <T> T call(String what, Supplier<T> request) {
    Future<T> future = calls.submit(request::get);
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new MlflowUnreachable(uri, "did not answer within " + timeout.toMillis() + " ms for " + what, e);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new MlflowUnreachable(uri, "call was interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof MlflowHttpException h) {
        throw failure(h.getStatusCode(), h.getBodyMessage(), what, h);
      }
      if (e.getCause() instanceof MlflowClientException c) {
        throw new MlflowUnreachable(uri, "could not be reached: " + rootMessage(c), c);
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new MlflowUnreachable(uri, "failed: " + e.getCause(), e.getCause());
    }
  }

  /**
   * What an MLflow error means here. MLflow answers a missing run, model or version with 404
   * {@code RESOURCE_DOES_NOT_EXIST}, but a missing alias with 400 {@code INVALID_PARAMETER_VALUE}
   * "... not found": both are "does not exist". Any other rejection is not the importer's to fix.
   */
  private RuntimeException failure(int status, @Nullable String body, String what, @Nullable Throwable cause) {
    String message = message(body);
    boolean missing = status == 404 || (body != null && body.contains("RESOURCE_DOES_NOT_EXIST"))
        || (status == 400 && message.toLowerCase(java.util.Locale.ROOT).contains("not found"));
    if (missing) {
      return new MlflowEntityNotFound(uri, what, message);
    }
    return new MlflowUnreachable(uri, "answered " + status + (message.isBlank() ? "" : " (" + message + ")") + " for " + what, cause);
  }

  /**
   * A request mlflow-client cannot make (DELETE with a body, MLflow 3's logged models), with the same
   * translation of failures.
   */
  private String send(String method, String path, @Nullable String json) {
    return sendFromRoot(method, "/api/2.0/mlflow/" + path, json);
  }

  private String sendFromRoot(String method, String path, @Nullable String json) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(timeout);
    if (json != null) {
      b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() >= 300) {
        throw failure(r.statusCode(), r.body(), method + " " + path, null);
      }
      return r.body();
    } catch (IOException e) {
      throw new MlflowUnreachable(uri, "could not be reached: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MlflowUnreachable(uri, "call was interrupted", e);
    }
  }

  private String base() {
    String s = uri.toString();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  /** MLflow's error body is {@code {"error_code", "message"}}; the message is what a user should see. */
  private static String message(@Nullable String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    try {
      JsonNode node = JSON.readTree(body);
      if (node.path("message").isString()) {
        return node.path("message").asString();
      }
    } catch (RuntimeException e) {
      // not JSON: show it as it is
    }
    return StewardNames.text(body.strip(), 300);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    calls.shutdownNow();
    client.close();
    http.close();
  }
}
