import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Revocation impact at scale, over HTTP: registers {@code total} model versions, {@code downstream} of them
 * trained on dataset consented-events/1 (through a feature set computed from it) and the rest on another
 * dataset, then times the impact preview ({@code GET .../impact}), the marks of a downstream version (what the
 * production gate reads) and revocations ({@code POST .../revocations}, one commit marking every downstream
 * version). Usage: {@code java RevocationImpact.java <base> <admin-token> [total=100000] [downstream=1000]
 * [probes=200]}.
 */
public class RevocationImpact {
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static String base;

  public static void main(String[] args) throws Exception {
    base = args[0];
    String admin = args[1];
    int total = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
    int downstream = args.length > 3 ? Integer.parseInt(args[3]) : 1_000;
    int probes = args.length > 4 ? Integer.parseInt(args[4]) : 200;
    String engineer = token(admin, "bench-engineer", "ml-engineer");
    String officer = token(admin, "bench-officer", "privacy-officer");
    for (String d : List.of("bench-events", "consented-events")) {
      post(engineer, "/api/v1/datasets", """
          {"name":"%s","uri":"s3://lake/%s","contentDigest":"sha256:%s","rowCount":1000}""".formatted(d, d,
          "ab".repeat(32)), 201);
      post(engineer, "/api/v1/feature-sets", """
          {"name":"%s-features","features":[{"name":"tenure","dtype":"int","pii":false}],
           "sourceDatasets":[{"name":"%s","version":1}]}""".formatted(d, d), 201);
    }
    post(engineer, "/api/v1/datasets", """
        {"name":"consented-events","uri":"s3://lake/consented-events-v2","contentDigest":"sha256:%s",
         "parents":[{"name":"consented-events","version":1}]}""".formatted("cd".repeat(32)), 201);
    long start = System.nanoTime();
    register(engineer, "fill", "bench-events", 100, total - downstream);
    register(engineer, "consent", "consented-events", 10, downstream);
    System.out.printf("registered %,d versions (%,d downstream of consented-events/1) in %.0f s%n", total, downstream,
        (System.nanoTime() - start) / 1e9);

    String preview = "/api/v1/datasets/consented-events/versions/1/impact?successor=consented-events@2";
    int listed = count(get(engineer, preview), "\"kind\":\"model-version\"");
    if (listed != downstream) {
      throw new IllegalStateException("the impact lists " + listed + " model versions, not " + downstream);
    }
    for (int i = 0; i < 20; i++) {
      get(engineer, preview);
    }
    long[] impact = new long[probes];
    for (int i = 0; i < probes; i++) {
      long t = System.nanoTime();
      get(engineer, preview);
      impact[i] = (System.nanoTime() - t) / 1000;
    }
    System.out.printf("impact preview (%d model versions): %s%n", downstream, percentiles(impact));

    long[] revoke = new long[5];
    for (int i = 0; i < revoke.length; i++) {
      String subject = "sha256:" + HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(("customer-" + i).getBytes()));
      long t = System.nanoTime();
      String answer = post(officer, "/api/v1/datasets/consented-events/versions/1/revocations", """
          {"reason":"bench erasure %d","scope":"subjects","subjects":["%s"],
           "successor":{"name":"consented-events","version":2}}""".formatted(i, subject), 201);
      revoke[i] = (System.nanoTime() - t) / 1000;
      if (count(answer, "\"kind\":\"model-version\"") != downstream) {
        throw new IllegalStateException("a revocation did not mark " + downstream + " versions");
      }
    }
    System.out.printf("revocation (one commit, %d marks): %s%n", downstream, percentiles(revoke));

    long[] marks = new long[probes];
    for (int i = 0; i < probes; i++) {
      long t = System.nanoTime();
      get(engineer, "/api/v1/models/consent-" + (i % 10) + "/versions/" + (1 + i % (downstream / 10)) + "/marks");
      marks[i] = (System.nanoTime() - t) / 1000;
    }
    System.out.printf("marks of a downstream version (the gate's read, 5 revocations): %s%n", percentiles(marks));
  }

  static void register(String token, String prefix, String dataset, int models, int count) throws Exception {
    for (int m = 0; m < models; m++) {
      post(token, "/api/v1/models", "{\"name\":\"" + prefix + "-" + m + "\"}", 201);
    }
    AtomicInteger next = new AtomicInteger();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Future<?>> done = new ArrayList<>();
      for (int c = 0; c < 8; c++) {
        done.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
            post(token, "/api/v1/models/" + prefix + "-" + (i % models) + "/versions", """
                {"artifactUri":"s3://models/%s/%d","format":{"name":"sklearn","version":"1"},
                 "featureSet":{"name":"%s-features","version":1}}""".formatted(prefix, i, dataset), 201);
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    }
  }

  static int count(String text, String needle) {
    int n = 0;
    for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      n++;
    }
    return n;
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

  static String token(String admin, String principal, String role) throws Exception {
    String answer = post(admin, "/api/v1/admin/tokens", "{\"principal\":\"" + principal + "\",\"roles\":[\"" + role
        + "\"]}", 201);
    Matcher m = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(answer);
    if (!m.find()) {
      throw new IllegalStateException("no token in " + answer);
    }
    return m.group(1);
  }

  static String post(String token, String path, String body, int expected) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), expected);
  }

  static String get(String token, String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).GET(), 200);
  }

  static String send(HttpRequest.Builder request, int expected) throws Exception {
    HttpResponse<String> r = HTTP.send(request.timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != expected) {
      throw new IllegalStateException(r.request().method() + " " + r.request().uri() + " answered " + r.statusCode()
          + ": " + r.body());
    }
    return r.body();
  }
}
