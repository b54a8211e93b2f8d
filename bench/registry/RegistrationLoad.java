import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load harness for the registry's HTTP API, run as its own process against a running Steward:
 *
 *   java bench/registry/RegistrationLoad.java <base-url> <admin-token> <scenario> [options]
 *
 * Scenarios:
 *   throughput  8 clients register model versions for 30 s; prints rate and latency percentiles
 *   scale       latency p50 of registrations at 1,000 versions, fills to 100,000, p50 again, then the
 *               upstream lineage query p99 and the time of a full index rebuild
 *   prepare     the throughput warm-up only (2,000 registrations over models warm-0..7), then prints
 *               ENGINEER_TOKEN=<token> for a native load generator (run.sh wrk)
 */
public class RegistrationLoad {
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static String base;
  static String admin;
  static String engineer;

  public static void main(String[] args) throws Exception {
    base = args[0];
    admin = args[1];
    String scenario = args[2];
    engineer = token("bench-" + System.nanoTime() % 100000, "ml-engineer");
    setUpUpstream();
    switch (scenario) {
      case "throughput" -> throughput(Integer.parseInt(arg(args, 3, "8")), Integer.parseInt(arg(args, 4, "30")));
      case "scale" -> scale(Integer.parseInt(arg(args, 3, "100000")));
      case "prepare" -> {
        register("warm", 8, 2000, 8);
        System.out.println("ENGINEER_TOKEN=" + engineer);
      }
      default -> throw new IllegalArgumentException("unknown scenario " + scenario);
    }
  }

  static String arg(String[] args, int i, String fallback) {
    return args.length > i ? args[i] : fallback;
  }

  static void setUpUpstream() throws Exception {
    post(engineer, "/api/v1/datasets", """
        {"name":"bench-events","uri":"s3://lake/bench","contentDigest":"sha256:%s",
         "schema":[{"name":"tenure","type":"int"},{"name":"plan","type":"string"}],"rowCount":1000}"""
        .formatted("ab".repeat(32)), 201);
    post(engineer, "/api/v1/feature-sets", """
        {"name":"bench-features","features":[{"name":"tenure","dtype":"int","pii":false},
         {"name":"plan","dtype":"string","pii":false}],"sourceDatasets":[{"name":"bench-events","version":1}]}""", 201);
    post(engineer, "/api/v1/threshold-sets", """
        {"name":"bench-thresholds","values":{"decision_threshold":0.5,"min_auc":0.8,"psi_warn":0.1,"psi_alert":0.25}}""", 201);
    post(engineer, "/api/v1/explanation-templates", """
        {"name":"bench-reasons","featureSet":{"name":"bench-features","version":1},
         "reasons":{"tenure":"Recent customers leave more often"},"topK":1}""", 201);
  }

  static String versionBody(int i) {
    return """
        {"artifactUri":"s3://models/bench/%d","format":{"name":"sklearn","version":"1"},
         "metrics":{"auc":0.9%d,"f1":0.7},"params":{"max_depth":"6","seed":"%d"},
         "datasets":[{"name":"bench-events","version":1}],"featureSet":{"name":"bench-features","version":1},
         "thresholdSet":{"name":"bench-thresholds","version":1},"explanationTemplate":{"name":"bench-reasons","version":1}}"""
        .formatted(i, i % 10, i);
  }

