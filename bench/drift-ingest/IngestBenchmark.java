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
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drift ingestion benchmark: JSON-lines batches of scored rows with 50 numeric and 10 categorical
 * features through HTTP against a running Steward. Prints rows/s per interval and the server's resident
 * memory (VmRSS of the given pid).
 *
 * java IngestBenchmark.java <base-url> <admin-token> <server-pid> <seconds> <connections> <rows-per-batch>
 *
 * SEGMENTS=KxN (for example 2x20): the first K categorical features take N values each and are the
 * reference's segment columns; KxN:off sends the same rows without segment columns (the other half of a pair).
 */
public class IngestBenchmark {
  static final int NUMERIC = 50;
  static final int CATEGORICAL = 10;
  /** Segment columns (the first categorical features), their values, and whether the profile names them. */
  static int segmentColumns;
  static int segmentValues;
  static boolean segmented;
  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  public static void main(String[] args) throws Exception {
    String base = args[0];
    String admin = args[1];
    long pid = Long.parseLong(args[2]);
    int seconds = Integer.parseInt(args[3]);
    int connections = Integer.parseInt(args[4]);
    int batchRows = Integer.parseInt(args[5]);
    String segments = System.getenv().getOrDefault("SEGMENTS", "");
    if (!segments.isEmpty()) {
      String[] shape = segments.replace(":off", "").split("x");
      segmentColumns = Integer.parseInt(shape[0]);
      segmentValues = Integer.parseInt(shape[1]);
      segmented = !segments.endsWith(":off");
    }

    String token = field(post(base, admin, "/api/v1/admin/tokens", "application/json",
        "{\"principal\":\"bench\",\"roles\":[\"ml-engineer\"]}"), "token");
    StringBuilder features = new StringBuilder("{\"name\":\"bench-features\",\"features\":[");
    for (int i = 0; i < NUMERIC; i++) {
      features.append(String.format("{\"name\":\"n%02d\",\"dtype\":\"float\",\"pii\":false},", i));
    }
    for (int i = 0; i < CATEGORICAL; i++) {
      features.append(String.format("{\"name\":\"c%02d\",\"dtype\":\"string\",\"pii\":false}%s", i,
          i == CATEGORICAL - 1 ? "" : ","));
    }
    features.append("]}");
    post(base, token, "/api/v1/feature-sets", "application/json", features.toString());
    post(base, token, "/api/v1/threshold-sets", "application/json",
        "{\"name\":\"bench-thresholds\",\"values\":{\"psi_warn\":0.1,\"psi_alert\":0.25}}");
    post(base, token, "/api/v1/models", "application/json", "{\"name\":\"bench\"}");
    post(base, token, "/api/v1/models/bench/versions", "application/json",
        "{\"artifactUri\":\"s3://m/bench\",\"format\":{\"name\":\"sklearn\"},"
            + "\"featureSet\":{\"name\":\"bench-features\",\"version\":1},"
            + "\"thresholdSet\":{\"name\":\"bench-thresholds\",\"version\":1}}");
    StringBuilder reference = new StringBuilder();
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < 5000; i++) {
      reference.append(row(r, "ref-" + i, Instant.EPOCH)).append('\n');
    }
    StringBuilder columns = new StringBuilder();
    for (int i = 0; segmented && i < segmentColumns; i++) {
      columns.append(i == 0 ? "?segments=" : ",").append(String.format("c%02d", i));
    }
    System.out.println("segments: " + (segmentColumns == 0 ? "none" : segmentColumns + " columns of "
        + segmentValues + " values" + (segmented ? "" : ", not named in the profile")));
    String answer = post(base, token, "/api/v1/drift/models/bench/versions/1/reference" + columns,
        "application/x-ndjson", reference.toString());
    System.out.println("reference: " + answer.substring(0, Math.min(120, answer.length())));

