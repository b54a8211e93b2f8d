package dev.steward.server.system;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Real Prometheus (Debian's {@code prometheus}, {@code STEWARD_PROMETHEUS_BIN}) and Alertmanager (Debian's
 * {@code prometheus-alertmanager}, {@code STEWARD_ALERTMANAGER_BIN}) on 127.0.0.1 for the alert loop: Prometheus
 * scrapes Steward every second with a bearer token, evaluates Steward's shipped rules every second and resends
 * alerts every second; each Alertmanager runs alone (no cluster), groups after one second and sends to
 * Steward's webhook. Without a binary the test is skipped, except with {@code CI=true}, where that fails.
 */
final class MonitoringServers {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private MonitoringServers() {}

  /** A server process and the directory it writes to. */
  record Server(String name, Process process, Path dir, URI url) implements AutoCloseable {
    @Override
    public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }

    String log() throws IOException {
      return Files.readString(dir.resolve(name + ".log"));
    }
  }

  static Path binary(String variable, String fallback) {
    String configured = System.getenv(variable);
    Path binary = Path.of(configured == null || configured.isBlank() ? fallback : configured);
    if (!Files.isExecutable(binary)) {
      String message = "No " + binary.getFileName() + " at " + binary + " (install Debian's package or set " + variable
          + ").";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException(message + " CI=true: a missing server fails the run.");
      }
      Assumptions.abort(message + " Skipping.");
    }
    return binary;
  }

  /** Checks both binaries before anything is started. */
  static void requireBinaries() {
    binary("STEWARD_PROMETHEUS_BIN", "/usr/bin/prometheus");
    binary("STEWARD_ALERTMANAGER_BIN", "/usr/bin/prometheus-alertmanager");
  }

  /**
   * Prometheus scraping {@code steward} (host:port) with {@code token}, loading {@code rules} (the shipped rule
   * file with its example URL replaced by Steward's) and sending alerts to {@code alertmanagers}.
   */
  static Server prometheus(String steward, String token, String rules, List<URI> alertmanagers) throws IOException {
    Path dir = Files.createTempDirectory("steward-prometheus");
    Files.writeString(dir.resolve("token"), token);
    Files.writeString(dir.resolve("rules.yaml"), rules);
    StringBuilder targets = new StringBuilder();
    for (URI am : alertmanagers) {
      targets.append(targets.isEmpty() ? "" : ", ").append('"').append(am.getHost()).append(':').append(am.getPort())
          .append('"');
    }
    Files.writeString(dir.resolve("prometheus.yml"), """
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        rule_files: ["%s"]
        alerting:
          alertmanagers:
            - static_configs:
                - targets: [%s]
        scrape_configs:
          - job_name: steward
            metrics_path: /actuator/prometheus
            authorization:
              credentials_file: %s
            static_configs:
              - targets: ["%s"]
        """.formatted(dir.resolve("rules.yaml"), targets, dir.resolve("token"), steward));
    int port = freePort();
    Path binary = binary("STEWARD_PROMETHEUS_BIN", "/usr/bin/prometheus");
    return started("prometheus", dir, port, List.of(binary.toString(), "--config.file=" + dir.resolve("prometheus.yml"),
        "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
        "--rules.alert.resend-delay=1s", "--log.level=info"));
  }

  /** One Alertmanager, not clustered, sending every Steward alert to {@code webhook} with {@code token}. */
  static Server alertmanager(String name, URI webhook, String token, Duration repeatInterval) throws IOException {
    Path dir = Files.createTempDirectory("steward-" + name);
    Files.writeString(dir.resolve("token"), token);
    Files.writeString(dir.resolve("alertmanager.yml"), """
        route:
          receiver: default
          routes:
            - receiver: steward
              matchers: ['steward_action=~"rollback|retrain|notify"']
              group_by: [alertname, model, environment]
              group_wait: 1s
              group_interval: 1s
              repeat_interval: %ds
        receivers:
          - name: default
          - name: steward
            webhook_configs:
              - url: %s
                send_resolved: true
                max_alerts: 0
                http_config:
                  authorization:
                    type: Bearer
                    credentials_file: %s
        """.formatted(repeatInterval.toSeconds(), webhook, dir.resolve("token")));
    int port = freePort();
    Path binary = binary("STEWARD_ALERTMANAGER_BIN", "/usr/bin/prometheus-alertmanager");
    return started(name, dir, port, List.of(binary.toString(), "--config.file=" + dir.resolve("alertmanager.yml"),
        "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
        "--cluster.listen-address=", "--log.level=info"));
  }

  private static Server started(String name, Path dir, int port, List<String> command) throws IOException {
    Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile()).start();
    Server server = new Server(name, process, dir, URI.create("http://127.0.0.1:" + port));
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited: " + server.log());
      }
      return HTTP.send(HttpRequest.newBuilder(server.url().resolve("/-/ready")).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    });
    return server;
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
