package dev.steward.server.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Two Steward processes on one PostgreSQL database (and one registry repository), their Quartz schedulers
 * clustered: triggers due at the same moment fire once across the pair, and when one process is killed with
 * SIGKILL while its launches run, the other takes them over (or Quartz recovers its fires) without losing or
 * doubling a run.
 */
class RetrainClusterOnPostgresTests {
  private static final Map<String, String> CLUSTER = Map.of(
      "steward.retrain.cluster-checkin-interval", "1s",
      "steward.retrain.supervise-interval", "2s",
      "logging.level.dev.steward.retrain", "INFO",
      "logging.level.org.quartz", "INFO");

  /** Records every launch call: the run id of its body. */
  private static final class Target implements AutoCloseable {
    final ConcurrentLinkedQueue<String> runs = new ConcurrentLinkedQueue<>();
    final HttpServer server;

    Target(Duration hold) throws Exception {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
      server.createContext("/launch", exchange -> {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        try {
          Thread.sleep(hold.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        runs.add(Api.JSON.readTree(body).path("run_id").asString());
        exchange.sendResponseHeaders(202, -1);
        exchange.close();
      });
      server.setExecutor(Executors.newFixedThreadPool(64));
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/launch";
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  @Test
  void twoHundredTriggersDueInTheSameSecondFireOnceAcrossThePair() throws Exception {
    Database database = Database.postgres();
    Path dataDir = Files.createTempDirectory("steward-cluster");
    try (Target target = new Target(Duration.ZERO);
        StewardProcess a = StewardProcess.start(dataDir, database, CLUSTER);
        StewardProcess b = StewardProcess.start(dataDir, database, CLUSTER)) {
      String token = a.admin().issue("alice", "ml-engineer");
      Api alice = a.api(token);
      Api bob = b.api(token);
      Instant due = dueAfter(Duration.ofSeconds(75));
      List<String> models = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String model = "cron-" + i;
        Api via = i % 2 == 0 ? alice : bob;   // plans registered through both instances
        RegistryFixtures.expectCreated(via.post("/api/v1/models", RegistryFixtures.model(model)));
        Api.Answer plan = via.post("/api/v1/retrain/plans", RetrainRunsTests.plan(model, webhook(target.url()),
            Api.object().put("type", "cron").put("expression", daily(due))));
        assertThat(plan.status()).as(plan.toString()).isEqualTo(201);
        models.add(model);
      }
      assertThat(Instant.now()).as("registration must finish before the triggers are due").isBefore(due);

      await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1)).until(() -> target.runs.size() >= 200);
      Thread.sleep(5000);   // a double fire would come now
      assertThat(target.runs).hasSize(200);
      assertThat(new HashSet<>(target.runs)).hasSize(200);
      for (String model : models) {
        JsonNode runs = alice.get("/api/v1/retrain/runs?model=" + model).json();
        assertThat(runs.path("total").asInt()).as(model).isEqualTo(1);
        assertThat(runs.path("items").get(0).path("cause").path("scheduledAt").asString()).isEqualTo(due.toString());
      }
      double fired = counter(a, "steward.retrain.fired") + counter(b, "steward.retrain.fired");
      assertThat(fired).isEqualTo(200);
      assertThat(counter(a, "steward.retrain.fires.repeated") + counter(b, "steward.retrain.fires.repeated")).isZero();
      System.out.printf("Cluster fire: %s fired on A, %s on B; Quartz fire lateness A %s, B %s; run recorded A %s, B %s.%n",
          counter(a, "steward.retrain.fired"), counter(b, "steward.retrain.fired"),
          timer(a, "steward.retrain.fire.lateness"), timer(b, "steward.retrain.fire.lateness"),
          timer(a, "steward.retrain.fire.recorded"), timer(b, "steward.retrain.fire.recorded"));
    } finally {
      Steward.deleteRecursively(dataDir);
    }
  }

