import dev.steward.ControlPlaneApplication;
import dev.steward.policies.ApprovalGates;
import dev.steward.policies.Evaluation;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Policy evaluation latency, context assembly included: starts Steward in-process on a fresh data directory
 * (embedded H2), registers a model version with its upstream entities and a 20-rule production policy
 * through the HTTP API, requests promotions dev -> staging -> production, then times
 * {@link ApprovalGates#preview} on the pending production promotion: read the model version, threshold set,
 * feature set, explanation template, current deployment and the staging history from the index, build the
 * CEL variables, evaluate all 20 rules. Usage: bench/policies/run.sh [warmup] [iterations]
 */
public class PolicyEvaluationBench {
  // random: Steward refuses a guessable bootstrap token
  static final String TOKEN = "stw_" + java.util.UUID.randomUUID() + "-" + java.util.UUID.randomUUID();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  public static void main(String[] args) throws Exception {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    Path data = Files.createTempDirectory("steward-bench-policies");
    SpringApplication app = new SpringApplication(ControlPlaneApplication.class);
    try (ConfigurableApplicationContext context = app.run("--steward.data-dir=" + data, "--server.port=0",
        "--steward.bootstrap-token=" + TOKEN, "--logging.level.root=WARN", "--spring.main.banner-mode=off")) {
      String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
      String id = setUp(base);
      ApprovalGates gates = context.getBean(ApprovalGates.class);
      Evaluation first = gates.preview(id, "bench");
      if (first.results().size() != 20) {
        throw new IllegalStateException("expected 20 rule results, got " + first.results().size());
      }
      System.out.println("rules: " + first.results().size() + ", passed: " + first.passed() + ", blocked by: "
          + first.blockedBy());
      for (int i = 0; i < warmup; i++) {
        gates.preview(id, "bench");
      }
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long[] nanos = new long[iterations];
      long[] cpu = new long[iterations];
      long start = System.nanoTime();
      for (int i = 0; i < iterations; i++) {
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        gates.preview(id, "bench");
        nanos[i] = System.nanoTime() - t0;
        cpu[i] = threads.getCurrentThreadCpuTime() - c0;
      }
      long total = System.nanoTime() - start;
      Arrays.sort(nanos);
      Arrays.sort(cpu);
      System.out.printf("warmup %d, measured %d evaluations in %.1f s (%.0f per second, one thread)%n", warmup,
          iterations, total / 1e9, iterations / (total / 1e9));
      System.out.printf("latency ms: p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f%n", ms(nanos, 0.50),
          ms(nanos, 0.90), ms(nanos, 0.99), ms(nanos, 0.999), nanos[nanos.length - 1] / 1e6);
      // On a shared machine the wall-clock tail is mostly time spent waiting for a core; CPU time is not.
      System.out.printf("thread CPU ms: p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f%n", ms(cpu, 0.50),
          ms(cpu, 0.90), ms(cpu, 0.99), ms(cpu, 0.999), cpu[cpu.length - 1] / 1e6);
      System.out.printf("load average at the end: %.2f on %d cores%n",
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
    } finally {
      deleteRecursively(data);
    }
  }

  static double ms(long[] sorted, double quantile) {
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
  }

  static String setUp(String base) throws Exception {
    String engineer = field(post(base, TOKEN, "/api/v1/admin/tokens",
        "{\"principal\": \"alice\", \"roles\": [\"ml-engineer\"]}"), "token");
    post(base, engineer, "/api/v1/datasets", """
        {"name": "churn-events", "uri": "s3://lake/churn/2026-11",
         "contentDigest": "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
         "schema": [{"name": "tenure", "type": "int"}, {"name": "plan", "type": "string"}], "rowCount": 120000}""");
    post(base, engineer, "/api/v1/feature-sets", """
        {"name": "churn-features", "features": [{"name": "tenure", "dtype": "int", "pii": false},
         {"name": "plan", "dtype": "string", "pii": false}, {"name": "email", "dtype": "string", "pii": true}],
         "sourceDatasets": [{"name": "churn-events", "version": 1}]}""");
    post(base, engineer, "/api/v1/threshold-sets", """
        {"name": "churn-thresholds", "values": {"decision_threshold": 0.5, "min_auc": 0.8, "min_f1": 0.6,
         "max_latency_ms": 50, "psi_warn": 0.1, "psi_alert": 0.25}}""");
    post(base, engineer, "/api/v1/explanation-templates", """
        {"name": "churn-reasons", "featureSet": {"name": "churn-features", "version": 1}, "topK": 2,
         "reasons": {"tenure": "Recent customers leave more often", "plan": "This plan churns more"}}""");
    post(base, engineer, "/api/v1/models", "{\"name\": \"churn\"}");
    post(base, engineer, "/api/v1/models/churn/versions", """
        {"artifactUri": "s3://models/churn/run-42/model", "format": {"name": "sklearn", "version": "1"},
         "metrics": {"auc": 0.91, "f1": 0.72, "latency_ms": 12}, "params": {"max_depth": "6"},
         "datasets": [{"name": "churn-events", "version": 1}], "featureSet": {"name": "churn-features", "version": 1},
         "thresholdSet": {"name": "churn-thresholds", "version": 1},
         "explanationTemplate": {"name": "churn-reasons", "version": 1}, "tags": {"stage": "candidate"}}""");
    post(base, engineer, "/api/v1/policies", """
        {"name": "production-gate", "description": "A 20-rule production gate for the benchmark", "rules": [
         {"id": "r01", "expression": "metricsMeetThresholds(model, thresholds)"},
         {"id": "r02", "expression": "reviewerApprovals(approvals) >= 2"},
         {"id": "r03", "expression": "fourEyes(approvals, requester, model)"},
         {"id": "r04", "expression": "explanationComplete(explanation, features)"},
         {"id": "r05", "severity": "warn", "expression": "soakedFor(previous, '1h')"},
         {"id": "r06", "expression": "outsideFreeze(now, '2026-12-20T00:00:00Z', '2027-01-04T00:00:00Z')"},
         {"id": "r07", "severity": "warn", "expression": "drift.status != 'alert'"},
         {"id": "r08", "expression": "model.metrics.auc >= 0.8"},
         {"id": "r09", "expression": "model.metrics.f1 >= 0.6 && model.metrics.latency_ms <= 50"},
         {"id": "r10", "expression": "size(model.datasets) >= 1"},
         {"id": "r11", "expression": "model.datasets.all(d, d.digest.startsWith('sha256:'))"},
         {"id": "r12", "expression": "features.filter(f, f.pii).all(f, !(f.name in explanation.reasons))"},
         {"id": "r13", "expression": "model.format.name in ['sklearn', 'xgboost', 'onnx', 'lightgbm']"},
         {"id": "r14", "expression": "approvals.all(a, a.reviewer != requester)"},
         {"id": "r15", "expression": "environment.name == 'production' && environment.previous == 'staging'"},
         {"id": "r16", "expression": "deployed == null || model.metrics.auc >= deployed.metrics.auc - 0.01"},
         {"id": "r17", "expression": "'max_depth' in model.params && int(model.params.max_depth) <= 12"},
         {"id": "r18", "expression": "now > model.registeredAt"},
         {"id": "r19", "expression": "'stage' in model.tags && model.tags.stage == 'candidate'"},
         {"id": "r20", "expression": "previous != null && previous.deployed && previous.current"}]}""");
    for (String environment : new String[] {"dev", "staging", "production"}) {
      String answer = post(base, engineer, "/api/v1/promotions", "{\"model\": \"churn\", \"version\": 1, "
          + "\"environment\": \"" + environment + "\", \"reason\": \"benchmark\"}");
      if (environment.equals("production")) {
        return field(answer, "id");
      }
    }
    throw new IllegalStateException("unreachable");
  }

  static String post(String base, String token, String path, String json) throws IOException, InterruptedException {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201) {
      throw new IllegalStateException("POST " + path + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  static String field(String json, String name) {
    int i = json.indexOf("\"" + name + "\":\"");
    int start = i + name.length() + 4;
    return json.substring(start, json.indexOf('"', start));
  }

  static void deleteRecursively(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
