import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Soak: mixed load against a running Steward for a given time, sampling the server every 10 s.
 *
 * <p>Load, each on its own thread and paced: model version registrations (a version every 100 ms, a dataset
 * version every second), promotions and reviewers' decisions (a version promoted to dev and staging, approved
 * at once by their gates, then to production, where two reviewers decide; every other one is rejected), drift
 * ingestion of scored rows at a fixed rate (batches of 2,000 rows), and reads (models, versions, lineage,
 * promotions, deployments, drift reports and windows). An answer other than the one expected is an error;
 * the first few are printed.
 *
 * <p>Samples: heap used and live data after the last collection (Micrometer's {@code jvm.memory.used} and
 * {@code jvm.gc.live.data.size}), resident memory and threads ({@code /proc/<pid>/status}), open files
 * ({@code /proc/<pid>/fd}). Printed as a table and written to {@code samples.csv}; the summary compares
 * the first sample after warm-up with the last.
 *
 * java Soak.java <base-url> <admin-token> <server-pid> <seconds> <rows-per-second> <out-dir>
 */
public class Soak {
  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  static final Map<String, AtomicLong> DONE = new ConcurrentHashMap<>();
  static final Map<String, AtomicLong> ERRORS = new ConcurrentHashMap<>();
  static final ConcurrentLinkedQueue<String> SHOWN = new ConcurrentLinkedQueue<>();
  static final int NUMERIC = 20;
  static volatile boolean running = true;

