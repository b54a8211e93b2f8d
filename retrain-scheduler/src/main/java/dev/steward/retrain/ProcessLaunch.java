package dev.steward.retrain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Launches a local process: the embedded default. The command's strings take {@code ${name}} parameters, its
 * environment the {@code STEWARD_*} variables; its output goes to {@code <logs>/<run>-<attempt>.log}. Exit code
 * 0 is success. A process belongs to the instance that started it: only that instance sees it exit. When that
 * instance dies (or restarts), the attempt is lost ({@link #adopt}): its run is told so and the attempt fails
 * (then is retried as the plan says), and the process, if it still runs on this host, is stopped, since nobody
 * would see it end and its token no longer counts.
 */
class ProcessLaunch implements LaunchTarget {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessLaunch.class);
  private static final int TAIL_LINES = 20;
  private static final Pattern REFERENCE = Pattern.compile("process (\\d+), .*");

  private final Path logs;
  private final AttemptListener listener;
  private final Map<String, Process> running = new ConcurrentHashMap<>();

  ProcessLaunch(Path logs, AttemptListener listener) {
    this.logs = logs;
    this.listener = listener;
  }

  @Override
  public String kind() {
    return "process";
  }

  @Override
  public Launch launch(LaunchContext context) {
    Launcher.Process launcher = (Launcher.Process) context.plan().launcher();
    Map<String, String> parameters = context.parameters();
    List<String> command = launcher.command().stream().map(s -> LaunchParameters.substitute(s, parameters)).toList();
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Path log = logs.resolve(context.attemptName() + ".log");
    try {
      Files.createDirectories(logs);
      builder.redirectOutput(log.toFile());
      if (launcher.workingDirectory() != null) {
        builder.directory(Path.of(LaunchParameters.substitute(launcher.workingDirectory(), parameters)).toFile());
      }
      Map<String, String> env = builder.environment();
      if (launcher.environment() != null) {
        launcher.environment().forEach((k, v) -> env.put(k, LaunchParameters.substitute(v, parameters)));
      }
      env.putAll(LaunchParameters.environment(parameters));
      Process process = builder.start();
      String key = context.attemptName();
      running.put(key, process);
      String runId = context.run().id();
      int attempt = context.attempt();
      process.onExit().thenAccept(p -> {
        running.remove(key, p);
        int code = p.exitValue();
        String message = "exit code " + code + (code == 0 ? "" : "; last lines of " + log + ":\n" + tail(log));
        LOG.info("Process of retrain run {} (attempt {}) exited with {}.", runId, attempt, code);
        listener.ended(runId, attempt, code == 0, message);
      });
      LOG.info("Started {} for retrain run {} (attempt {}) as process {}; output in {}.", command.getFirst(), runId,
          attempt, process.pid(), log);
      return new Launch.Launched("process " + process.pid() + ", log " + log);
    } catch (IOException | UncheckedIOException | SecurityException e) {
      return new Launch.Refused("cannot start " + command + ": " + e.getMessage());
    }
  }

  @Override
  public void cancel(RetrainRun run, RetrainPlan plan, Attempt attempt) {
    Process process = running.remove(run.id() + "-" + attempt.number());
    if (process != null) {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      LOG.info("Stopped process {} of retrain run {} (attempt {}).", process.pid(), run.id(), attempt.number());
    }
  }

  @Override
  public Adoption adopt(RetrainRun run, RetrainPlan plan, Attempt attempt, String deadInstance) {
    String reference = attempt.reference() == null ? "" : attempt.reference();
    Matcher m = REFERENCE.matcher(reference);
    String gone = "the Steward instance " + deadInstance + " that started its process is gone, and no other "
        + "instance can see the process exit";
    if (!m.matches()) {
      return new Adoption.Lost(gone);
    }
    long pid = Long.parseLong(m.group(1));
    if (!deadInstance.startsWith(hostName())) {
      return new Adoption.Lost(gone + "; its process " + pid + " ran on another host");
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
        .filter(p -> startedWith(p, attempt.launchedAt()));
    if (process.isPresent()) {
      process.get().descendants().forEach(ProcessHandle::destroy);
      process.get().destroy();
      LOG.info("Stopped process {} of retrain run {} (attempt {}): the instance that watched it is gone.", pid,
          run.id(), attempt.number());
      return new Adoption.Lost(gone + "; process " + pid + " was still running and has been stopped");
    }
    return new Adoption.Lost(gone + "; process " + pid + " is no longer running");
  }

  /** Whether a process started around the time the attempt was launched (a reused process id is not it). */
  private static boolean startedWith(ProcessHandle process, @Nullable Instant launchedAt) {
    return launchedAt != null && process.info().startInstant()
        .map(started -> Duration.between(started, launchedAt).abs().compareTo(Duration.ofMinutes(1)) < 0)
        .orElse(false);
  }

  /** Quartz names an instance by its host name and start time, so an instance of this host starts with it. */
  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "(unknown host)";
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", new ArrayList<>(lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size())));
    } catch (IOException | RuntimeException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }
}