    // batch templates with fixed-width ids, patched per send so that every row is new
    // stamped a minute ago: rows more than steward.drift.max-future-skew ahead of the server are refused,
    // and the window stays open (it closes 5 min after its hour ends) for any run shorter than an hour
    Instant window = Instant.now().minus(Duration.ofMinutes(1));
    List<byte[]> templates = new ArrayList<>();
    List<int[]> idOffsets = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      StringBuilder b = new StringBuilder();
      List<Integer> offsets = new ArrayList<>();
      for (int i = 0; i < batchRows; i++) {
        String line = row(r, "r000000000000", window.plusMillis(i));
        offsets.add(b.length() + line.indexOf("r000000000000") + 1);
        b.append(line).append('\n');
      }
      templates.add(b.toString().getBytes(StandardCharsets.UTF_8));
      idOffsets.add(offsets.stream().mapToInt(Integer::intValue).toArray());
    }
    System.out.printf(Locale.ROOT, "batch: %d rows, %d bytes (%.0f bytes/row)%n", batchRows, templates.get(0).length,
        templates.get(0).length / (double) batchRows);

    AtomicLong rows = new AtomicLong();
    AtomicLong next = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      int slot = c;
      Thread th = new Thread(() -> {
        byte[] body = templates.get(slot % templates.size()).clone();
        int[] offsets = idOffsets.get(slot % templates.size());
        while (System.nanoTime() < end) {
          long first = next.getAndAdd(batchRows);
          for (int i = 0; i < offsets.length; i++) {
            long id = first + i;
            for (int d = 11; d >= 0; d--) {
              body[offsets[i] + d] = (byte) ('0' + id % 10);
              id /= 10;
            }
          }
          try {
            HttpResponse<String> a = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/drift/rows"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (a.statusCode() == 200 && a.body().startsWith("{\"accepted\":" + batchRows + ",")) {
              rows.addAndGet(batchRows);
            } else {
              if (errors.incrementAndGet() < 3) {
                System.out.println("unexpected answer: " + a.statusCode() + " "
                    + a.body().substring(0, Math.min(300, a.body().length())));
              }
            }
          } catch (Exception e) {
            errors.incrementAndGet();
          }
        }
      });
      th.start();
      threads.add(th);
    }
    long start = System.nanoTime();
    double cpuAtStart = cpuSeconds(pid);
    long last = 0;
    long lastTime = start;
    System.out.println("second  rows/s    total_rows   server_rss_MB");
    while (System.nanoTime() < end) {
      Thread.sleep(5000);
      long now = System.nanoTime();
      long total = rows.get();
      System.out.printf(Locale.ROOT, "%6.0f  %8.0f  %11d  %8d%n", (now - start) / 1e9,
          (total - last) / ((now - lastTime) / 1e9), total, rss(pid) / 1024);
      last = total;
      lastTime = now;
    }
    for (Thread th : threads) {
      th.join();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "TOTAL %d rows in %.1f s = %.0f rows/s, errors %d, final server RSS %d MB%n",
        rows.get(), elapsed, rows.get() / elapsed, errors.get(), rss(pid) / 1024);
    // CPU per row is steadier than rows/s on a machine shared with other work
    double cpu = cpuSeconds(pid) - cpuAtStart;
    System.out.printf(Locale.ROOT, "server CPU %.1f s during the run = %.2f CPU s per million rows%n", cpu,
        cpu / (rows.get() / 1e6));
  }

  /** User plus system CPU time of a process from /proc/<pid>/stat (clock ticks of 10 ms). */
  static double cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    } catch (Exception e) {
      return Double.NaN;
    }
  }

  static String row(SplittableRandom r, String id, Instant at) {
    StringBuilder b = new StringBuilder(1100);
    b.append("{\"request_id\":\"").append(id).append("\",\"model\":\"bench\",\"version\":1,\"environment\":\"prod\",")
        .append("\"timestamp\":\"").append(at).append("\",\"features\":{");
    for (int i = 0; i < NUMERIC; i++) {
      b.append(String.format(Locale.ROOT, "\"n%02d\":%.4f,", i, r.nextGaussian() * (i + 1)));
    }
    for (int i = 0; i < CATEGORICAL; i++) {
      int values = i < segmentColumns ? segmentValues : 8 + i;
      b.append(String.format(Locale.ROOT, "\"c%02d\":\"v%d\"%s", i, r.nextInt(values), i == CATEGORICAL - 1 ? "" : ","));
    }
    return b.append(String.format(Locale.ROOT, "},\"score\":%.5f}", r.nextDouble())).toString();
  }

  static long rss(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (Exception e) {
      return -1;
    }
    return -1;
  }

  static String post(String base, String token, String path, String type, String body) throws Exception {
    HttpResponse<String> a = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Authorization", "Bearer " + token).header("Content-Type", type)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (a.statusCode() >= 300) {
      throw new IllegalStateException(path + ": " + a.statusCode() + " " + a.body());
    }
    return a.body();
  }

  static String field(String json, String name) {
    int at = json.indexOf("\"" + name + "\":\"") + name.length() + 4;
    return json.substring(at, json.indexOf('"', at));
  }
}
