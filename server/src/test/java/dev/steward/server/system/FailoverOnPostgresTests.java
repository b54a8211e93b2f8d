package dev.steward.server.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Three Steward replicas on 127.0.0.1 sharing one PostgreSQL and one Git remote served by {@code git daemon}
 * (docs/high-availability.md). Eight clients register model versions and promote them through whichever replica
 * answers (as behind a Service: a replica that refuses the connection is skipped); the leader is killed with
 * SIGKILL mid-stream. A follower takes over within the lease, every acknowledged write is there once, version
 * numbers stay dense, reads never fail for longer than the takeover, and the old leader, started again, rejoins
 * as a follower.
 */
class FailoverOnPostgresTests {
  private static final Duration LEASE = Duration.ofSeconds(6);
  private static final int MODELS = 4;
  private static final int CLIENTS = 8;

  /** One acknowledged registration: the version the leader answered and the artifact that makes it unique. */
  record Registered(String model, int version, String artifactUri) {}

  @Test
  void aFollowerTakesOverFromAKilledLeaderWithoutLosingAnAcknowledgedWrite() throws Exception {
    Database database = Database.postgres();
    Path base = Files.createTempDirectory("steward-failover");
    List<StewardProcess> replicas = new CopyOnWriteArrayList<>();
    boolean passed = false;
    try (GitServer git = GitServer.start(Files.createDirectories(base.resolve("git")))) {
      Path key = base.resolve("signing_key");
      GitServer.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "steward", "-f", key.toString()));
      ExecutorService starts = Executors.newFixedThreadPool(3);
      List<Future<StewardProcess>> started = new ArrayList<>();
      for (String name : List.of("a", "b", "c")) {
        Path dataDir = Files.createDirectories(base.resolve(name));
        started.add(starts.submit(() -> StewardProcess.start(dataDir, database, port -> ha(port, git, key))));
      }
      ExecutionException notStarted = null;
      for (Future<StewardProcess> f : started) {
        try {
          replicas.add(f.get());
        } catch (ExecutionException e) {
          notStarted = e; // the others that started are closed below
        }
      }
      starts.shutdown();
      if (notStarted != null) {
        throw notStarted;
      }
      Front front = new Front(replicas);
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> leader(replicas).isPresent());
      // the leader registers the bootstrap token; every replica then authenticates it from the shared index
      await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> replicas.stream()
          .allMatch(r -> r.admin().get("/api/v1/models").status() == 200));
      String alice = replicas.get(0).admin().issue("alice", "ml-engineer");
      for (int m = 0; m < MODELS; m++) {
        RegistryFixtures.expectCreated(front.post(alice, "/api/v1/models", RegistryFixtures.model("m" + m)));
      }

      AtomicBoolean stop = new AtomicBoolean();
      ConcurrentLinkedQueue<Registered> registered = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<String> promoted = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<Long> acknowledgedAt = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<long[]> readFailures = new ConcurrentLinkedQueue<>();
      AtomicInteger refused = new AtomicInteger();
      AtomicLong reads = new AtomicLong();
      ExecutorService load = Executors.newFixedThreadPool(CLIENTS + 2);
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        running.add(load.submit(() -> {
          for (int op = 0; !stop.get(); op++) {
            String model = "m" + ((client + op) % MODELS);
            String artifact = "s3://models/" + model + "/client-" + client + "/op-" + op;
            ObjectNode body = RegistryFixtures.minimalModelVersion().put("artifactUri", artifact);
            Api.Answer a = front.post(alice, "/api/v1/models/" + model + "/versions", body);
            if (a.status() != 201) {
              refused.incrementAndGet();
              continue;
            }
            int version = a.json().path("version").asInt();
            registered.add(new Registered(model, version, artifact));
            acknowledgedAt.add(System.nanoTime());
            if (op % 4 == 3) {
              Api.Answer p = front.post(alice, "/api/v1/promotions", PromotionJourneyTests.promotion(model, version, "dev"));
              if (p.status() == 201) {
                promoted.add(p.text("id"));
                acknowledgedAt.add(System.nanoTime());
              } else {
                refused.incrementAndGet();
              }
            }
          }
          return null;
        }));
      }
      for (int r = 0; r < 2; r++) {
        running.add(load.submit(() -> {
          long failingSince = -1;
          while (!stop.get()) {
            boolean ok;
            try {
              ok = front.get(alice, "/api/v1/models/m0/versions?size=5").status() == 200;
            } catch (RuntimeException e) {
              ok = false;
            }
            reads.incrementAndGet();
            long now = System.nanoTime();
            if (!ok && failingSince < 0) {
              failingSince = now;
            } else if (ok && failingSince >= 0) {
              readFailures.add(new long[] {failingSince, now});
              failingSince = -1;
            }
            Thread.sleep(20);
          }
          return null;
        }));
      }

      Thread.sleep(8_000);
      StewardProcess old = leader(replicas).orElseThrow();
      int beforeKill = registered.size();
      long killedAt = System.nanoTime();
      old.kill();
      List<StewardProcess> survivors = replicas.stream().filter(r -> r != old).toList();
      await().atMost(LEASE.plusSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> leader(survivors).isPresent());
      long tookOverAt = System.nanoTime();
      StewardProcess next = leader(survivors).orElseThrow();
      await().atMost(Duration.ofSeconds(30)).until(() -> acknowledgedAt.stream().anyMatch(t -> t > killedAt));
      long firstAck = acknowledgedAt.stream().filter(t -> t > killedAt).min(Long::compare).orElseThrow();
      Thread.sleep(6_000);

      old.restart();
      await().atMost(Duration.ofSeconds(30)).until(() -> "follower".equals(role(old)));
      Thread.sleep(4_000);
      stop.set(true);
      for (Future<?> f : running) {
        f.get();
      }
      load.shutdown();

      Duration takeover = Duration.ofNanos(tookOverAt - killedAt);
      Duration firstWrite = Duration.ofNanos(firstAck - killedAt);
      long longestReadFailure = readFailures.stream().mapToLong(w -> w[1] - w[0]).max().orElse(0);
      System.out.printf("Failover: %d registrations and %d promotions acknowledged (%d before the kill), %d refused;"
              + " leader killed, a follower led after %d ms, first write acknowledged by it after %d ms; %d reads,"
              + " longest failing stretch %d ms.%n", registered.size(), promoted.size(), beforeKill, refused.get(),
          takeover.toMillis(), firstWrite.toMillis(), reads.get(), longestReadFailure / 1_000_000);

      assertThat(takeover).as("takeover time").isLessThan(LEASE);
      assertThat(registered.size()).as("writes acknowledged after the kill").isGreaterThan(beforeKill);
      assertThat(Duration.ofNanos(longestReadFailure)).as("longest stretch of failing reads").isLessThanOrEqualTo(takeover);
      assertThat(role(old)).isEqualTo("follower");
      assertThat(leader(replicas)).contains(next);

      // every acknowledged registration is there once, and numbers are dense: 1..n per model
      Api reader = next.api(alice);
      Map<String, Map<Integer, String>> all = new HashMap<>();
      for (int m = 0; m < MODELS; m++) {
        all.put("m" + m, versions(reader, "m" + m));
      }
      for (Map.Entry<String, Map<Integer, String>> e : all.entrySet()) {
        assertThat(new TreeSet<>(e.getValue().keySet())).as("versions of " + e.getKey())
            .containsExactlyElementsOf(range(e.getValue().size()));
      }
      Map<String, Integer> artifacts = new HashMap<>();
      all.values().forEach(v -> v.values().forEach(uri -> artifacts.merge(uri, 1, Integer::sum)));
      for (Registered r : registered) {
        assertThat(all.get(r.model()).get(r.version())).as(r.toString()).isEqualTo(r.artifactUri());
        assertThat(artifacts.get(r.artifactUri())).as("copies of " + r.artifactUri()).isEqualTo(1);
      }
      for (String id : promoted) {
        assertThat(reader.get("/api/v1/promotions/" + id).status()).as("promotion " + id).isEqualTo(200);
      }
      // the restarted replica forwards writes and reads what the leader wrote
      Api viaOld = old.api(alice);
      Api.Answer late = viaOld.post("/api/v1/models/m0/versions",
          RegistryFixtures.minimalModelVersion().put("artifactUri", "s3://models/m0/after-restart"));
      assertThat(late.status()).as(late.toString()).isEqualTo(201);
      assertThat(late.json().path("version").asInt()).isEqualTo(all.get("m0").size() + 1);
      JsonNode verify = next.admin().get("/api/v1/lineage/verify").json();
      assertThat(verify.path("ok").asBoolean()).as(verify.toString()).isTrue();
      // the remote holds every acknowledged commit, and the fence moved with main on each push
      String main = git.git("rev-parse", "refs/heads/main").strip();
      assertThat(git.git("rev-parse", "refs/steward/leader").strip()).isEqualTo(main);
      assertThat(Integer.parseInt(git.git("rev-list", "--count", "refs/heads/main").strip()))
          .isGreaterThan(registered.size() + promoted.size());
      passed = true;
    } finally {
      for (StewardProcess r : replicas) {
        r.close();
      }
      if (passed) {
        Steward.deleteRecursively(base);
      } else {
        System.out.println("The replicas' logs are kept under " + base);
      }
    }
  }

  private static Map<String, String> ha(int port, GitServer git, Path key) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("steward.ha.enabled", "true");
    p.put("steward.ha.advertised-url", "http://127.0.0.1:" + port);
    p.put("steward.ha.lease-duration", LEASE.toSeconds() + "s");
    p.put("steward.ha.retry-period", "500ms");
    p.put("steward.ha.follow-interval", "500ms");
    p.put("steward.lineage.remote", git.url());
    p.put("steward.lineage.signing.key", key.toString());
    p.put("logging.level.dev.steward.lineage", "INFO");
    p.put("logging.level.dev.steward.server.ha", "INFO");
    p.put("logging.level.dev.steward.registry.RegistryIndex", "INFO");
    return p;
  }

  private static Optional<StewardProcess> leader(List<StewardProcess> replicas) {
    return replicas.stream().filter(r -> "leader".equals(role(r))).findFirst();
  }

  private static String role(StewardProcess replica) {
    if (!replica.alive()) {
      return "dead";
    }
    try {
      Api.Answer health = replica.admin().get("/actuator/health");
      return health.json().path("components").path("leadership").path("details").path("role").asString("unknown");
    } catch (RuntimeException e) {
      return "unreachable";
    }
  }

  private static Map<Integer, String> versions(Api api, String model) {
    Map<Integer, String> found = new HashMap<>();
    for (int page = 0; ; page++) {
      JsonNode list = api.get("/api/v1/models/" + model + "/versions?size=500&page=" + page).json();
      for (JsonNode v : list.path("items")) {
        assertThat(found.put(v.path("version").asInt(), v.path("artifactUri").asString())).as("duplicate version").isNull();
      }
      if (list.path("items").size() < 500) {
        return found;
      }
    }
  }

  private static List<Integer> range(int n) {
    List<Integer> r = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      r.add(i);
    }
    return r;
  }

  /**
   * The replicas behind one address, as a Service spreads calls: round robin, and a replica that refuses the
   * connection (nothing was sent) is left out for a second while the call goes to the next. A call whose
   * connection broke after it was sent answers status -1: it was not acknowledged.
   */
  static final class Front {
    private final List<StewardProcess> replicas;
    private final AtomicInteger next = new AtomicInteger();
    private final Map<Integer, Long> downUntil = new ConcurrentHashMap<>();

    Front(List<StewardProcess> replicas) {
      this.replicas = replicas;
    }

    Api.Answer get(String token, String path) {
      return send(token, api -> api.get(path));
    }

    Api.Answer post(String token, String path, Object body) {
      return send(token, api -> api.post(path, body));
    }

    private Api.Answer send(String token, java.util.function.Function<Api, Api.Answer> call) {
      UncheckedIOException last = null;
      for (int attempt = 0; attempt < 3 * replicas.size(); attempt++) {
        StewardProcess r = replicas.get(Math.floorMod(next.getAndIncrement(), replicas.size()));
        if (downUntil.getOrDefault(r.port(), 0L) > System.nanoTime()) {
          continue;
        }
        try {
          return call.apply(r.api(token));
        } catch (UncheckedIOException e) {
          if (!(e.getCause() instanceof ConnectException)) {
            // sent, and the connection broke (the replica was killed): not acknowledged
            return new Api.Answer(-1, "", String.valueOf(e.getCause()));
          }
          last = e;
          downUntil.put(r.port(), System.nanoTime() + Duration.ofSeconds(1).toNanos());
        }
      }
      throw last != null ? last : new IllegalStateException("every replica is marked down");
    }
  }
}
