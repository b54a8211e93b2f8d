package dev.steward.server.system;

import dev.steward.testing.kube.KServe;
import dev.steward.testing.kube.KubeApiServer;
import dev.steward.testing.kube.Manifests;
import dev.steward.testing.kube.TestingKServeController;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * The alert receiver's figures (see README.md here), with Steward in this JVM on H2 and a cluster environment on
 * a real kube-apiserver with the fake KServe controller:
 * <ol>
 *   <li>webhook receipt to InferenceService patched: an Alertmanager v4 delivery asking for a rollback, timed from
 *       before the HTTP call until the kube-apiserver holds the InferenceService's next generation, over
 *       {@code alerts} alerts ({@code models} models rolled back and promoted again in rounds);
 *   <li>{@code duplicates} deliveries of one alert from {@code senders} concurrent senders: how many acted.
 * </ol>
 * Usage: {@code AlertsBench [alerts] [models] [duplicates] [senders]} (defaults 200 20 1000 8).
 */
public final class AlertsBench {
  private AlertsBench() {}

  public static void main(String[] args) throws Exception {
    int alerts = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int models = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int duplicates = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    int senders = args.length > 3 ? Integer.parseInt(args[3]) : 8;
    Path binary = Path.of(System.getenv().getOrDefault("STEWARD_KUBE_APISERVER_BIN",
        "testing/kube-apiserver/bin/steward-kube-apiserver"));
    Path dataDir = Files.createTempDirectory("steward-bench-alerts");
    try (KubeApiServer server = KubeApiServer.start(binary, Manifests.inferenceServiceCrd())) {
      String ns = "bench-alerts";
      new CoreV1Api(server.adminClient()).createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name(ns)))
          .execute();
      DynamicKubernetesApi isvcs = KServe.inferenceServices(server.adminClient());
      try (TestingKServeController kserve = TestingKServeController.start(server.adminClient(), ns)) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("steward.environments[0].name", "production");
        p.put("steward.environments[0].policy", "dev-gate");
        p.put("steward.environments[0].namespace", ns);
        p.put("steward.environments[0].target", "cluster");
        p.put("steward.environments[0].deployment.deployment-mode", "Knative");
        p.put("steward.deployer.kubeconfig", server.writeKubeconfig(dataDir.resolve("kubeconfig"), false).toString());
        p.put("steward.deployer.public-url", "http://steward.steward.svc:8080");
        p.put("steward.drift.kserve.ingest-key", "k3y");
        p.put("steward.alerts.cooldown", "0s");
        try (Steward steward = Steward.start(dataDir, Database.h2(), p)) {
          Api admin = steward.admin();
          Api alice = admin.as(admin.issue("alice", "ml-engineer"));
          Api webhook = admin.as(admin.issue("alertmanager", "alertmanager"));
          List<String> names = new ArrayList<>();
          for (int m = 0; m < models; m++) {
            String model = "bench-" + m;
            names.add(model);
            DriftTraffic.registerModel(alice, model);
            AlertPayloads.registerNextVersion(alice, model);
            promote(alice, model, 1);
          }
          awaitAll(alice, names, 1);
          System.out.printf(Locale.ROOT, "%d models on version 1 in the cluster%n", models);

          List<Long> latencies = new ArrayList<>();
          Instant base = Instant.parse("2026-12-02T00:00:00Z");
          int rounds = (alerts + models - 1) / models;
          for (int round = 0; round < rounds && latencies.size() < alerts; round++) {
            for (String model : names) {
              promote(alice, model, 2);
            }
            awaitAll(alice, names, 2);
            for (String model : names) {
              if (latencies.size() == alerts) {
                break;
              }
              long before = generation(isvcs, ns, model);
              var alert = AlertPayloads.Alert.firing(String.format(Locale.ROOT, "%016x", (long) model.hashCode() & 0xffffffffL),
                  base.plusSeconds(round), model, "production", "rollback", 2);
              long t0 = System.nanoTime();
              Api.Answer a = webhook.post("/api/v1/alerts/alertmanager", AlertPayloads.payload(alert));
              String outcome = a.json().path("alerts").get(0).path("outcome").asString();
              if (!"acted".equals(outcome)) {
                throw new IllegalStateException("alert for " + model + " was " + outcome + ": " + a);
              }
              while (generation(isvcs, ns, model) <= before) {
                Thread.onSpinWait();
              }
              latencies.add(System.nanoTime() - t0);
            }
            awaitAll(alice, names, 1);
          }
          Collections.sort(latencies);
          System.out.printf(Locale.ROOT, "webhook receipt -> InferenceService patched, %d alerts: p50 %.1f ms, p90 %.1f ms,"
              + " p99 %.1f ms, max %.1f ms%n", latencies.size(), ms(latencies, 0.50), ms(latencies, 0.90),
              ms(latencies, 0.99), latencies.getLast() / 1e6);

          // duplicates: one episode delivered `duplicates` times by `senders` threads at once
          String model = names.getFirst();
          promote(alice, model, 2);
          awaitAll(alice, List.of(model), 2);
          long before = generation(isvcs, ns, model);
          int commitsBefore = rollbacks(alice, model);
          var alert = AlertPayloads.Alert.firing("00000000d0bb1e00", base.plusSeconds(10_000), model, "production",
              "rollback", 2);
          String body = AlertPayloads.payload(alert).toString();
          Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
          List<Long> each = Collections.synchronizedList(new ArrayList<>());
          ExecutorService pool = Executors.newFixedThreadPool(senders);
          CountDownLatch go = new CountDownLatch(1);
          AtomicInteger left = new AtomicInteger(duplicates);
          List<java.util.concurrent.Future<?>> done = new ArrayList<>();
          for (int s = 0; s < senders; s++) {
            done.add(pool.submit(() -> {
              go.await();
              while (left.getAndDecrement() > 0) {
                long t0 = System.nanoTime();
                Api.Answer a = webhook.post("/api/v1/alerts/alertmanager", body);
                each.add(System.nanoTime() - t0);
                outcomes.computeIfAbsent(a.status() + " " + a.json().path("alerts").get(0).path("outcome").asString(),
                    k -> new AtomicInteger()).incrementAndGet();
              }
              return null;
            }));
          }
          long start = System.nanoTime();
          go.countDown();
          for (var f : done) {
            f.get();
          }
          long took = System.nanoTime() - start;
          pool.shutdown();
          Thread.sleep(3_000);
          Collections.sort(each);
          System.out.printf(Locale.ROOT, "%d deliveries of one alert from %d senders in %.2f s: %s; rollback commits +%d,"
              + " InferenceService generations +%d; per delivery p50 %.1f ms, p99 %.1f ms%n", duplicates, senders,
              took / 1e9, outcomes, rollbacks(alice, model) - commitsBefore, generation(isvcs, ns, model) - before,
              ms(each, 0.5), ms(each, 0.99));
        }
      }
    } finally {
      Steward.deleteRecursively(dataDir);
    }
  }

  private static void promote(Api alice, String model, int version) {
    Api.Answer a = alice.post("/api/v1/promotions", Api.object().put("model", model).put("version", version)
        .put("environment", "production").put("reason", "bench"));
    if (!"approved".equals(a.text("state"))) {
      throw new IllegalStateException("promotion of " + model + " version " + version + ": " + a);
    }
  }

  /** Waits until every model's rollout is in place on {@code version}. */
  private static void awaitAll(Api api, List<String> models, int version) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    for (String model : models) {
      while (true) {
        JsonNode s = api.get("/api/v1/deployments/production/" + model).json();
        String state = s.path("rollout").path("state").asString();
        boolean serving = false;
        for (JsonNode t : s.path("observed").path("traffic")) {
          serving |= t.path("percent").asInt() == 100 && t.path("version").asInt() == version;
        }
        if (s.path("version").asInt() == version && (state.equals("rolled-out") || state.equals("pinned")) && serving) {
          break;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(model + " did not reach version " + version + ": " + s);
        }
        Thread.sleep(50);
      }
    }
  }

  private static int rollbacks(Api api, String model) {
    int n = 0;
    for (JsonNode h : api.get("/api/v1/deployments/production/" + model + "/history").json()) {
      n += h.path("action").asString().equals("rollback") ? 1 : 0;
    }
    return n;
  }

  private static long generation(DynamicKubernetesApi isvcs, String ns, String name) {
    return isvcs.get(ns, name).getObject().getMetadata().getGeneration();
  }

  private static double ms(List<Long> sorted, double q) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1e6;
  }
}
