package dev.steward.server.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real Apache Airflow the retraining loop test runs against. Either given directly
 * ({@code STEWARD_TEST_AIRFLOW_URL}, {@code _USER}, {@code _PASSWORD}), or started by bin/test-all in the
 * background while Maven builds: then {@code STEWARD_TEST_AIRFLOW_STATE} names the folder where
 * {@code start-airflow.sh} writes {@code env} when Airflow is up (or {@code failed}), and this waits for it.
 * In CI a missing or failed Airflow fails the test; elsewhere it is skipped with a message.
 */
record AirflowServer(String url, String user, String password) {
  private static final Duration STARTUP = Duration.ofMinutes(8);

  static AirflowServer fromEnvironment() {
    String url = System.getenv("STEWARD_TEST_AIRFLOW_URL");
    if (url != null && !url.isBlank()) {
      return new AirflowServer(url, System.getenv("STEWARD_TEST_AIRFLOW_USER"), System.getenv("STEWARD_TEST_AIRFLOW_PASSWORD"));
    }
    String state = System.getenv("STEWARD_TEST_AIRFLOW_STATE");
    if (state == null || state.isBlank()) {
      return missing("STEWARD_TEST_AIRFLOW_URL is not set: run the suite with bin/test-all, or "
          + "retrain-scheduler/scripts/start-airflow.sh && . .cache/airflow-server/env");
    }
    Path env = Path.of(state, "env");
    Path failed = Path.of(state, "failed");
    Instant deadline = Instant.now().plus(STARTUP);
    try {
      while (!Files.exists(env)) {
        if (Files.exists(failed)) {
          return missing("Airflow did not start: " + Files.readString(failed).strip());
        }
        if (Instant.now().isAfter(deadline)) {
          return missing("Airflow did not start within " + STARTUP + " (no " + env + ")");
        }
        Thread.sleep(1000);
      }
      Map<String, String> values = new HashMap<>();
      for (String word : Files.readString(env).replace("export", "").trim().split("\\s+")) {
        int eq = word.indexOf('=');
        if (eq > 0) {
          values.put(word.substring(0, eq), word.substring(eq + 1));
        }
      }
      return new AirflowServer(values.get("STEWARD_TEST_AIRFLOW_URL"), values.get("STEWARD_TEST_AIRFLOW_USER"),
          values.get("STEWARD_TEST_AIRFLOW_PASSWORD"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static AirflowServer missing(String message) {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail(message);
    }
    Assumptions.abort(message);
    throw new IllegalStateException(message);
  }
}
