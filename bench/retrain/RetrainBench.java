package dev.steward.server.system;

import com.sun.net.httpserver.HttpServer;
import dev.steward.retrain.DriftCause;
import dev.steward.retrain.DriftTriggers;
import dev.steward.testing.kube.KubeApiServer;
import dev.steward.testing.kube.Manifests;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1JobList;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.util.Watch;
import io.kubernetes.client.util.Watchable;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import io.kubernetes.client.util.generic.options.ListOptions;
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
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The retrain scheduler's figures (see README.md here).
 *
 * <ul>
 * <li>{@code cron <plans> <spread-seconds> <lead-seconds>}: two Steward processes on one PostgreSQL database and
 * one registry repository, Quartz clustered; {@code plans} plans with one daily cron trigger each, due at times
 * spread evenly over {@code spread-seconds} starting {@code lead-seconds} from now (0: all in one second), a plain
 * webhook launcher calling a target in this JVM. Reports how late each fire was (Quartz's fire time, the run's
 * commit, the launch call) and proves that none fired twice.</li>
 * <li>{@code drift-job <alerts>}: one Steward (in this JVM) with the Kubernetes Job launcher against a real
 * kube-apiserver; plans with a drift trigger; hands each alert to {@code DriftTriggers.onDrift} (what the alert
 * receiver's listener does with an alert asking for retraining, and the drift monitor's {@code DriftDetected}
 * through its listener) and times it until the Job is seen ADDED by a watch.</li>
 * </ul>
 */
public final class RetrainBench {
  private RetrainBench() {}

  public static void main(String[] args) throws Exception {
    switch (args.length == 0 ? "" : args[0]) {
      case "cron" -> cron(Integer.parseInt(arg(args, 1, "10000")), Integer.parseInt(arg(args, 2, "600")),
          Integer.parseInt(arg(args, 3, "0")));
      case "drift-job" -> driftJob(Integer.parseInt(arg(args, 1, "200")));
      default -> throw new IllegalArgumentException("usage: RetrainBench cron <plans> <spread-s> <lead-s> | drift-job <alerts>");
    }
    System.exit(0);
  }

  private static String arg(String[] args, int i, String fallback) {
    return args.length > i ? args[i] : fallback;
  }

  // ---- cron on a clustered pair -------------------------------------------------------------------------

  /** The launch target: every call's run id, Idempotency-Key and arrival time. */
  private static final class Target implements AutoCloseable {
    record Call(String runId, String key, Instant at) {}

    final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
    final HttpServer server;

    Target() throws Exception {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1000);
      server.createContext("/launch", exchange -> {
        Instant at = Instant.now();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        calls.add(new Call(Api.JSON.readTree(body).path("run_id").asString(),
            String.valueOf(exchange.getRequestHeaders().getFirst("Idempotency-Key")), at));
        exchange.sendResponseHeaders(202, -1);
        exchange.close();
      });
      server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
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

