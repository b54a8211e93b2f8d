package dev.steward.cli;

/** Starts the Steward server with Spring properties ({@code --name=value}); the server module supplies it. */
@FunctionalInterface
public interface ServerLauncher {
  void start(String[] properties);
}
