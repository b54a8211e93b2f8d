package dev.steward.server.system;

import dev.steward.ControlPlaneApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A running Steward for system tests: the real application on a random port with its data directory,
 * started in this JVM and stopped (or restarted) at will.
 */
final class Steward implements AutoCloseable {
  /** A fixed bootstrap token, random enough to pass Steward's strength check (it is no secret: tests only). */
  static final String ADMIN_TOKEN = "stw_WCwYCynr50jSWKcWyD2Kwk_0pVyDqhyIV-YoralG_wU";

  private final Path dataDir;
  private final Database database;
  private final Map<String, String> extra;
  private ConfigurableApplicationContext context;

  private Steward(Path dataDir, Database database, Map<String, String> extra) {
    this.dataDir = dataDir;
    this.database = database;
    this.extra = extra;
  }

  static Steward start(Path dataDir, Database database) {
    return start(dataDir, database, Map.of());
  }

  static Steward start(Path dataDir, Database database, Map<String, String> extra) {
    Steward s = new Steward(dataDir, database, extra);
    s.context = s.boot();
    return s;
  }

  static Map<String, String> properties(Path dataDir, Database database, Map<String, String> extra) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("steward.data-dir", dataDir.toString());
    p.put("steward.bootstrap-token", ADMIN_TOKEN);
    p.put("server.port", "0");
    p.put("logging.level.root", "WARN");
    p.put("logging.level.dev.steward", "WARN");
    p.put("spring.main.banner-mode", "off");
    p.putAll(database.properties());
    p.putAll(extra);
    return p;
  }

  private ConfigurableApplicationContext boot() {
    SpringApplication app = new SpringApplication(ControlPlaneApplication.class);
    app.setWebApplicationType(WebApplicationType.SERVLET);
    // command-line arguments outrank application.yaml, as STEWARD_DATA_DIR would in production
    String[] args = properties(dataDir, database, extra).entrySet().stream()
        .map(e -> "--" + e.getKey() + "=" + e.getValue())
        .toArray(String[]::new);
    return app.run(args);
  }

  int port() {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }

  Api api(String token) {
    return new Api("http://127.0.0.1:" + port(), token);
  }

  Api admin() {
    return api(ADMIN_TOKEN);
  }

  Path dataDir() {
    return dataDir;
  }

  Path repository() {
    return dataDir.resolve("registry.git");
  }

  ConfigurableApplicationContext context() {
    return context;
  }

  <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  /** Publishes an application event in the running Steward, as a module would. */
  void publish(Object event) {
    context.publishEvent(event);
  }

  /** How many rows each table holds, to show that a refused request wrote nothing. */
  Map<String, Long> rowCounts(String... tables) {
    JdbcClient jdbc = bean(JdbcClient.class);
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : tables) {
      counts.put(table, jdbc.sql("select count(*) from " + table).query(Long.class).single());
    }
    return counts;
  }

  void restart() {
    context.close();
    context = boot();
  }

  /** Stops, deletes the index database (the Git repository stays), and starts again. */
  void restartWithEmptyDatabase() {
    context.close();
    deleteRecursively(dataDir.resolve("index"));
    database.recreate();
    context = boot();
  }

  @Override
  public void close() {
    context.close();
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