  private static void cron(int plans, int spread, int lead) throws Exception {
    Database database = Database.postgres();
    Path dataDir = Files.createTempDirectory("steward-bench-retrain");
    Map<String, String> settings = new HashMap<>(Map.of("logging.level.dev.steward.retrain", "WARN"));
    String extra = System.getenv("STEWARD_BENCH_PROPERTIES");
    if (extra != null && !extra.isBlank()) {
      for (String p : extra.trim().split("\\s+")) {
        settings.put(p.substring(0, p.indexOf('=')), p.substring(p.indexOf('=') + 1));
      }
    }
    try (Target target = new Target();
        StewardProcess a = StewardProcess.start(dataDir, database, settings);
        StewardProcess b = StewardProcess.start(dataDir, database, settings)) {
      String token = a.admin().issue("bench", "ml-engineer");
      List<Api> apis = List.of(a.api(token), b.api(token));
      int leadSeconds = lead > 0 ? lead : Math.max(60, plans / 12);
      Instant first = Instant.now().plusSeconds(leadSeconds).truncatedTo(ChronoUnit.SECONDS);
      List<Instant> due = new ArrayList<>();
      for (int i = 0; i < plans; i++) {
        due.add(spread == 0 ? first : first.plusMillis((long) i * spread * 1000L / plans).truncatedTo(ChronoUnit.SECONDS));
      }
      System.out.printf(Locale.ROOT, "Registering %d plans through both instances; first due %s, last %s.%n", plans,
          first, due.getLast());
      long registering = System.nanoTime();
      Set<String> late = ConcurrentHashMap.newKeySet();
      ExecutorService clients = Executors.newFixedThreadPool(8);
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < plans; i++) {
        int n = i;
        done.add(clients.submit(() -> {
          Api api = apis.get(n % 2);
          String model = String.format(Locale.ROOT, "cron-%05d", n);
          RegistryFixtures.expectCreated(api.post("/api/v1/models", RegistryFixtures.model(model)));
          ObjectNode launcher = Api.object().put("type", "webhook").put("url", target.url());
          Api.Answer plan = api.post("/api/v1/retrain/plans", RetrainRunsTests.plan(model, launcher,
              Api.object().put("type", "cron").put("expression", daily(due.get(n)))));
          if (plan.status() != 201) {
            throw new IllegalStateException("plan " + model + ": " + plan);
          }
          if (!Instant.now().isBefore(due.get(n).minusSeconds(2))) {
            late.add(model);   // its trigger may fire today or only tomorrow: left out of the figures
          }
          return null;
        }));
      }
      try {
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        clients.shutdownNow();   // a refused registration ends the bench instead of leaving its clients alive
      }
      double registered = (System.nanoTime() - registering) / 1e9;
      System.out.printf(Locale.ROOT, "Registered %d plans in %.1f s (%.0f plans/s); %d registered too close to their "
          + "due time (left out of the figures).%n", plans, registered, plans / registered, late.size());
      if (late.size() > plans / 10) {
        throw new IllegalStateException(late.size() + " plans were registered after their due time; raise the lead");
      }
      int expected = plans - late.size();
      String loadAtStart = load();
      Instant last = due.getLast();
      long deadline = System.nanoTime() + Duration.between(Instant.now(), last).toNanos() + TimeUnit.SECONDS.toNanos(600);
      while (distinct(target) < expected && System.nanoTime() < deadline) {
        Thread.sleep(1000);
      }
      Thread.sleep(10_000);   // a second fire of any trigger would arrive now
      String loadAtEnd = load();

      Map<String, Instant> called = new HashMap<>();
      target.calls.forEach(c -> called.putIfAbsent(c.runId(), c.at()));
      Set<String> keys = new HashSet<>();
      target.calls.forEach(c -> keys.add(c.key()));
      List<JsonNode> runs = new ArrayList<>();
      for (int page = 0; ; page++) {
        JsonNode answer = apis.get(0).get("/api/v1/retrain/runs?size=500&page=" + page).json();
        answer.path("items").forEach(runs::add);
        if (answer.path("items").size() < 500) {
          break;
        }
      }
      Map<String, Integer> perModel = new TreeMap<>();
      List<Double> fired = new ArrayList<>();
      List<Double> recorded = new ArrayList<>();
      List<Double> launched = new ArrayList<>();
      List<Double> reached = new ArrayList<>();
      for (JsonNode run : runs) {
        perModel.merge(run.path("model").asString(), 1, Integer::sum);
        if (late.contains(run.path("model").asString())) {
          continue;
        }
        Instant scheduled = Instant.parse(run.path("cause").path("scheduledAt").asString());
        if (run.path("cause").hasNonNull("firedAt")) {
          fired.add(seconds(scheduled, Instant.parse(run.path("cause").path("firedAt").asString())));
        }
        recorded.add(seconds(scheduled, Instant.parse(run.path("triggeredAt").asString())));
        JsonNode attempt = run.path("attempts").path(0);
        if (attempt.hasNonNull("launchedAt")) {
          launched.add(seconds(scheduled, Instant.parse(attempt.path("launchedAt").asString())));
        }
        Instant at = called.get(run.path("id").asString());
        if (at != null) {
          reached.add(seconds(scheduled, at));
        }
      }
      long twice = perModel.values().stream().filter(c -> c > 1).count();
      long never = perModel.isEmpty() ? expected
          : expected - perModel.keySet().stream().filter(m -> !late.contains(m)).count();
      double fires = RetrainClusterOnPostgresTests.counter(a, "steward.retrain.fired")
          + RetrainClusterOnPostgresTests.counter(b, "steward.retrain.fired");
      double repeated = RetrainClusterOnPostgresTests.counter(a, "steward.retrain.fires.repeated")
          + RetrainClusterOnPostgresTests.counter(b, "steward.retrain.fires.repeated");
      long commits = triggerCommits(dataDir.resolve("registry.git"));
      System.out.println();
      System.out.printf(Locale.ROOT, "plans %d, due over %d s (%.1f fires/s), load average %s at the first fire, %s at "
          + "the end%n", plans, spread, spread == 0 ? plans : (double) plans / spread, loadAtStart, loadAtEnd);
      System.out.printf(Locale.ROOT, "fires: %s on A, %s on B (fired counter %.0f, repeated %.0f); runs %d; models "
          + "with two runs %d, without a run %d; 'Trigger retrain run' commits %d%n",
          RetrainClusterOnPostgresTests.counter(a, "steward.retrain.fired"),
          RetrainClusterOnPostgresTests.counter(b, "steward.retrain.fired"), fires, repeated, runs.size(), twice, never,
          commits);
      System.out.printf(Locale.ROOT, "launch calls %d, distinct runs %d, distinct Idempotency-Keys %d%n",
          target.calls.size(), called.size(), keys.size());
      System.out.println("lateness of Quartz's fire time (cause.firedAt): " + summary(fired));
      System.out.println("lateness of the run's commit (triggeredAt): " + summary(recorded));
      System.out.println("lateness of the launch recorded (launchedAt): " + summary(launched));
      System.out.println("lateness of the launch call at the target: " + summary(reached));
      if (twice > 0 || target.calls.size() != called.size() || called.size() < expected || never > 0) {
        System.out.println("FAILED: a trigger fired twice or not at all");
        System.exit(1);
      }
    } finally {
      if (System.getenv("STEWARD_BENCH_KEEP") == null) {
        Steward.deleteRecursively(dataDir);
      } else {
        System.out.println("data directory kept: " + dataDir);
      }
    }
  }