  public static void main(String[] args) throws Exception {
    String base = args[0];
    String admin = args[1];
    long pid = Long.parseLong(args[2]);
    int seconds = Integer.parseInt(args[3]);
    int rowsPerSecond = Integer.parseInt(args[4]);
    Path out = Path.of(args[5]);
    Files.createDirectories(out);

    String engineer = token(base, admin, "erin", "ml-engineer");
    String ingest = token(base, admin, "scorer", "ingest");
    String rita = token(base, admin, "rita", "reviewer");
    String ravi = token(base, admin, "ravi", "reviewer");
    String reader = token(base, admin, "olga", "oncall");

    StringBuilder features = new StringBuilder("{\"name\":\"soak-features\",\"features\":[");
    for (int i = 0; i < NUMERIC; i++) {
      features.append(String.format(Locale.ROOT, "{\"name\":\"n%02d\",\"dtype\":\"float\",\"pii\":false}%s", i,
          i == NUMERIC - 1 ? "" : ","));
    }
    expect(base, engineer, "POST", "/api/v1/feature-sets", features.append("]}").toString(), 201);
    expect(base, engineer, "POST", "/api/v1/threshold-sets",
        "{\"name\":\"soak-thresholds\",\"values\":{\"psi_warn\":0.1,\"psi_alert\":0.25}}", 201);
    StringBuilder reasons = new StringBuilder("{\"name\":\"soak-reasons\",\"featureSet\":{\"name\":\"soak-features\","
        + "\"version\":1},\"topK\":2,\"locale\":\"en\",\"reasons\":{");
    for (int i = 0; i < NUMERIC; i++) {
      reasons.append(String.format(Locale.ROOT, "\"n%02d\":\"Signal %d moved\"%s", i, i, i == NUMERIC - 1 ? "" : ","));
    }
    expect(base, engineer, "POST", "/api/v1/explanation-templates", reasons.append("}}").toString(), 201);
    expect(base, engineer, "POST", "/api/v1/datasets", dataset(0), 201);
    expect(base, engineer, "POST", "/api/v1/models", "{\"name\":\"soak\"}", 201);
    expect(base, engineer, "POST", "/api/v1/models/soak/versions", version(), 201);
    StringBuilder reference = new StringBuilder();
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 5000; i++) {
      reference.append(row(r, "ref-" + i, Instant.EPOCH)).append('\n');
    }
    expect(base, engineer, "POST", "/api/v1/drift/models/soak/versions/1/reference", reference.toString(), 201,
        "application/x-ndjson");

    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<Thread> threads = new ArrayList<>();
    // registrations: a model version every 100 ms, a dataset version every second
    AtomicLong registered = new AtomicLong(1);
    threads.add(paced("register", 100, end, n -> {
      String v = call("register", base, engineer, "POST", "/api/v1/models/soak/versions", version(), 201);
      if (v != null) {
        registered.accumulateAndGet(Long.parseLong(field(v, "version")), Math::max);
      }
      if (n % 10 == 0) {
        call("register", base, engineer, "POST", "/api/v1/datasets", dataset(n + 1), 201);
      }
    }));
    // promotions and decisions: every 2 s the newest version goes to dev and staging (approved
    // by their gates at once), then asks for production
    threads.add(paced("promote", 2000, end, n -> {
      long v = registered.get();
      String dev = call("promote", base, engineer, "POST", "/api/v1/promotions", "{\"model\":\"soak\",\"version\":" + v
          + ",\"environment\":\"dev\",\"reason\":\"soak\"}", 201);
      if (dev == null || call("promote", base, engineer, "POST", "/api/v1/promotions", "{\"model\":\"soak\",\"version\":"
          + v + ",\"environment\":\"staging\",\"reason\":\"soak\"}", 201) == null) {
        return;
      }
      String production = call("promote", base, engineer, "POST", "/api/v1/promotions", "{\"model\":\"soak\","
          + "\"version\":" + v + ",\"environment\":\"production\",\"reason\":\"soak\"}", 201);
      if (production == null) {
        return;
      }
      String id = field(production, "id");
      String verdict = n % 2 == 0 ? "reject" : "approve";
      call("decide", base, rita, "POST", "/api/v1/promotions/" + id + "/decisions",
          "{\"decision\":\"" + verdict + "\",\"comment\":\"soak\"}", 200);
      if (verdict.equals("approve")) {
        String decided = call("decide", base, ravi, "POST", "/api/v1/promotions/" + id + "/decisions",
            "{\"decision\":\"approve\",\"comment\":\"soak\"}", 200);
        // two approvals suffice; should the gate still hold it (a drift alert, say), give the lane back
        if (decided != null && "pending".equals(field(decided, "state"))) {
          call("cancel", base, engineer, "POST", "/api/v1/promotions/" + id + "/cancel",
              "{\"reason\":\"soak: still blocked after two approvals\"}", 200);
        }
      }
    }));
    // reads: one every 50 ms, round robin
    List<String> reads = List.of("/api/v1/models?size=50", "/api/v1/models/soak/versions?size=50",
        "/api/v1/lineage/datasets/soak-data/versions/1?direction=downstream", "/api/v1/promotions?size=50", "/api/v1/deployments",
        "/api/v1/drift/reports?model=soak&size=20", "/api/v1/drift/windows?model=soak",
        "/api/v1/lineage/models/soak/versions/1", "/api/v1/history/models/soak?size=20", "/api/v1/datasets/soak-data/versions?size=50");
    threads.add(paced("read", 50, end, n -> call("read", base, reader, "GET", reads.get((int) (n % reads.size())),
        null, 200)));
    // drift ingestion: batches of 2,000 rows at the given rate, every request id new
    int batch = 2000;
    long batchEveryMicros = 1_000_000L * batch / rowsPerSecond;
    Instant window = Instant.now().minus(Duration.ofMinutes(1));
    AtomicLong rows = new AtomicLong();
    AtomicLong nextId = new AtomicLong();
    for (int t = 0; t < 2; t++) {
      SplittableRandom rt = new SplittableRandom(t);
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < batch; i++) {
        lines.add(row(rt, "%s", window.plusMillis(i)));
      }
      threads.add(pacedMicros("ingest", batchEveryMicros * 2, end, n -> {
        StringBuilder body = new StringBuilder(lines.size() * 600);
        for (String line : lines) {
          body.append(line.replace("%s", "r" + nextId.incrementAndGet())).append('\n');
        }
        if (call("ingest", base, ingest, "POST", "/api/v1/drift/rows", body.toString(), 200,
            "application/x-ndjson") != null) {
          rows.addAndGet(batch);
        }
      }));
    }
    threads.forEach(Thread::start);

    List<String> samples = new ArrayList<>();
    samples.add("second,heap_used_mb,live_data_mb,rss_mb,threads,open_files,rows_per_s,registrations,promotions,"
        + "decisions,reads,errors");
    System.out.println("second  heap_MB  live_MB  rss_MB  threads  files  rows/s   regs  proms  decs  reads  errors");
    long start = System.nanoTime();
    long lastRows = 0;
    long lastAt = start;
    while (System.nanoTime() < end) {
      Thread.sleep(10_000);
      long now = System.nanoTime();
      long total = rows.get();
      String line = String.format(Locale.ROOT, "%.0f,%.0f,%.0f,%d,%d,%d,%.0f,%d,%d,%d,%d,%d", (now - start) / 1e9,
          metric(base, admin, "jvm.memory.used?tag=area:heap") / 1e6, metric(base, admin, "jvm.gc.live.data.size") / 1e6,
          status(pid, "VmRSS") / 1024, status(pid, "Threads"), openFiles(pid),
          (total - lastRows) / ((now - lastAt) / 1e9), count(DONE, "register"), count(DONE, "promote"),
          count(DONE, "decide"), count(DONE, "read"), ERRORS.values().stream().mapToLong(AtomicLong::get).sum());
      samples.add(line);
      String[] f = line.split(",");
      System.out.printf(Locale.ROOT, "%6s  %7s  %7s  %6s  %7s  %5s  %6s  %5s  %5s  %4s  %5s  %6s%n", (Object[]) f);
      lastRows = total;
      lastAt = now;
    }
    running = false;
    for (Thread t : threads) {
      t.join();
    }
    Files.write(out.resolve("samples.csv"), samples);
    double elapsed = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "%nTOTAL %.0f s: %d rows (%.0f rows/s), %d registrations, %d promotions, %d decisions,"
        + " %d reads; errors %s%n", elapsed, rows.get(), rows.get() / elapsed, count(DONE, "register"),
        count(DONE, "promote"), count(DONE, "decide"), count(DONE, "read"), ERRORS);
    SHOWN.forEach(s -> System.out.println("  error: " + s));
    // flat after warm-up: the first sample after 5 minutes (or a sixth of the run) against the last
    int warm = Math.min(samples.size() - 1, Math.max(1, Math.min(30, (samples.size() - 1) / 6)));
    String[] first = samples.get(warm).split(",");
    String[] last = samples.get(samples.size() - 1).split(",");
    System.out.printf(Locale.ROOT, "after warm-up (second %s) -> end (second %s): live data %s -> %s MB, RSS %s -> %s MB,"
        + " threads %s -> %s, open files %s -> %s%n", first[0], last[0], first[2], last[2], first[3], last[3], first[4],
        last[4], first[5], last[5]);
  }

  interface Work {
    void run(long n) throws Exception;
  }

  static Thread paced(String name, long everyMillis, long end, Work work) {
    return pacedMicros(name, everyMillis * 1000, end, work);
  }

  /** Runs {@code work} every {@code everyMicros} (skipping ahead when late) until {@code end}. */
  static Thread pacedMicros(String name, long everyMicros, long end, Work work) {
    return new Thread(() -> {
      long next = System.nanoTime();
      long n = 0;
      while (running && System.nanoTime() < end) {
        try {
          work.run(n++);
        } catch (Exception e) {
          error(name, e.toString());
        }
        next += everyMicros * 1000;
        long wait = next - System.nanoTime();
        if (wait > 0) {
          try {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          } catch (InterruptedException e) {
            return;
          }
        } else if (-wait > 5_000_000_000L) {
          next = System.nanoTime(); // far behind: do not burst
        }
      }
    }, name);
  }

  static String call(String kind, String base, String token, String method, String path, String body, int expected)
      throws Exception {
    return call(kind, base, token, method, path, body, expected, "application/json");
  }

  /** The body of the answer, or null (and an error counted) when the status is not the expected one. */
  static String call(String kind, String base, String token, String method, String path, String body, int expected,
      String type) throws Exception {
    HttpResponse<String> a = send(base, token, method, path, body, type);
    if (a.statusCode() != expected) {
      error(kind, method + " " + path + " -> " + a.statusCode() + " " + a.body().substring(0, Math.min(300,
          a.body().length())));
      return null;
    }
    DONE.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    return a.body();
  }

  static void expect(String base, String token, String method, String path, String body, int expected)
      throws Exception {
    expect(base, token, method, path, body, expected, "application/json");
  }

  static void expect(String base, String token, String method, String path, String body, int expected, String type)
      throws Exception {
    HttpResponse<String> a = send(base, token, method, path, body, type);
    if (a.statusCode() != expected) {
      throw new IllegalStateException(method + " " + path + ": " + a.statusCode() + " " + a.body());
    }
  }

  static HttpResponse<String> send(String base, String token, String method, String path, String body, String type)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + token);
    if (body == null) {
      b.GET();
    } else {
      b.header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static void error(String kind, String what) {
    ERRORS.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    if (SHOWN.size() < 10) {
      SHOWN.add(kind + ": " + what);
      System.out.println("error (" + kind + "): " + what);
    }
  }

  static long count(Map<String, AtomicLong> counts, String kind) {
    AtomicLong c = counts.get(kind);
    return c == null ? 0 : c.get();
  }

  static String token(String base, String admin, String principal, String role) throws Exception {
    HttpResponse<String> a = send(base, admin, "POST", "/api/v1/admin/tokens",
        "{\"principal\":\"" + principal + "\",\"roles\":[\"" + role + "\"]}", "application/json");
    if (a.statusCode() != 201) {
      throw new IllegalStateException("token for " + principal + ": " + a.statusCode() + " " + a.body());
    }
    return field(a.body(), "token");
  }

  static String dataset(long n) {
    return "{\"name\":\"soak-data\",\"uri\":\"s3://data/soak/" + n + "\",\"contentDigest\":\"sha256:"
        + String.format("%064x", n) + "\",\"rowCount\":1000}";
  }

  static String version() {
    return "{\"artifactUri\":\"s3://m/soak\",\"format\":{\"name\":\"sklearn\"},"
        + "\"datasets\":[{\"name\":\"soak-data\",\"version\":1}],\"featureSet\":{\"name\":\"soak-features\",\"version\":1},"
        + "\"thresholdSet\":{\"name\":\"soak-thresholds\",\"version\":1},"
        + "\"explanationTemplate\":{\"name\":\"soak-reasons\",\"version\":1}}";
  }

  static String row(SplittableRandom r, String id, Instant at) {
    StringBuilder b = new StringBuilder(600);
    b.append("{\"request_id\":\"").append(id).append("\",\"model\":\"soak\",\"version\":1,\"environment\":\"prod\",")
        .append("\"timestamp\":\"").append(at).append("\",\"features\":{");
    for (int i = 0; i < NUMERIC; i++) {
      b.append(String.format(Locale.ROOT, "\"n%02d\":%.4f%s", i, r.nextGaussian() * (i + 1), i == NUMERIC - 1 ? "" : ","));
    }
    return b.append(String.format(Locale.ROOT, "},\"score\":%.5f}", r.nextDouble())).toString();
  }

  static double metric(String base, String admin, String name) {
    try {
      HttpResponse<String> a = send(base, admin, "GET", "/actuator/metrics/" + name, null, null);
      Matcher m = Pattern.compile("\"value\":([0-9.E+-]+)").matcher(a.body());
      return m.find() ? Double.parseDouble(m.group(1)) : -1;
    } catch (Exception e) {
      return -1;
    }
  }

  static long status(long pid, String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith(key + ":")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (Exception e) {
      return -1;
    }
    return -1;
  }

  static long openFiles(long pid) {
    try (var files = Files.list(Path.of("/proc/" + pid + "/fd"))) {
      return files.count();
    } catch (Exception e) {
      return -1;
    }
  }

  static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":\"?([^\",}]+)").matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no " + name + " in " + json);
    }
    return m.group(1);
  }
}
