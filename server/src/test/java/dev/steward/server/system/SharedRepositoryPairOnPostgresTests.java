package dev.steward.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Two Steward processes on one PostgreSQL database and one data directory (one registry repository), as the
 * retrain cluster tests and bench run them: a model whose creation an instance answered 201 is readable on that
 * instance right after, while the other instance commits to the same repository at the same time.
 */
class SharedRepositoryPairOnPostgresTests {

  @Test
  void aModelCreatedThroughEitherInstanceIsReadableThereRightAfterWhileTheOtherCommits() throws Exception {
    Database database = Database.postgres();
    Path dataDir = Files.createTempDirectory("steward-pair");
    try (StewardProcess a = StewardProcess.start(dataDir, database, Map.of());
        StewardProcess b = StewardProcess.start(dataDir, database, Map.of())) {
      String token = a.admin().issue("alice", "ml-engineer");
      List<Api> apis = List.of(a.api(token), b.api(token));
      ConcurrentLinkedQueue<String> missing = new ConcurrentLinkedQueue<>();
      ExecutorService clients = Executors.newFixedThreadPool(8);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          int thread = t;
          done.add(clients.submit(() -> {
            Api via = apis.get(thread % 2);
            for (int i = 0; i < 40; i++) {
              String model = "pair-" + thread + "-" + i;
              RegistryFixtures.expectCreated(via.post("/api/v1/models", RegistryFixtures.model(model)));
              Api.Answer read = via.get("/api/v1/models/" + model);
              if (read.status() != 200) {
                missing.add(model + " via " + (thread % 2 == 0 ? "A" : "B") + ": " + read);
              }
            }
            return null;
          }));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        clients.shutdownNow();
      }
      assertThat(missing).as("models answered 201 but not readable right after on the same instance").isEmpty();
    } finally {
      Steward.deleteRecursively(dataDir);
    }
  }
}
