package dev.steward.retrain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Launches a local process: the embedded default. The command's strings take {@code ${name}} parameters, its
 * environment the {@code STEWARD_*} variables; its output goes to {@code <logs>/<run>-<attempt>.log}. Exit code
 * 0 is success. A process belongs to the instance that started it: if that instance dies, the attempt ends by
 * its timeout (or by the process's own status report), since no other instance can see the process.
 */
class ProcessLaunch implements LaunchTarget {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessLaunch.class);
  private static final int TAIL_LINES = 20;

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

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", new ArrayList<>(lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size())));
    } catch (IOException | RuntimeException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }
}
