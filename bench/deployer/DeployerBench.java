package dev.steward.deployer;

import dev.steward.registry.ModelVersion;
import dev.steward.testing.kube.KubeApiServer;
import dev.steward.testing.kube.Manifests;
import dev.steward.testing.kube.TestingKServeController;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
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
import java.util.function.BooleanSupplier;

/**
 * The deployer's figures against a real kube-apiserver and the fake KServe controller (see README.md here):
 * desired-state commit to InferenceService applied, rollback request to traffic pinned, a cold start over
 * many managed services, and a failing canary analysis to traffic routed back.
 * Usage: {@code DeployerBench [latency-runs] [services] [canaries]}.
 */
public final class DeployerBench {
  private static final int NAMESPACES = 5;

  private DeployerBench() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int services = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    int canaries = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    Path binary = Path.of(System.getenv().getOrDefault("STEWARD_KUBE_APISERVER_BIN",
        "testing/kube-apiserver/bin/steward-kube-apiserver"));
    try (KubeApiServer server = KubeApiServer.start(binary, Manifests.inferenceServiceCrd())) {
      List<String> namespaces = new ArrayList<>();
      List<TestingKServeController> kserve = new ArrayList<>();
      for (int i = 0; i < NAMESPACES; i++) {
        String ns = "bench-" + i;
        new CoreV1Api(server.adminClient()).createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name(ns)))
            .execute();
        namespaces.add(ns);
        kserve.add(TestingKServeController.start(server.adminClient(), ns));
      }
      try {
        latency(server, namespaces.getFirst(), runs);
        coldStart(server, namespaces, services);
        canaryAbort(server, namespaces.get(1), canaries);
      } finally {
        kserve.forEach(TestingKServeController::close);
      }
    }
  }

  // ---- desired state to applied, rollback to pinned ------------------------------------------------

  private static void latency(KubeApiServer server, String namespace, int runs) throws Exception {
    Path dir = Files.createTempDirectory("steward-bench-latency");
    Map<String, String> p = environment(0, "lat", namespace, "cluster");
    p.putAll(common(server, dir));
    try (TestSteward steward = TestSteward.start(dir, p)) {
      List<Double> pinned = new ArrayList<>();
      ModelVersion previous = null;
      for (int i = 0; i < runs + 20; i++) {
        ModelVersion v = steward.register("latency", "s3://models/latency/" + i);
        steward.approve("lat", v);
        await(() -> state(steward, "lat", "latency", "rolled-out", v.version()), Duration.ofSeconds(30));
        if (i == 19) { // the first 20 warm the JIT up
          MeterRegistry meters = steward.bean(MeterRegistry.class);
          meters.getMeters().stream().filter(m -> m.getId().getName().startsWith("steward.deployer."))
              .toList().forEach(meters::remove);
        }
        if (i >= 20 && i % 2 == 1 && previous != null) {
          long t0 = System.nanoTime();
          steward.deployer().rollback("lat", "latency", "olga", "benchmark");
          await(() -> state(steward, "lat", "latency", "pinned", -1), Duration.ofSeconds(30), 5);
          pinned.add((System.nanoTime() - t0) / 1e6);
        }
        previous = v;
      }
      print(steward, "steward.deployer.desired.to.applied", "action", "promote",
          "desired-state commit -> InferenceService applied (promotion)", "200");
      print(steward, "steward.deployer.rollback.to.pinned", null, null,
          "rollback commit -> all traffic on the pinned revision (reconciler's clock)", "250");
      Collections.sort(pinned);
      System.out.printf(Locale.ROOT, "rollback request -> traffic pinned (status seen): n=%d p50=%.1f ms p99=%.1f ms"
          + " max=%.1f ms (target p99 < 250 ms)%n", pinned.size(), pct(pinned, 0.5), pct(pinned, 0.99),
          pinned.getLast());
    } finally {
      TestSteward.delete(dir);
    }
  }

  private static void print(TestSteward steward, String name, String tag, String value, String what, String target) {
    var search = steward.bean(MeterRegistry.class).get(name);
    var timer = tag == null ? search.timer() : search.tag(tag, value).timer();
    Map<Double, Double> q = new LinkedHashMap<>();
    for (ValueAtPercentile v : timer.takeSnapshot().percentileValues()) {
      q.put(v.percentile(), v.value(java.util.concurrent.TimeUnit.MILLISECONDS));
    }
    System.out.printf(Locale.ROOT, "%s: n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms (target p99 < %s ms)%n", what,
        timer.count(), q.get(0.5), q.get(0.99), timer.max(java.util.concurrent.TimeUnit.MILLISECONDS), target);
  }

  // ---- many services, cold start ------------------------------------------------------------------

  private static void coldStart(KubeApiServer server, List<String> namespaces, int services) throws Exception {
    Path dir = Files.createTempDirectory("steward-bench-cold");
    Map<String, String> cluster = new LinkedHashMap<>(common(server, dir));
    Map<String, String> dryRun = new LinkedHashMap<>(common(server, dir));
    for (int i = 0; i < namespaces.size(); i++) {
      cluster.putAll(environment(i, "env" + i, namespaces.get(i), "cluster"));
      dryRun.putAll(environment(i, "env" + i, namespaces.get(i), "dry-run"));
    }
    int perEnvironment = services / namespaces.size();
    try {
      TestSteward steward = TestSteward.start(dir, cluster);
      long filled = System.nanoTime();
      for (int e = 0; e < namespaces.size(); e++) {
        for (int m = 0; m < perEnvironment; m++) {
          steward.approve("env" + e, steward.register("m" + e + "-" + m, "s3://models/m" + e + "-" + m + "/1"));
        }
      }
      await(() -> steward.bean(Reconciler.class).store().all().stream()
          .filter(r -> r.state == RolloutState.ROLLED_OUT).count() == (long) perEnvironment * namespaces.size(),
          Duration.ofMinutes(10));
      System.out.printf(Locale.ROOT, "%d services created and rolled out across %d namespaces in %.1f s%n",
          perEnvironment * namespaces.size(), namespaces.size(), (System.nanoTime() - filled) / 1e9);
      steward.stop();

      coldStartOnce(dir, cluster, perEnvironment * namespaces.size(), 0, "nothing changed");

      // change a tenth of the desired states while nothing applies them, then start cold again
      TestSteward offline = TestSteward.start(dir, dryRun);
      int changed = 0;
      for (int e = 0; e < namespaces.size(); e++) {
        for (int m = 0; m < perEnvironment / 10; m++) {
          offline.approve("env" + e, offline.register("m" + e + "-" + m, "s3://models/m" + e + "-" + m + "/2"));
          changed++;
        }
      }
      offline.stop();
      coldStartOnce(dir, cluster, perEnvironment * namespaces.size(), changed, changed + " desired states changed");
    } finally {
      TestSteward.delete(dir);
    }
  }

  private static void coldStartOnce(Path dir, Map<String, String> properties, int services, int changed,
      String what) throws Exception {
    long t0 = System.nanoTime();
    TestSteward steward = TestSteward.start(dir, properties);
    Reconciler reconciler = steward.bean(Reconciler.class);
    await(() -> reconciler.reconciles() >= services && reconciler.store().all().stream()
        .filter(r -> r.state == RolloutState.ROLLED_OUT).count() == services, Duration.ofMinutes(10));
    double seconds = (System.nanoTime() - t0) / 1e9;
    Map<String, Long> requests = reconciler.cluster().requests();
    long isvc = requests.getOrDefault("list", 0L) + requests.getOrDefault("watch", 0L)
        + requests.getOrDefault("apply", 0L) + requests.getOrDefault("get", 0L);
    System.out.printf(Locale.ROOT, "cold start, %s: %d services reconciled in %.2f s (context start included);"
        + " InferenceService requests %s = %.3f per service; applies %d for %d changed; events %d%n", what, services,
        seconds, requests, isvc / (double) services, requests.getOrDefault("apply", 0L), changed,
        requests.getOrDefault("event", 0L));
    steward.stop();
  }

  // ---- canary abort ---------------------------------------------------------------------------------

  private static void canaryAbort(KubeApiServer server, String namespace, int canaries) throws Exception {
    Path dir = Files.createTempDirectory("steward-bench-canary");
    Map<String, String> p = environment(0, "can", namespace, "cluster");
    p.put("steward.environments[0].rollout.strategy", "canary");
    p.put("steward.environments[0].rollout.steps", "10, 100");
    p.put("steward.environments[0].rollout.interval", "1s");
    p.put("steward.environments[0].rollout.failure-limit", "0");
    p.putAll(common(server, dir));
    List<Double> reaction = new ArrayList<>();
    try (TestSteward steward = TestSteward.start(dir, p)) {
      for (int i = 0; i < canaries; i++) {
        String model = "canary" + i;
        steward.approve("can", steward.register(model, "s3://models/" + model + "/1"));
        await(() -> state(steward, "can", model, "rolled-out", 1), Duration.ofSeconds(30));
        TestingDriftVerdicts.INSTANCE.set("can", model, 2, DriftVerdicts.Status.ALERT, "PSI of x 0.4 >= 0.25");
        steward.approve("can", steward.register(model, "s3://models/" + model + "/2"));
        await(() -> {
          DeploymentStatus s = steward.deployer().status("can", model);
          return s.observed() != null && s.observed().traffic().stream()
              .anyMatch(t -> t.revision().endsWith("00001") && t.percent() == 100)
              && s.observed().traffic().stream().anyMatch(t -> t.revision().endsWith("00002"));
        }, Duration.ofSeconds(30));
        Instant routedBack = Instant.now();
        Rollout aborted = steward.bean(Reconciler.class).store().find("can", model).orElseThrow();
        Instant failed = steward.bean(Reconciler.class).store().checks(aborted).stream()
            .filter(c -> !c.passed()).findFirst().map(RolloutStore.Check::at).orElse(null);
        if (failed == null) {
          // the rollout row already moved on to the rollback's pin: read the check time from Git
          @SuppressWarnings("unchecked")
          Map<String, Object> outcome = DeploymentDocuments.fromYaml(steward.lineage()
              .read("rollouts/can/" + model + ".yaml").orElseThrow(), Map.class);
          @SuppressWarnings("unchecked")
          List<Map<String, Object>> checks = (List<Map<String, Object>>) outcome.get("checks");
          failed = Instant.parse(String.valueOf(checks.getFirst().get("at")));
        }
        reaction.add(Duration.between(failed, routedBack).toNanos() / 1e6);
      }
    } finally {
      TestSteward.delete(dir);
    }
    Collections.sort(reaction);
    System.out.printf(Locale.ROOT, "failing canary analysis -> traffic routed back (status seen): n=%d p50=%.1f ms"
        + " p99=%.1f ms max=%.1f ms (interval 1 s, failure-limit 0)%n", reaction.size(), pct(reaction, 0.5),
        pct(reaction, 0.99), reaction.getLast());
  }

  // ---- helpers ----------------------------------------------------------------------------------------

  private static Map<String, String> common(KubeApiServer server, Path dir) throws Exception {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("steward.deployer.kubeconfig", server.writeKubeconfig(dir.resolve("kubeconfig"), false).toString());
    p.put("steward.deployer.resync-interval", "30s");
    p.put("steward.deployer.workers", "2");
    p.put("logging.level.dev.steward", "WARN");
    return p;
  }

  private static Map<String, String> environment(int i, String name, String namespace, String target) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("steward.environments[" + i + "].name", name);
    p.put("steward.environments[" + i + "].namespace", namespace);
    p.put("steward.environments[" + i + "].target", target);
    p.put("steward.environments[" + i + "].deployment.deployment-mode", "Knative");
    return p;
  }

  private static boolean state(TestSteward steward, String env, String model, String state, int version) {
    DeploymentStatus s = steward.deployer().status(env, model);
    return s.rollout() != null && s.rollout().state().equals(state) && (version < 0 || s.desired().version() == version);
  }

  private static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
    await(condition, timeout, 5);
  }

  private static void await(BooleanSupplier condition, Duration timeout, long pollMillis) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("not reached within " + timeout);
      }
      Thread.sleep(pollMillis);
    }
  }

  private static double pct(List<Double> sorted, double p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
  }
}
