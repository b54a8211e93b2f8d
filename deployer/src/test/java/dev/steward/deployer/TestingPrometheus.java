package dev.steward.deployer;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Prometheus (the binary in {@code STEWARD_PROMETHEUS_BIN}, else {@code /usr/bin/prometheus}, as
 * Debian's package installs it) on 127.0.0.1, scraping every second a tiny endpoint this class serves with
 * the canary metrics a test sets: {@code steward_test_canary_error_ratio{revision="..."}}. Without the
 * binary the test is skipped, except with {@code CI=true}, where that fails.
 */
final class TestingPrometheus implements AutoCloseable {
  static final String BINARY_VARIABLE = "STEWARD_PROMETHEUS_BIN";

  private final HttpServer exporter;
  private final Process process;
  private final Path dir;
  private final URI url;
  private final Map<String, Double> errorRatio = new ConcurrentHashMap<>();

  private TestingPrometheus(HttpServer exporter, Process process, Path dir, URI url) {
    this.exporter = exporter;
    this.process = process;
    this.dir = dir;
    this.url = url;
  }

  static TestingPrometheus start() throws IOException, InterruptedException {
    String configured = System.getenv(BINARY_VARIABLE);
    Path binary = Path.of(configured == null || configured.isBlank() ? "/usr/bin/prometheus" : configured);
    if (!Files.isExecutable(binary)) {
      String message = "No Prometheus at " + binary + " (install Debian's prometheus package or set "
          + BINARY_VARIABLE + ").";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException(message + " CI=true: a missing Prometheus fails the run.");
      }
      Assumptions.abort(message + " Skipping.");
    }
    HttpServer exporter = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    Path dir = Files.createTempDirectory("steward-prometheus");
    int port = freePort();
    Files.writeString(dir.resolve("prometheus.yml"), """
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        scrape_configs:
          - job_name: canary
            static_configs:
              - targets: ["127.0.0.1:%d"]
        """.formatted(exporter.getAddress().getPort()));
    Process process = new ProcessBuilder(binary.toString(), "--config.file=" + dir.resolve("prometheus.yml"),
        "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
        .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    TestingPrometheus prometheus = new TestingPrometheus(exporter, process, dir, URI.create("http://127.0.0.1:" + port));
    exporter.createContext("/metrics", exchange -> {
      StringBuilder body = new StringBuilder("# TYPE steward_test_canary_error_ratio gauge\n");
      prometheus.errorRatio.forEach((revision, value) -> body.append(String.format(Locale.ROOT,
          "steward_test_canary_error_ratio{revision=\"%s\"} %s%n", revision, value)));
      byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    exporter.start();
    prometheus.awaitReady();
    return prometheus;
  }

  URI url() {
    return url;
  }

  /** The error ratio the canary's revision reports from now on. */
  void errorRatio(String revision, double value) {
    errorRatio.put(revision, value);
  }

  /** Waits until Prometheus answers a query for the revision's series with this value. */
  void awaitScraped(String revision, double value) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    Prometheus client = new Prometheus(url);
    while (System.nanoTime() < deadline) {
      if (client.query("steward_test_canary_error_ratio{revision=\"" + revision + "\"}")
          instanceof Prometheus.Answer.Value v && v.value() == value) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("Prometheus did not scrape " + revision + "=" + value + " within 20 s");
  }

  private void awaitReady() throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Prometheus exited: " + Files.readString(dir.resolve("prometheus.log")));
      }
      try {
        if (http.send(HttpRequest.newBuilder(url.resolve("/-/ready")).build(), HttpResponse.BodyHandlers.discarding())
            .statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("Prometheus was not ready within 30 s: " + Files.readString(dir.resolve("prometheus.log")));
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    exporter.stop(0);
    TestSteward.delete(dir);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
