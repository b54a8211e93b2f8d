package dev.steward.server.system;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;

/**
 * The real MLflow tracking server the MLflow system tests run against, and the Python that logs runs to
 * it. The test command starts the server ({@code mlflow/scripts/start-mlflow.sh}) and passes
 * {@code STEWARD_TEST_MLFLOW_URI} and {@code STEWARD_MLFLOW_PYTHON}. In CI a missing server fails the
 * test; on a developer machine it is skipped with a message saying how to start one.
 */
record MlflowTrackingServer(String uri, String python, Path script) {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** The pinned MLflow 2.x: {@code STEWARD_TEST_MLFLOW_URI} and {@code STEWARD_MLFLOW_PYTHON}. */
  static MlflowTrackingServer fromEnvironment() {
    return fromEnvironment(2);
  }

  /**
   * MLflow {@code major}.x as the test command started it: 2 reads {@code STEWARD_TEST_MLFLOW_URI} and
   * {@code STEWARD_MLFLOW_PYTHON}, 3 reads {@code STEWARD_TEST_MLFLOW3_URI} and {@code STEWARD_MLFLOW3_PYTHON}.
   */
  static MlflowTrackingServer fromEnvironment(int major) {
    String suffix = major == 2 ? "" : String.valueOf(major);
    String uriVariable = "STEWARD_TEST_MLFLOW" + suffix + "_URI";
    String pythonVariable = "STEWARD_MLFLOW" + suffix + "_PYTHON";
    String uri = System.getenv(uriVariable);
    String python = System.getenv(pythonVariable);
    if (uri == null || uri.isBlank() || python == null || python.isBlank()) {
      String message = uriVariable + " and " + pythonVariable + " are not set: run the suite with bin/test-all, or "
          + "export " + pythonVariable + "=$(mlflow/scripts/setup-mlflow.sh " + major + " | tail -n1) "
          + uriVariable + "=$(mlflow/scripts/start-mlflow.sh " + major + " | tail -n1)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail(message);
      }
      Assumptions.abort(message);
    }
    Path script = repositoryRoot().resolve("mlflow/src/test/python/train_and_register.py");
    return new MlflowTrackingServer(uri, python, script);
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("mlflow/src/test/python/train_and_register.py"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("cannot find mlflow/src/test/python/train_and_register.py above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  /** Trains and logs a run with the real MLflow client; answers the script's JSON summary of what it logged. */
  JsonNode train(String... args) {
    List<String> command = new ArrayList<>(List.of(python, "-W", "ignore", script.toString(), "--tracking-uri", uri));
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("mlflow-run", ".json");
      Path err = Files.createTempFile("mlflow-run", ".log");
      Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(180, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("train_and_register.py did not finish in 180 s");
      }
      List<String> lines = Files.readAllLines(out);
      String log = Files.readString(err);
      Files.delete(out);
      Files.delete(err);
      if (p.exitValue() != 0 || lines.isEmpty()) {
        throw new IllegalStateException("train_and_register.py failed (" + p.exitValue() + "): " + log);
      }
      // MLflow prints links to the run before the summary; the summary is the last line
      return Api.JSON.readTree(lines.getLast());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Reads MLflow's REST API directly, as an MLflow user's tools would; a missing node when MLflow answers 404. */
  JsonNode get(String path, String... query) {
    StringBuilder url = new StringBuilder(uri + "/api/2.0/mlflow/" + path);
    for (int i = 0; i + 1 < query.length; i += 2) {
      url.append(i == 0 ? '?' : '&').append(query[i]).append('=').append(URLEncoder.encode(query[i + 1], StandardCharsets.UTF_8));
    }
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url.toString())).timeout(Duration.ofSeconds(30))
          .build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 404 ? Api.JSON.missingNode() : Api.JSON.readTree(r.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sets a tag on a run through MLflow's REST API, as {@code MlflowClient.set_tag} does. */
  void setTag(String runId, String key, String value) {
    String body = Api.object().put("run_id", runId).put("key", key).put("value", value).toString();
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(uri + "/api/2.0/mlflow/runs/set-tag"))
          .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("MLflow refused to tag run " + runId + ": " + r.statusCode() + " " + r.body());
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
