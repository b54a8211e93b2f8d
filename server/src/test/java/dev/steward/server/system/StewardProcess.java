package dev.steward.server.system;

import static org.awaitility.Awaitility.await;

import dev.steward.ControlPlaneApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Steward in a child JVM, so a test can kill it with SIGKILL mid-write and start it again. */
final class StewardProcess implements AutoCloseable {
  private final Path dataDir;
  private final Database database;
  private final java.util.function.IntFunction<Map<String, String>> extra;
  private final int port;
  private Process process;

  private StewardProcess(Path dataDir, Database database, java.util.function.IntFunction<Map<String, String>> extra) {
    this.dataDir = dataDir;
    this.database = database;
    this.extra = extra;
    this.port = freePort();
  }

  static StewardProcess start(Path dataDir, Database database) {
    return start(dataDir, database, Map.of());
  }

  /** With more Spring properties; several processes may share a data directory (one registry repository). */
  static StewardProcess start(Path dataDir, Database database, Map<String, String> extra) {
    return start(dataDir, database, port -> extra);
  }

  /** With more Spring properties that depend on the port it listens on (its advertised address). */
  static StewardProcess start(Path dataDir, Database database, java.util.function.IntFunction<Map<String, String>> extra) {
    StewardProcess p = new StewardProcess(dataDir, database, extra);
    p.launch();
    return p;
  }

  int port() {
    return port;
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  private void launch() {
    String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
        ControlPlaneApplication.class.getName(), "server"));
    Map<String, String> properties = new java.util.LinkedHashMap<>(extra.apply(port));
    properties.put("server.port", String.valueOf(port));
    Steward.properties(dataDir, database, properties)
        .forEach((k, v) -> command.add("--" + k + "=" + v));
    try {
      process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(dataDir.resolve("steward-" + System.nanoTime() + ".log").toFile())
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Api anonymous = new Api("http://127.0.0.1:" + port, null);
    try {
      // generous: three servers starting at once on a busy 2-core machine take minutes
      await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
        if (!process.isAlive()) {
          throw new AssertionError("Steward exited with " + process.exitValue() + "; see the log in " + dataDir);
        }
        return anonymous.get("/actuator/health").status() == 200;
      });
    } catch (RuntimeException | AssertionError e) {
      // a server that did not come up in time must not outlive the test
      process.destroyForcibly();
      throw e;
    }
  }

  Api api(String token) {
    return new Api("http://127.0.0.1:" + port, token);
  }

  Api admin() {
    return api(Steward.ADMIN_TOKEN);
  }

  /** SIGKILL: no shutdown hook, no flush, no goodbye. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  void restart() {
    launch();
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        kill();
      }
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
