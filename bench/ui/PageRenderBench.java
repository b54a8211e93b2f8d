import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Page render times of the web UI with a large registry, run as its own process against a running Steward:
 *
 *   java bench/ui/PageRenderBench.java <base-url> <admin-token> [versions=100000] [samples=300]
 *
 * Registers `versions` model versions over 97 models (8 clients), a promotion into production waiting for reviewers,
 * signs in through the page's token form, then requests the model list, a model page, the promotion page, a version
 * page, "what needs me" (as reviewer, as the engineer who registered every version, as on-call) and the on-call board
 * `samples` times each, one at a time after a warm-up, and prints p50, p95 and p99 per page. One client on loopback:
 * each time is the server's time to render plus well under a millisecond of transport.
 */
public class PageRenderBench {
  static final HttpClient API = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static final int MODELS = 97;
  static String base;
  static String admin;

  public static void main(String[] args) throws Exception {
    base = args[0];
    admin = args[1];
    int versions = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
    int samples = args.length > 3 ? Integer.parseInt(args[3]) : 300;
    String engineer = token("bench-engineer", "\"ml-engineer\"");
    String reader = token("bench-reader", "\"reviewer\"");
    String oncall = token("bench-oncall", "\"oncall\"");
    setUpUpstream(engineer);
    long start = System.nanoTime();
    register(engineer, versions);
    System.out.printf("registered %,d versions over %d models in %.0f s%n", versions, MODELS,
        (System.nanoTime() - start) / 1e9);
    int last = versions / MODELS;
    for (String env : List.of("dev", "staging")) {
      post(engineer, "/api/v1/promotions", promotion(last, env), 201);
    }
    String answer = post(engineer, "/api/v1/promotions", promotion(last, "production"), 201);
    Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(answer);
    id.find();
    String promotion = id.group(1);

    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    signIn(browser, reader);
    measure(browser, "model list (/ui/models, 25 per page)", samples,
        i -> "/ui/models?page=" + (i % 4));
    measure(browser, "model list searched by prefix (/ui/models?q=bench-1)", samples, i -> "/ui/models?q=bench-1");
    measure(browser, "model page (/ui/models/<name>, ~" + last + " versions each)", samples,
        i -> "/ui/models/bench-" + ThreadLocalRandom.current().nextInt(MODELS));
    measure(browser, "promotion page (/ui/promotions/<id>)", samples, i -> "/ui/promotions/" + promotion);
    measure(browser, "version page (/ui/models/<name>/versions/<v>)", samples,
        i -> "/ui/models/bench-" + ThreadLocalRandom.current().nextInt(MODELS) + "/versions/"
            + (1 + ThreadLocalRandom.current().nextInt(last)));
    measure(browser, "model page, last page of versions (?page=" + (last / 20) + ")", samples,
        i -> "/ui/models/bench-" + ThreadLocalRandom.current().nextInt(MODELS) + "?page=" + (last / 20));
    measure(browser, "what needs me, reviewer (/ui)", samples, i -> "/ui");

    HttpClient engineerBrowser = HttpClient.newBuilder().cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    signIn(engineerBrowser, engineer);
    measure(engineerBrowser, "what needs me, engineer of all " + versions / 1000 + "k versions (/ui)", samples,
        i -> "/ui");

    HttpClient oncallBrowser = HttpClient.newBuilder().cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    signIn(oncallBrowser, oncall);
    measure(oncallBrowser, "what needs me, on-call (/ui)", samples, i -> "/ui");
    measure(oncallBrowser, "on-call board (/ui/oncall)", samples, i -> "/ui/oncall");
  }

  static String promotion(int version, String env) {
    return "{\"model\":\"bench-0\",\"version\":" + version + ",\"environment\":\"" + env + "\",\"reason\":\"bench\"}";
  }