  /** Registers {@code count} versions spread over {@code models} models with {@code clients} threads; returns latencies in µs. */
  static long[] register(String prefix, int models, int count, int clients) throws Exception {
    for (int m = 0; m < models; m++) {
      post(engineer, "/api/v1/models", "{\"name\":\"" + prefix + "-" + m + "\"}", 201, 409);
    }
    long[] latencies = new long[count];
    AtomicInteger next = new AtomicInteger();
    try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
      List<Future<?>> done = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        done.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
            long start = System.nanoTime();
            post(engineer, "/api/v1/models/" + prefix + "-" + (i % models) + "/versions", versionBody(i), 201);
            latencies[i] = (System.nanoTime() - start) / 1000;
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    }
    return latencies;
  }

  static void throughput(int clients, int seconds) throws Exception {
    register("warm", 8, 2000, clients);
    List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicLong count = new AtomicLong();
    long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    long start = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
      for (int c = 0; c < clients; c++) {
        int client = c;
        pool.submit(() -> {
          int i = 0;
          while (System.nanoTime() < end) {
            long t = System.nanoTime();
            post(engineer, "/api/v1/models/warm-" + client + "/versions", versionBody(i++), 201);
            latencies.add((System.nanoTime() - t) / 1000);
            count.incrementAndGet();
          }
          return null;
        });
      }
    }
    double took = (System.nanoTime() - start) / 1e9;
    long[] l = latencies.stream().mapToLong(Long::longValue).toArray();
    System.out.printf("throughput: %d registrations by %d clients in %.1f s = %.0f/s; latency %s%n", count.get(), clients,
        took, count.get() / took, percentiles(l));
  }

  static void scale(int total) throws Exception {
    int models = Math.max(1, total / 1000);
    register("scale", models, 1000, 8);
    long[] at1k = register("probe-1k", 8, 2000, 8);
    System.out.printf("registration at ~1,000 versions: %s%n", percentiles(at1k));
    long fillStart = System.nanoTime();
    register("fill", models, total - 3000, 8);
    System.out.printf("filled to %,d versions in %.0f s%n", total, (System.nanoTime() - fillStart) / 1e9);
    long[] atTotal = register("probe-big", 8, 2000, 8);
    System.out.printf("registration at ~%,d versions: %s%n", total + 2000, percentiles(atTotal));
    System.out.printf("ratio of p50s: %.2f%n", (double) pct(atTotal, 50) / pct(at1k, 50));

    long[] lineage = new long[5000];
    for (int i = 0; i < lineage.length; i++) {
      int m = ThreadLocalRandom.current().nextInt(models);
      int v = 1 + ThreadLocalRandom.current().nextInt(Math.max(1, (total - 3000) / models));
      long t = System.nanoTime();
      get(engineer, "/api/v1/lineage/models/fill-" + m + "/versions/" + v + "?direction=upstream");
      lineage[i] = (System.nanoTime() - t) / 1000;
    }
    System.out.printf("upstream lineage query: %s%n", percentiles(lineage));

    long t = System.nanoTime();
    String answer = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/index/rebuild"))
        .header("Authorization", "Bearer " + admin).POST(HttpRequest.BodyPublishers.noBody())
        .timeout(Duration.ofMinutes(15)), 200);
    System.out.printf("full index rebuild: %.1f s (%s)%n", (System.nanoTime() - t) / 1e9, answer);
  }

  static long pct(long[] values, double p) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)];
  }

  static String percentiles(long[] micros) {
    return String.format("p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)", pct(micros, 50) / 1000.0,
        pct(micros, 90) / 1000.0, pct(micros, 99) / 1000.0, pct(micros, 100) / 1000.0, micros.length);
  }

  static String token(String principal, String role) throws Exception {
    String answer = post(admin, "/api/v1/admin/tokens", "{\"principal\":\"" + principal + "\",\"roles\":[\"" + role + "\"]}", 201);
    Matcher m = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(answer);
    if (!m.find()) {
      throw new IllegalStateException("no token in " + answer);
    }
    return m.group(1);
  }

  static String post(String token, String path, String body, int... expected) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), expected);
  }

  static String get(String token, String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).GET(), 200);
  }

  static String send(HttpRequest.Builder request, int... expected) throws Exception {
    HttpRequest built = request.build();
    if (built.timeout().isEmpty()) {
      built = request.timeout(Duration.ofSeconds(60)).build();
    }
    HttpResponse<String> r = HTTP.send(built, HttpResponse.BodyHandlers.ofString());
    for (int e : expected) {
      if (r.statusCode() == e) {
        return r.body();
      }
    }
    throw new IllegalStateException(r.request().method() + " " + r.request().uri() + " answered " + r.statusCode() + " " + r.body());
  }
}
