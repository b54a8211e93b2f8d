package dev.steward.deployer;

import dev.steward.lineage.Change;
import dev.steward.lineage.Lineage;
import dev.steward.policies.DesiredStates;
import dev.steward.registry.ModelFormat;
import dev.steward.registry.ModelRegistry;
import dev.steward.registry.ModelVersion;
import dev.steward.registry.Registrations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The deployer (with the registry and a real Git repository and H2 file database under one directory) in
 * this JVM, configured like a server, that a test can stop and start again on the same data.
 */
final class TestSteward implements AutoCloseable {
  private static final AtomicInteger PROMOTIONS = new AtomicInteger();

  private final Path dataDir;
  private final Map<String, String> properties;
  private ConfigurableApplicationContext context;

  private TestSteward(Path dataDir, Map<String, String> properties) {
    this.dataDir = dataDir;
    this.properties = properties;
  }

  /** Starts with these properties on top of a data directory, an H2 file database and quiet logging. */
  static TestSteward start(Path dataDir, Map<String, String> extra) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("steward.data-dir", dataDir.toString());
    p.put("spring.datasource.url", "jdbc:h2:file:" + dataDir.resolve("index/steward")
        + ";DB_CLOSE_ON_EXIT=FALSE;AUTO_RECONNECT=FALSE");
    p.put("spring.datasource.username", "steward");
    p.put("spring.datasource.password", "");
    p.put("spring.main.banner-mode", "off");
    p.put("steward.drift.kserve.ingest-key", "k3y");
    p.put("steward.deployer.public-url", "http://steward.steward.svc:8080");
    p.putAll(extra);
    TestSteward s = new TestSteward(dataDir, p);
    s.context = s.boot();
    return s;
  }

  private ConfigurableApplicationContext boot() {
    SpringApplication app = new SpringApplication(DeployerTestApplication.class);
    app.setWebApplicationType(WebApplicationType.NONE);
    return app.run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
        .toArray(String[]::new));
  }

  Deployer deployer() {
    return context.getBean(Deployer.class);
  }

  Lineage lineage() {
    return context.getBean(Lineage.class);
  }

  <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  /** Registers {@code model} (once) and a version with this artifact. */
  ModelVersion register(String model, String artifactUri) {
    ModelRegistry registry = bean(ModelRegistry.class);
    try {
      registry.model(model);
    } catch (RuntimeException missing) {
      registry.registerModel("alice", new Registrations.NewModel(model, null, "test model"));
    }
    return registry.registerModelVersion("alice", model, new Registrations.NewModelVersion(artifactUri,
        new ModelFormat("sklearn", "1"), null, null, Map.of("auc", 0.9), null, null, null, null, null, null, null,
        null));
  }

  /** What an approved promotion does: the desired state in one commit with the approval. */
  void approve(String environment, ModelVersion version) {
    String id = "p" + PROMOTIONS.incrementAndGet();
    deployer().approve(new DesiredStates.ApprovedPromotion(id, version.name(), version.version(),
        String.valueOf(version.digest()), environment, List.of("rita"), "better AUC", "bob", Instant.now()),
        files -> lineage().record(new Change("rita", "approve-promotion", "promotion " + id,
            "Approve promotion " + id, files.files(), Map.of())));
  }

  /** Stops and starts again on the same data directory and database. */
  void restart() {
    context.close();
    context = boot();
  }

  void stop() {
    context.close();
  }

  void startAgain() {
    context = boot();
  }

  @Override
  public void close() {
    if (context.isActive()) {
      context.close();
    }
  }

  static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