  static void signIn(HttpClient browser, String token) throws Exception {
    HttpResponse<String> form = browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
        HttpResponse.BodyHandlers.ofString());
    Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.body());
    if (!csrf.find()) {
      throw new IllegalStateException("no CSRF token in the sign-in form");
    }
    String body = "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&_csrf="
        + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
    HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
    String location = signedIn.headers().firstValue("Location").orElse("");
    if (signedIn.statusCode() != 302 || location.contains("error")) {
      throw new IllegalStateException("sign-in failed: " + signedIn.statusCode() + " " + location);
    }
  }

  static void measure(HttpClient browser, String what, int samples, IntFunction<String> path) throws Exception {
    for (int i = 0; i < 50; i++) {
      get(browser, path.apply(i));
    }
    String load = loadAverage();
    long cpuBefore = serverCpuMillis();
    long[] nanos = new long[samples];
    for (int i = 0; i < samples; i++) {
      long t = System.nanoTime();
      get(browser, path.apply(i));
      nanos[i] = System.nanoTime() - t;
    }
    long cpu = serverCpuMillis() - cpuBefore;
    Arrays.sort(nanos);
    System.out.printf("%-60s p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  max %6.1f ms  (%d requests)  server CPU %s"
            + "  load %s%n", what, ms(nanos, 0.50), ms(nanos, 0.95), ms(nanos, 0.99), nanos[samples - 1] / 1e6,
        samples, cpuBefore < 0 ? "n/a" : "%.1f ms/request".formatted((double) cpu / samples), load);
  }

  /** The 1-minute load average: on a shared machine, waiting for a core is most of a slow sample. */
  static String loadAverage() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
    } catch (java.io.IOException | RuntimeException e) {
      return "n/a";
    }
  }

  /**
   * CPU time (user + system) the server process has used, from /proc/STEWARD_PID/stat in clock ticks of 10 ms, or -1:
   * what a page costs whether or not it had to wait for a core.
   */
  static long serverCpuMillis() {
    String pid = System.getenv("STEWARD_PID");
    if (pid == null) {
      return -1;
    }
    try {
      String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid, "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
    } catch (java.io.IOException | RuntimeException e) {
      return -1;
    }
  }

  static double ms(long[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
  }

  static void get(HttpClient browser, String path) throws Exception {
    HttpResponse<String> r = browser.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
    }
  }

  static void setUpUpstream(String engineer) throws Exception {
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
         "reasons":{"tenure":"Recent customers leave more often","plan":"This plan churns more"},"topK":1}""", 201);
    for (int m = 0; m < MODELS; m++) {
      post(engineer, "/api/v1/models", "{\"name\":\"bench-" + m + "\",\"tags\":{\"team\":\"t" + (m % 5) + "\"}}", 201);
    }
  }

  static void register(String engineer, int versions) throws Exception {
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> clients = new ArrayList<>();
    for (int c = 0; c < 8; c++) {
      clients.add(pool.submit(() -> {
        for (int i = next.getAndIncrement(); i < versions; i = next.getAndIncrement()) {
          post(engineer, "/api/v1/models/bench-" + (i % MODELS) + "/versions", """
              {"artifactUri":"s3://models/bench/%d","format":{"name":"sklearn","version":"1"},
               "metrics":{"auc":0.9%d,"f1":0.7},"params":{"max_depth":"6","seed":"%d"},
               "datasets":[{"name":"bench-events","version":1}],"featureSet":{"name":"bench-features","version":1},
               "thresholdSet":{"name":"bench-thresholds","version":1},
               "explanationTemplate":{"name":"bench-reasons","version":1}}""".formatted(i, i % 10, i), 201);
        }
        return null;
      }));
    }
    for (Future<?> f : clients) {
      f.get();
    }
    pool.shutdown();
  }

  static String token(String principal, String roles) throws Exception {
    String answer = post(admin, "/api/v1/admin/tokens", "{\"principal\":\"" + principal + "\",\"roles\":[" + roles + "]}",
        201);
    Matcher m = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(answer);
    m.find();
    return m.group(1);
  }

  static String post(String token, String path, String body, int expected) throws Exception {
    HttpResponse<String> r = API.send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != expected) {
      throw new IllegalStateException("POST " + path + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }
}
