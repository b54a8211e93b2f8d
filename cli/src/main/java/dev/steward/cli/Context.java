package dev.steward.cli;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a command runs with besides its arguments: the environment, the user's config file and standard
 * input. Tests pass their own; {@link #system()} is the real one.
 */
public record Context(Map<String, String> env, Path configFile, InputStream stdin) {

  public static Context system() {
    return of(System.getenv(), System.in);
  }

  /** The config file is {@code $STEWARD_CONFIG}, else {@code $XDG_CONFIG_HOME/steward/config.yaml}, else {@code ~/.config/steward/config.yaml}. */
  public static Context of(Map<String, String> env, InputStream stdin) {
    return new Context(env, configFile(env), stdin);
  }

  static Path configFile(Map<String, String> env) {
    String explicit = env.get("STEWARD_CONFIG");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String xdg = env.get("XDG_CONFIG_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
        : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".config");
    return base.resolve("steward").resolve("config.yaml");
  }

  @Nullable String env(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value;
  }
}