  @Test
  void stepsOfAKilledInstanceAreRecoveredByTheOtherWithoutLosingOrDoublingARun() throws Exception {
    Database database = Database.postgres();
    Path dataDir = Files.createTempDirectory("steward-cluster-kill");
    try (Target target = new Target(Duration.ofSeconds(6));
        StewardProcess a = StewardProcess.start(dataDir, database, CLUSTER);
        StewardProcess b = StewardProcess.start(dataDir, database, CLUSTER)) {
      String token = a.admin().issue("alice", "ml-engineer");
      Api alice = a.api(token);
      Api bob = b.api(token);
      Instant due = dueAfter(Duration.ofSeconds(25));
      List<String> models = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String model = "kill-" + i;
        RegistryFixtures.expectCreated(alice.post("/api/v1/models", RegistryFixtures.model(model)));
        ObjectNode launcher = webhook(target.url()).put("callTimeout", "30s");
        assertThat(alice.post("/api/v1/retrain/plans", RetrainRunsTests.plan(model, launcher,
            Api.object().put("type", "cron").put("expression", cron(due)))).status()).isEqualTo(201);
        models.add(model);
      }
      // both instances are now blocked in launch calls the target holds for 6 s: kill one of them mid-step
      await().atMost(Duration.ofSeconds(60)).until(() -> Instant.now().isAfter(due.plusSeconds(2)));
      a.kill();

      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
        for (String model : models) {
          JsonNode runs = bob.get("/api/v1/retrain/runs?model=" + model).json();
          assertThat(runs.path("total").asInt()).as(model + ": " + runs).isEqualTo(1);
          assertThat(runs.path("items").get(0).path("state").asString()).as(model).isEqualTo("launched");
        }
      });
      Set<String> launched = new HashSet<>(target.runs);
      assertThat(launched).hasSize(20);
      double recovered = recoveredFires(b);
      double takenOver = counter(b, "steward.retrain.attempts.taken-over");
      assertThat(recovered + takenOver).as("fires B recovered from A and launches it took over").isPositive();
      for (String model : models) {
        JsonNode run = bob.get("/api/v1/retrain/runs?model=" + model).json().path("items").get(0);
        assertThat(run.path("attempts")).as(model).hasSize(1);
      }
      System.out.printf("Kill -9: %s launch calls for 20 runs; B recovered %s fires of A and took over %s launches.%n",
          target.runs.size(), recovered, takenOver);
    } finally {
      Steward.deleteRecursively(dataDir);
    }
  }

  static ObjectNode webhook(String url) {
    return Api.object().put("type", "webhook").put("url", url);
  }

  /** A whole second at least {@code ahead} from now. */
  static Instant dueAfter(Duration ahead) {
    return Instant.now().plus(ahead).truncatedTo(ChronoUnit.SECONDS);
  }

  /** A Quartz cron expression (UTC) that fires every day at the time of day of {@code at}. */
  static String daily(Instant at) {
    ZonedDateTime t = at.atZone(ZoneOffset.UTC);
    return t.getSecond() + " " + t.getMinute() + " " + t.getHour() + " * * ?";
  }

  /** A Quartz cron expression (UTC) that fires once, at {@code at}. */
  static String cron(Instant at) {
    ZonedDateTime t = at.atZone(ZoneOffset.UTC);
    return t.getSecond() + " " + t.getMinute() + " " + t.getHour() + " " + t.getDayOfMonth() + " " + t.getMonthValue()
        + " ? " + t.getYear();
  }

  static double counter(StewardProcess steward, String name) {
    JsonNode m = steward.admin().get("/actuator/metrics/" + name).json();
    double sum = 0;
    for (JsonNode measurement : m.path("measurements")) {
      if (measurement.path("statistic").asString().equals("COUNT")) {
        sum += measurement.path("value").asDouble();
      }
    }
    return sum;
  }

  static double recoveredFires(StewardProcess steward) {
    JsonNode m = steward.admin().get("/actuator/metrics/steward.retrain.fired?tag=recovered:true").json();
    return m.path("measurements").isEmpty() ? 0 : m.path("measurements").get(0).path("value").asDouble();
  }

  /** A timer's count, mean and max, in seconds. */
  static String timer(StewardProcess steward, String name) {
    Map<String, Double> values = new java.util.HashMap<>();
    steward.admin().get("/actuator/metrics/" + name).json().path("measurements")
        .forEach(m -> values.put(m.path("statistic").asString(), m.path("value").asDouble()));
    double count = values.getOrDefault("COUNT", 0.0);
    return String.format("n=%.0f mean=%.3fs max=%.3fs", count, count == 0 ? 0 : values.get("TOTAL_TIME") / count,
        values.getOrDefault("MAX", 0.0));
  }
}