  private static int distinct(Target target) {
    Set<String> runs = new HashSet<>();
    target.calls.forEach(c -> runs.add(c.runId()));
    return runs.size();
  }

  private static String daily(Instant at) {
    ZonedDateTime t = at.atZone(ZoneOffset.UTC);
    return t.getSecond() + " " + t.getMinute() + " " + t.getHour() + " * * ?";
  }

  private static long triggerCommits(Path repository) throws Exception {
    Process git = new ProcessBuilder("git", "--git-dir=" + repository, "log", "--format=%s").redirectErrorStream(true)
        .start();
    long count = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
        .filter(l -> l.startsWith("Trigger retrain run")).count();
    git.waitFor();
    return count;
  }

  // ---- drift alert to Job ---------------------------------------------------------------------------------

  private static void driftJob(int alerts) throws Exception {
    Path binary = Path.of(System.getenv().getOrDefault("STEWARD_KUBE_APISERVER_BIN",
        "testing/kube-apiserver/bin/steward-kube-apiserver"));
    Database database = System.getenv("STEWARD_TEST_POSTGRES_URL") == null ? Database.h2() : Database.postgres();
    Path dataDir = Files.createTempDirectory("steward-bench-drift-job");
    String namespace = "retrain-bench";
    int warmUp = 20;
    try (KubeApiServer server = KubeApiServer.start(binary, Manifests.inferenceServiceCrd())) {
      new CoreV1Api(server.adminClient()).createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name(namespace)))
          .execute();
      Path kubeconfig = server.writeAdminKubeconfig(dataDir.resolve("kubeconfig"));
      Map<String, Instant> added = new ConcurrentHashMap<>();
      Map<String, CountDownLatch> waiting = new ConcurrentHashMap<>();
      Thread watcher = Thread.ofPlatform().daemon().start(() -> watchJobs(server, namespace, added, waiting));
      try (Steward steward = Steward.start(dataDir, database, Map.of("steward.retrain.kubernetes.enabled", "true",
          "steward.retrain.kubernetes.kubeconfig", kubeconfig.toString()))) {
        Api alice = steward.admin().as(steward.admin().issue("alice", "ml-engineer"));
        int total = warmUp + alerts;
        for (int i = 0; i < total; i++) {
          String model = String.format(Locale.ROOT, "drifty-%04d", i);
          RegistryFixtures.expectCreated(alice.post("/api/v1/models", RegistryFixtures.model(model)));
          ObjectNode launcher = Api.object().put("type", "kubernetes-job").put("namespace", namespace);
          launcher.set("template", RetrainJobLauncherE2E.template("registry.example/train:1"));
          Api.Answer plan = alice.post("/api/v1/retrain/plans", RetrainRunsTests.plan(model, launcher,
              Api.object().put("type", "drift").put("environment", "production").put("cooldown", "0s")
                  .put("minInterval", "0s")).put("timeout", "1h"));
          if (plan.status() != 201) {
            throw new IllegalStateException(plan.toString());
          }
        }
        System.out.printf(Locale.ROOT, "%d plans registered; load average %s.%n", total, load());
        DriftTriggers drift = steward.bean(DriftTriggers.class);
        List<Double> toRecorded = new ArrayList<>();
        List<Double> toJob = new ArrayList<>();
        for (int i = 0; i < total; i++) {
          String model = String.format(Locale.ROOT, "drifty-%04d", i);
          CountDownLatch seen = new CountDownLatch(1);
          waiting.put(model, seen);
          long t0 = System.nanoTime();
          Instant sent = Instant.now();
          List<String> started = drift.onDrift(model, "production", new DriftCause.Alert(
              String.format(Locale.ROOT, "%016x", 0xbe9c0000L + i), sent, "StewardDriftPersistent", 1));
          long t1 = System.nanoTime();
          if (started.size() != 1) {
            throw new IllegalStateException("the alert for " + model + " started " + started);
          }
          if (!seen.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no Job for " + model + " within 30 s");
          }
          if (i >= warmUp) {
            toRecorded.add((t1 - t0) / 1e9);
            toJob.add(Duration.between(sent, added.get(model)).toNanos() / 1e9);
          }
          Thread.sleep(50);
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%d drift alerts, one at a time (after %d warm-up alerts), load average %s%n",
            alerts, warmUp, load());
        System.out.println("alert to run recorded (onDrift returned): " + summary(toRecorded));
        System.out.println("alert to Job created (watch ADDED): " + summary(toJob));
      } finally {
        watcher.interrupt();
      }
    } finally {
      Steward.deleteRecursively(dataDir);
    }
  }

  private static void watchJobs(KubeApiServer server, String namespace, Map<String, Instant> added,
      Map<String, CountDownLatch> waiting) {
    io.kubernetes.client.openapi.ApiClient client = server.adminClient();
    client.setReadTimeout(0);
    GenericKubernetesApi<V1Job, V1JobList> jobs = new GenericKubernetesApi<>(V1Job.class, V1JobList.class, "batch", "v1",
        "jobs", client);
    String version = null;
    while (!Thread.currentThread().isInterrupted()) {
      try {
        if (version == null) {
          version = jobs.list(namespace).throwsApiException().getObject().getMetadata().getResourceVersion();
        }
        try (Watchable<V1Job> events = jobs.watch(namespace, new ListOptions().resourceVersion(version)
            .timeoutSeconds(300))) {
          for (Watch.Response<V1Job> event : events) {
            Instant at = Instant.now();
            if (event.object == null || event.object.getMetadata() == null) {
              continue;
            }
            version = event.object.getMetadata().getResourceVersion();
            if ("ADDED".equals(event.type)) {
              String model = event.object.getMetadata().getLabels().get("steward.dev/model");
              added.putIfAbsent(model, at);
              CountDownLatch latch = waiting.get(model);
              if (latch != null) {
                latch.countDown();
              }
            }
          }
        }
      } catch (Exception e) {
        version = null;
      }
    }
  }

  // ---- figures --------------------------------------------------------------------------------------------

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e9;
  }

  static String summary(List<Double> values) {
    if (values.isEmpty()) {
      return "no values";
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return String.format(Locale.ROOT, "n %d, p50 %.3f s, p90 %.3f s, p99 %.3f s, max %.3f s", sorted.size(),
        percentile(sorted, 0.50), percentile(sorted, 0.90), percentile(sorted, 0.99), sorted.getLast());
  }

  private static double percentile(List<Double> sorted, double q) {
    return sorted.get(Math.max(0, (int) Math.ceil(q * sorted.size()) - 1));
  }

  private static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (Exception e) {
      return "?";
    }
  }
}
