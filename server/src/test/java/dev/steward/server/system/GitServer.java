package dev.steward.server.system;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Git server on 127.0.0.1: {@code git daemon} (Debian's {@code git}) serving one bare repository,
 * {@code registry.git}, with pushes enabled, as the remote several Steward replicas share. Without {@code git}
 * the test is skipped, or fails in CI.
 */
final class GitServer implements AutoCloseable {
  private final Path base;
  private final int port;
  private final Process daemon;

  private GitServer(Path base, int port, Process daemon) {
    this.base = base;
    this.port = port;
    this.daemon = daemon;
  }

  static GitServer start(Path base) throws IOException, InterruptedException {
    requireGit();
    Path repository = base.resolve("registry.git");
    run(List.of("git", "init", "--quiet", "--bare", "--initial-branch=main", repository.toString()));
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process daemon = new ProcessBuilder("git", "daemon", "--reuseaddr", "--listen=127.0.0.1", "--port=" + port,
        "--base-path=" + base, "--export-all", "--enable=receive-pack", "--informative-errors", base.toString())
        .redirectErrorStream(true).redirectOutput(base.resolve("git-daemon.log").toFile()).start();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      try (Socket probe = new Socket("127.0.0.1", port)) {
        break;
      } catch (IOException e) {
        if (!daemon.isAlive() || System.nanoTime() > deadline) {
          daemon.destroyForcibly();
          throw new IllegalStateException("git daemon did not start; see " + base.resolve("git-daemon.log"));
        }
        Thread.sleep(50);
      }
    }
    return new GitServer(base, port, daemon);
  }

  /** The URL the replicas push to and fetch from. */
  String url() {
    return "git://127.0.0.1:" + port + "/registry.git";
  }

  Path repository() {
    return base.resolve("registry.git");
  }

  /** {@code git --git-dir=<the served repository> args...}, its output. */
  String git(String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("git", "--git-dir=" + repository()));
    command.addAll(List.of(args));
    return run(command);
  }

  static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
    return out;
  }

  private static void requireGit() {
    boolean found = System.getenv().getOrDefault("PATH", "").isEmpty() ? false
        : java.util.Arrays.stream(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, "git")));
    if (!found) {
      String message = "git is not installed: bin/test-all installs it (Debian package git)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail(message);
      }
      Assumptions.abort(message);
    }
  }

  @Override
  public void close() throws InterruptedException {
    daemon.destroy();
    daemon.waitFor();
  }
}
