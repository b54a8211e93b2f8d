import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * High availability benchmark (bench/ha/README.md), run by bench/ha/run.sh, which builds the jar, starts (or
 * takes) PostgreSQL and sets the environment read here. JDK only, run as a source-file program.
 *
 * <ol>
 *   <li>Reference (unless {@code HA_BENCH_REFERENCE=false}): one Steward without HA (H2, local repository) behind
 *       HAProxy, the same loads.
 *   <li>One replica (HA on: PostgreSQL index, Git remote) behind HAProxy: the client loads in
 *       {@code HA_BENCH_CLIENTS}, each after a warm-up; rate and latency of acknowledged registrations.
 *   <li>Three replicas behind HAProxy (round robin per request), a fresh database and a fresh remote: the same loads.
 *   <li>On the three replicas of 2, under load: SIGKILL to the leader; time to a survivor leading and to the first
 *       registration acknowledged after the kill.
 * </ol>
 * After each cluster's loads every acknowledged registration is looked up through the API: present once, at the
 * version it was acknowledged with, and version numbers dense per model. Exits 1 if anything was lost or doubled,
 * or if a write failed outside the failover.
 */
public class HaBench {
  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  static final Pattern VERSION_ITEM = Pattern.compile("\\{\"name\":\"([^\"]+)\",\"version\":(\\d+),\"artifactUri\":\"([^\"]*)\"");

  static final Path JAR = Path.of(env("HA_BENCH_JAR", null));
  static final Path WORK = Path.of(env("HA_BENCH_WORK", null));
  static final String TOKEN = env("HA_BENCH_TOKEN", null);
  static final String PG_URL = env("HA_BENCH_PG_URL", null);
  static final String PG_USER = env("HA_BENCH_PG_USER", "postgres");
  static final String PG_PASSWORD = env("HA_BENCH_PG_PASSWORD", "");
  static final String PSQL = env("HA_BENCH_PSQL", "psql");
  static final String HAPROXY = env("HA_BENCH_HAPROXY", "haproxy");
  static final String JAVA = ProcessHandle.current().info().command().orElse("java");
  static final String HEAP = env("HA_BENCH_HEAP", "512m");
  static final int SECONDS = Integer.parseInt(env("HA_BENCH_SECONDS", "30"));
  static final int WARMUP = Integer.parseInt(env("HA_BENCH_WARMUP", "10"));
  static final int[] CLIENTS = Arrays.stream(env("HA_BENCH_CLIENTS", "8,32").split(",")).mapToInt(Integer::parseInt).toArray();
  static final int FAILOVER_CLIENTS = Integer.parseInt(env("HA_BENCH_FAILOVER_CLIENTS", "8"));
  static final int BEFORE_KILL = Integer.parseInt(env("HA_BENCH_BEFORE_KILL", "10"));
  static final int AFTER_KILL = Integer.parseInt(env("HA_BENCH_AFTER_KILL", "15"));
  static final String PROPERTIES = env("HA_BENCH_PROPERTIES", "");
  static final boolean REFERENCE = !"false".equals(env("HA_BENCH_REFERENCE", "true"));

  static final List<Process> CHILDREN = new CopyOnWriteArrayList<>();
  static final List<String> DATABASES = new CopyOnWriteArrayList<>();
  static int problems;

  public static void main(String[] args) throws Exception {
    Runtime.getRuntime().addShutdownHook(new Thread(HaBench::stopChildren));
    Path key = WORK.resolve("signing_key");
    run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "steward", "-f", key.toString()));
    Map<Integer, Figures> plain = new TreeMap<>();
    Map<Integer, Figures> one = new TreeMap<>();
    Map<Integer, Figures> three = new TreeMap<>();
    try {
      if (REFERENCE) {
        uptime("reference: one Steward without HA");
        try (Cluster c = Cluster.start("plain", 1, key, false)) {
          for (int clients : CLIENTS) {
            plain.put(clients, c.measure(clients));
          }
          c.verify(0);
        }
      }
      uptime("phase 1, one replica");
      try (Cluster c = Cluster.start("one", 1, key, true)) {
        for (int clients : CLIENTS) {
          one.put(clients, c.measure(clients));
        }
        c.verify(0);
      }
      uptime("phase 2, three replicas");
      try (Cluster c = Cluster.start("three", 3, key, true)) {
        for (int clients : CLIENTS) {
          three.put(clients, c.measure(clients));
        }
        c.verify(0);
        uptime("phase 3, leader killed under load");
        int ambiguous = c.failover(FAILOVER_CLIENTS);
        c.verify(ambiguous);
      }
      System.out.println();
      System.out.println("| clients | replicas | registrations/s | p50 | p90 | p99 | max | server CPU per registration |");
      System.out.println("|---|---|---|---|---|---|---|---|");
      for (int clients : CLIENTS) {
        if (plain.containsKey(clients)) {
          System.out.println(plain.get(clients).row(clients, "1, no HA"));
        }
        System.out.println(one.get(clients).row(clients, "1"));
        System.out.println(three.get(clients).row(clients, "3"));
      }
    } finally {
      stopChildren();
      dropDatabases();
    }
    if (problems > 0) {
      System.out.println(problems + " problem(s), see above.");
      System.exit(1);
    }
  }

  /** Rate and latency of acknowledged registrations in one measured run. */
  record Figures(long count, double seconds, long[] micros, double cpuMillisPerRegistration) {
    String row(int clients, String replicas) {
      return String.format("| %d | %s | %.0f | %s | %s | %s | %s | %.2f ms |", clients, replicas, count / seconds,
          ms(pct(micros, 50)), ms(pct(micros, 90)), ms(pct(micros, 99)), ms(pct(micros, 100)), cpuMillisPerRegistration);
    }
  }

  /** One acknowledged registration: when the answer came, how long it took, and what it recorded. */
  record Ack(String model, int version, String artifact, long startedAt, long answeredAt) {}

  /** A registration that was not acknowledged: its status (-1: the connection broke) and when. */
  record Failure(String model, String artifact, int status, String body, long answeredAt) {}

  /** The replicas, their PostgreSQL database and Git remote, and HAProxy in front. */
  static final class Cluster implements AutoCloseable {
    final String name;
    final List<Replica> replicas;
    final Process git;
    final Path remote;
    final Process haproxy;
    final String front;
    final String stats;
    final String engineer;
    final List<String> models = new ArrayList<>();
    final ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();

    private Cluster(String name, List<Replica> replicas, Process git, Path remote, Process haproxy, String front,
        String stats) throws Exception {
      this.name = name;
      this.replicas = replicas;
      this.git = git;
      this.remote = remote;
      this.haproxy = haproxy;
      this.front = front;
      this.stats = stats;
      this.engineer = token(front, "bench-" + name, "ml-engineer");
      upstream(front, engineer);
    }

    /** {@code ha} false: one Steward as it runs by default (embedded H2 index, local repository, no remote). */
    static Cluster start(String name, int size, Path key, boolean ha) throws Exception {
      Path base = Files.createDirectories(WORK.resolve(name));
      String database = null;
      Process git = null;
      Path remote = null;
      String remoteUrl = null;
      String datasource = null;
      if (ha) {
        database = "steward_habench_" + name + "_" + ProcessHandle.current().pid();
        psql("drop database if exists " + database + " with (force)");
        psql("create database " + database);
        DATABASES.add(database);
        Path gitBase = Files.createDirectories(base.resolve("git"));
        remote = gitBase.resolve("registry.git");
        run(List.of("git", "init", "--quiet", "--bare", "--initial-branch=main", remote.toString()));
        // a reflog on the remote counts the leader's pushes (one per batch)
        run(List.of("git", "--git-dir=" + remote, "config", "core.logAllRefUpdates", "always"));
        int gitPort = freePort();
        git = child(new ProcessBuilder("git", "daemon", "--reuseaddr", "--listen=127.0.0.1", "--port=" + gitPort,
            "--base-path=" + gitBase, "--export-all", "--enable=receive-pack", "--informative-errors", gitBase.toString())
            .redirectErrorStream(true).redirectOutput(gitBase.resolve("git-daemon.log").toFile()));
        awaitPort(gitPort, git, Duration.ofSeconds(20));
        remoteUrl = "git://127.0.0.1:" + gitPort + "/registry.git";
        datasource = PG_URL.substring(0, PG_URL.lastIndexOf('/') + 1) + database;
      }

      List<Replica> replicas = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        replicas.add(new Replica(String.valueOf((char) ('a' + i)), Files.createDirectories(base.resolve("replica-" + (char) ('a' + i))),
            freePort(), datasource, remoteUrl, key));
      }
      long launched = System.nanoTime();
      try (ExecutorService starts = Executors.newFixedThreadPool(size)) {
        List<Future<?>> started = new ArrayList<>();
        for (Replica r : replicas) {
          started.add(starts.submit(() -> {
            r.launch();
            return null;
          }));
        }
        for (Future<?> f : started) {
          f.get();
        }
      }
      StringBuilder ready = new StringBuilder();
      for (Replica r : replicas) {
        ready.append(ready.isEmpty() ? "" : ", ").append(r.name).append(' ')
            .append(String.format("%.1f s", (r.readyAt - launched) / 1e9));
      }
      System.out.printf("%s: %d replica(s) on %s; java -jar to healthy (started together): %s%n", name, size,
          ha ? "PostgreSQL database " + database + " and remote " + remoteUrl
              : "the defaults without HA (embedded H2 index, local repository, no remote)", ready);

      int frontPort = freePort();
      int statsPort = freePort();
      Path config = base.resolve("haproxy.cfg");
      StringBuilder servers = new StringBuilder();
      for (Replica r : replicas) {
        servers.append("  server ").append(r.name).append(" 127.0.0.1:").append(r.port).append('\n');
      }
      Files.writeString(config, """
          global
            nbthread 1
            maxconn 2000
          defaults
            mode http
            timeout connect 2s
            timeout client 2m
            timeout server 2m
            timeout http-keep-alive 2m
            retries 3
            option redispatch 1
          frontend steward
            bind 127.0.0.1:%d
            default_backend replicas
          backend replicas
            balance roundrobin
            option httpchk GET /actuator/health/readiness
            http-check expect status 200
            default-server check inter 1s fall 2 rise 1
          %s
          listen stats
            bind 127.0.0.1:%d
            stats enable
            stats uri /stats
          """.formatted(frontPort, servers, statsPort));
      Process haproxy = child(new ProcessBuilder(HAPROXY, "-db", "-f", config.toString())
          .redirectErrorStream(true).redirectOutput(base.resolve("haproxy.log").toFile()));
      awaitPort(frontPort, haproxy, Duration.ofSeconds(20));
      String stats = "http://127.0.0.1:" + statsPort + "/stats;csv";
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (serverStates(stats).values().stream().filter("UP"::equals).count() < size) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("HAProxy does not see every replica up: " + serverStates(stats));
        }
        Thread.sleep(200);
      }
      deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (ha && leader(replicas).isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("no replica leads after 120 s; logs under " + base);
        }
        Thread.sleep(100);
      }
      // the leader registers the bootstrap token; every replica then authenticates it from the shared index
      deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      for (Replica r : replicas) {
        while (status(get("http://127.0.0.1:" + r.port, TOKEN, "/api/v1/models")) != 200) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("replica " + r.name + " does not accept the bootstrap token");
          }
          Thread.sleep(200);
        }
      }
      return new Cluster(name, replicas, git, remote, haproxy, "http://127.0.0.1:" + frontPort, stats);
    }

    /** A warm-up, then {@code seconds} of {@code clients} clients registering through the front. */
    Figures measure(int clients) throws Exception {
      List<String> own = models(clients + "c", clients);
      Load warm = new Load(this, own, clients, "warm");
      warm.runFor(Duration.ofSeconds(WARMUP));
      Map<String, Long> requestsBefore = requestsPerServer();
      long cpuBefore = cpuNanos();
      int pushesBefore = pushes();
      Load load = new Load(this, own, clients, "load");
      long start = System.nanoTime();
      load.runFor(Duration.ofSeconds(SECONDS));
      double took = (System.nanoTime() - start) / 1e9;
      long cpu = cpuNanos() - cpuBefore;
      int pushes = pushes() - pushesBefore;
      Map<String, Long> requests = requestsPerServer();
      requests.replaceAll((k, v) -> v - requestsBefore.getOrDefault(k, 0L));
      long[] micros = load.acks.stream().mapToLong(a -> (a.answeredAt() - a.startedAt()) / 1000).toArray();
      if (!load.failures.isEmpty() || !warm.failures.isEmpty()) {
        problems++;
        System.out.printf("  PROBLEM: %d registrations failed, first: %s%n", load.failures.size() + warm.failures.size(),
            load.failures.isEmpty() ? warm.failures.peek() : load.failures.peek());
      }
      Figures f = new Figures(micros.length, took, micros, micros.length == 0 ? 0 : cpu / 1e6 / micros.length);
      System.out.printf("  %s, %d clients: %d registrations in %.1f s = %.0f/s (after %d in a %d s warm-up); latency p50 %s,"
              + " p90 %s, p99 %s, max %s; server CPU %.2f ms per registration (all replicas); requests per replica %s;"
              + " %d pushes to the remote (%.1f registrations per push, one push every %.0f ms)%n",
          name, clients, micros.length, took, micros.length / took, warm.acks.size(), WARMUP, ms(pct(micros, 50)),
          ms(pct(micros, 90)), ms(pct(micros, 99)), ms(pct(micros, 100)), f.cpuMillisPerRegistration(), requests,
          pushes, pushes == 0 ? 0.0 : (double) micros.length / pushes, pushes == 0 ? 0.0 : took * 1000 / pushes);
      return f;
    }

    /** Kills the leader under load; returns how many calls failed in a way that may still have recorded them. */
    int failover(int clients) throws Exception {
      List<String> own = models("failover", clients);
      Load load = new Load(this, own, clients, "failover");
      long start = System.nanoTime();
      Thread running = Thread.ofPlatform().start(() -> load.runFor(Duration.ofSeconds(BEFORE_KILL + AFTER_KILL)));
      Thread.sleep(BEFORE_KILL * 1000L);
      Replica old = leader(replicas).orElseThrow(() -> new IllegalStateException("no leader before the kill"));
      List<Replica> survivors = replicas.stream().filter(r -> r != old).toList();
      long killedAt = System.nanoTime();
      old.kill();
      long deadAt = System.nanoTime();
      long ledAt = -1;
      Replica next = null;
      while (System.nanoTime() - killedAt < Duration.ofSeconds(60).toNanos()) {
        Optional<Replica> l = leader(survivors);
        if (l.isPresent()) {
          ledAt = System.nanoTime();
          next = l.get();
          break;
        }
        Thread.sleep(20);
      }
      running.join();
      if (next == null) {
        problems++;
        System.out.println("  PROBLEM: no survivor led within 60 s of the kill");
        return load.failures.size();
      }
      long led = ledAt;
      long firstAck = load.acks.stream().mapToLong(Ack::answeredAt).filter(t -> t > killedAt).min().orElse(-1);
      long beforeLead = load.acks.stream().mapToLong(Ack::answeredAt).filter(t -> t > killedAt && t <= led).count();
      long[] answered = load.acks.stream().mapToLong(Ack::answeredAt).sorted().toArray();
      long longestGap = 0;
      for (int i = 1; i < answered.length; i++) {
        longestGap = Math.max(longestGap, answered[i] - answered[i - 1]);
      }
      Map<Integer, Integer> byStatus = new TreeMap<>();
      load.failures.forEach(f -> byStatus.merge(f.status(), 1, Integer::sum));
      long beforeKill = load.acks.stream().filter(a -> a.answeredAt() <= killedAt).count();
      System.out.printf("  failover, %d clients: leader %s killed (SIGKILL, reaped after %d ms) %.1f s into the load;"
              + " replica %s led after %d ms; first registration acknowledged after the kill: %s ms (%d acknowledged between"
              + " the kill and the new leader seen leading); longest gap between acknowledgements %d ms; %d acknowledged"
              + " (%d before the kill), %d not acknowledged by status %s (-1: connection broken)%n",
          clients, old.name, (deadAt - killedAt) / 1_000_000, (killedAt - start) / 1e9, next.name,
          (ledAt - killedAt) / 1_000_000, firstAck < 0 ? "none" : String.valueOf((firstAck - killedAt) / 1_000_000),
          beforeLead, longestGap / 1_000_000, load.acks.size(), beforeKill, load.failures.size(), byStatus);
      StringBuilder timeline = new StringBuilder();
      for (int s = -3; s < AFTER_KILL; s++) {
        long from = killedAt + s * 1_000_000_000L;
        long to = from + 1_000_000_000L;
        long n = load.acks.stream().filter(a -> a.answeredAt() > from && a.answeredAt() <= to).count();
        timeline.append(timeline.isEmpty() ? "" : " ").append(s >= 0 ? "+" : "").append(s).append("s:").append(n);
      }
      System.out.println("  acknowledgements per second around the kill: " + timeline);
      Map<Integer, String> example = new TreeMap<>();
      load.failures.forEach(f -> example.putIfAbsent(f.status(), String.format("%s (%+d ms after the kill)",
          f.body().replaceAll("\\s+", " "), (f.answeredAt() - killedAt) / 1_000_000)));
      example.forEach((status, body) -> System.out.println("  first " + status + ": " + body));
      if (firstAck < 0) {
        problems++;
        System.out.println("  PROBLEM: nothing was acknowledged after the kill");
      }
      String main = run(List.of("git", "--git-dir=" + remote, "rev-parse", "refs/heads/main")).strip();
      String fence = run(List.of("git", "--git-dir=" + remote, "rev-parse", "refs/steward/leader")).strip();
      System.out.printf("  remote: main %s, refs/steward/leader %s%n", main.substring(0, 12),
          main.equals(fence) ? "the same (moved with main)" : fence.substring(0, 12) + " (a takeover not yet followed by a push)");
      // 502: the forwarded call broke after it was sent; -1: the connection broke; either may have been recorded
      return (int) load.failures.stream().filter(f -> f.status() == 502 || f.status() == -1 || f.status() == 503).count();
    }

    /**
     * Every acknowledged registration is there once, at the version it was acknowledged with; versions are dense
     * 1..n per model; at most {@code ambiguous} versions were recorded without an acknowledgement.
     */
    void verify(int ambiguous) throws Exception {
      Map<String, Map<Integer, String>> all = new HashMap<>();
      for (String model : models) {
        all.put(model, versions(model));
      }
      Map<String, Integer> copies = new HashMap<>();
      all.values().forEach(v -> v.values().forEach(uri -> copies.merge(uri, 1, Integer::sum)));
      int wrong = 0;
      for (Ack a : acks) {
        String there = all.getOrDefault(a.model(), Map.of()).get(a.version());
        if (!a.artifact().equals(there) || copies.getOrDefault(a.artifact(), 0) != 1) {
          if (wrong++ < 5) {
            System.out.printf("  PROBLEM: %s acknowledged as %s/%d, found %s, %d cop(ies)%n", a.artifact(), a.model(),
                a.version(), there, copies.getOrDefault(a.artifact(), 0));
          }
        }
      }
      int gaps = 0;
      int total = 0;
      for (Map.Entry<String, Map<Integer, String>> e : all.entrySet()) {
        int n = e.getValue().size();
        total += n;
        for (int v = 1; v <= n; v++) {
          if (!e.getValue().containsKey(v)) {
            gaps++;
          }
        }
      }
      long duplicates = copies.values().stream().filter(c -> c > 1).count();
      int unacknowledged = total - acks.size();
      System.out.printf("  verified through the API: %d versions on %d models, %d acknowledged; %d acknowledged registrations"
              + " missing or misplaced, %d gaps in version numbers, %d artifacts recorded twice, %d recorded without an"
              + " acknowledgement (at most %d calls failed ambiguously)%n", total, models.size(), acks.size(), wrong, gaps,
          duplicates, unacknowledged, ambiguous);
      if (wrong > 0 || gaps > 0 || duplicates > 0 || unacknowledged < 0 || unacknowledged > ambiguous) {
        problems++;
        System.out.println("  PROBLEM: the registry does not hold exactly the acknowledged registrations");
      }
    }

    Map<Integer, String> versions(String model) throws Exception {
      Map<Integer, String> found = new HashMap<>();
      for (int page = 0; ; page++) {
        String body = ok(get(front, engineer, "/api/v1/models/" + model + "/versions?size=500&page=" + page));
        Matcher m = VERSION_ITEM.matcher(body);
        int items = 0;
        while (m.find()) {
          items++;
          if (found.put(Integer.parseInt(m.group(2)), m.group(3)) != null) {
            problems++;
            System.out.println("  PROBLEM: version " + m.group(2) + " of " + model + " listed twice");
          }
        }
        if (items < 500) {
          return found;
        }
      }
    }

    List<String> models(String prefix, int count) throws Exception {
      List<String> own = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String model = prefix + "-" + i;
        ok(post(front, engineer, "/api/v1/models", "{\"name\":\"" + model + "\"}"), 201);
        own.add(model);
      }
      models.addAll(own);
      return own;
    }

    /** Updates of main on the remote so far: the leader's pushes (its reflog, kept since the remote was made). */
    int pushes() throws Exception {
      if (remote == null) {
        return 0;
      }
      return (int) run(List.of("git", "--git-dir=" + remote, "reflog", "show", "--format=%H", "refs/heads/main"))
          .lines().count();
    }

    Map<String, Long> requestsPerServer() throws Exception {
      Map<String, Long> requests = new TreeMap<>();
      for (String[] row : statsRows(stats)) {
        if (!"BACKEND".equals(row[1])) {
          requests.put(row[1], Long.parseLong(row[2].isEmpty() ? "0" : row[2]));
        }
      }
      return requests;
    }

    long cpuNanos() {
      long sum = 0;
      for (Replica r : replicas) {
        if (r.process != null && r.process.isAlive()) {
          sum += r.process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        }
      }
      return sum;
    }

    @Override
    public void close() throws Exception {
      haproxy.destroy();
      for (Replica r : replicas) {
        r.stop();
      }
      haproxy.waitFor();
      if (git != null) {
        git.destroy();
        git.waitFor();
      }
    }
  }

  /** Clients registering model versions through the front for a while, each on its own model. */
  static final class Load {
    final Cluster cluster;
    final List<String> models;
    final int clients;
    final String label;
    final ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();

    Load(Cluster cluster, List<String> models, int clients, String label) {
      this.cluster = cluster;
      this.models = models;
      this.clients = clients;
      this.label = label;
    }

    void runFor(Duration duration) {
      long end = System.nanoTime() + duration.toNanos();
      try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
        for (int c = 0; c < clients; c++) {
          String model = models.get(c % models.size());
          int client = c;
          pool.submit(() -> {
            for (int i = 0; System.nanoTime() < end; i++) {
              String artifact = "s3://models/" + model + "/" + label + "/c" + client + "/" + i;
              long t = System.nanoTime();
              int status;
              String body;
              Optional<String> location = Optional.empty();
              try {
                HttpResponse<String> r = post(cluster.front, cluster.engineer, "/api/v1/models/" + model + "/versions",
                    versionBody(artifact, i));
                status = r.statusCode();
                body = r.body();
                location = r.headers().firstValue("Location");
              } catch (IOException e) {
                status = -1;
                body = String.valueOf(e);
              } catch (InterruptedException e) {
                return null;
              } catch (RuntimeException e) {
                status = -2;
                body = String.valueOf(e);
              }
              long answered = System.nanoTime();
              if (status == 201 && location.isPresent()) {
                int version = Integer.parseInt(location.get().substring(location.get().lastIndexOf('/') + 1));
                Ack a = new Ack(model, version, artifact, t, answered);
                acks.add(a);
                cluster.acks.add(a);
              } else {
                Failure f = new Failure(model, artifact, status, body.length() > 300 ? body.substring(0, 300) : body, answered);
                failures.add(f);
                cluster.failures.add(f);
              }
            }
            return null;
          });
        }
      }
    }
  }

  /** One Steward process from the built jar: java -jar steward.jar server, HA on. */
  static final class Replica {
    final String name;
    final Path dir;
    final int port;
    final List<String> command;
    Process process;
    long readyAt;

    Replica(String name, Path dir, int port, String datasource, String remote, Path key) {
      this.name = name;
      this.dir = dir;
      this.port = port;
      Map<String, String> p = new LinkedHashMap<>();
      p.put("server.port", String.valueOf(port));
      p.put("server.address", "127.0.0.1");
      p.put("steward.data-dir", dir.toString());
      p.put("steward.bootstrap-token", TOKEN);
      p.put("steward.lineage.signing.key", key.toString());
      if (datasource != null) {
        p.put("spring.datasource.url", datasource);
        p.put("spring.datasource.username", PG_USER);
        p.put("spring.datasource.password", PG_PASSWORD);
        p.put("steward.ha.enabled", "true");
        p.put("steward.ha.advertised-url", "http://127.0.0.1:" + port);
        p.put("steward.ha.lease-duration", "15s");
        p.put("steward.lineage.remote", remote);
      }
      p.put("logging.level.root", "WARN");
      p.put("logging.level.dev.steward.server.ha", "INFO");
      p.put("spring.main.banner-mode", "off");
      for (String kv : PROPERTIES.trim().split("\\s+")) {
        if (!kv.isEmpty()) {
          p.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
      }
      List<String> c = new ArrayList<>(List.of(JAVA, "-Xmx" + HEAP, "-jar", JAR.toString(), "server"));
      p.forEach((k, v) -> c.add("--" + k + "=" + v));
      this.command = c;
    }

    void launch() throws Exception {
      process = child(new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(dir.resolve("steward-" + System.currentTimeMillis() + ".log").toFile()));
      long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException("replica " + name + " exited with " + process.exitValue() + "; see its log in " + dir);
        }
        try {
          if (get("http://127.0.0.1:" + port, null, "/actuator/health").statusCode() == 200) {
            readyAt = System.nanoTime();
            return;
          }
        } catch (IOException e) {
          // not listening yet
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("replica " + name + " not healthy after 300 s; see its log in " + dir);
        }
        Thread.sleep(100);
      }
    }

    /** leader, follower, or what went wrong asking. */
    String role() {
      if (process == null || !process.isAlive()) {
        return "dead";
      }
      try {
        Matcher m = Pattern.compile("\"role\":\"(\\w+)\"").matcher(get("http://127.0.0.1:" + port, TOKEN, "/actuator/health").body());
        return m.find() ? m.group(1) : "unknown";
      } catch (IOException | InterruptedException e) {
        return "unreachable";
      }
    }

    /** SIGKILL: no shutdown hook, no goodbye; the database session and its advisory lock go with the process. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor();
    }

    void stop() throws InterruptedException {
      if (process != null && process.isAlive()) {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
          kill();
        }
      }
    }
  }

  static Optional<Replica> leader(List<Replica> replicas) {
    return replicas.stream().filter(r -> "leader".equals(r.role())).findFirst();
  }

  /** The registration body of bench/registry (metrics, params, four pinned references), with a unique artifact. */
  static String versionBody(String artifact, int i) {
    return """
        {"artifactUri":"%s","format":{"name":"sklearn","version":"1"},
         "metrics":{"auc":0.9%d,"f1":0.7},"params":{"max_depth":"6","seed":"%d"},
         "datasets":[{"name":"bench-events","version":1}],"featureSet":{"name":"bench-features","version":1},
         "thresholdSet":{"name":"bench-thresholds","version":1},"explanationTemplate":{"name":"bench-reasons","version":1}}"""
        .formatted(artifact, i % 10, i);
  }

  static void upstream(String front, String token) throws Exception {
    ok(post(front, token, "/api/v1/datasets", """
        {"name":"bench-events","uri":"s3://lake/bench","contentDigest":"sha256:%s",
         "schema":[{"name":"tenure","type":"int"},{"name":"plan","type":"string"}],"rowCount":1000}"""
        .formatted("ab".repeat(32))), 201);
    ok(post(front, token, "/api/v1/feature-sets", """
        {"name":"bench-features","features":[{"name":"tenure","dtype":"int","pii":false},
         {"name":"plan","dtype":"string","pii":false}],"sourceDatasets":[{"name":"bench-events","version":1}]}"""), 201);
    ok(post(front, token, "/api/v1/threshold-sets", """
        {"name":"bench-thresholds","values":{"decision_threshold":0.5,"min_auc":0.8,"psi_warn":0.1,"psi_alert":0.25}}"""), 201);
    ok(post(front, token, "/api/v1/explanation-templates", """
        {"name":"bench-reasons","featureSet":{"name":"bench-features","version":1},
         "reasons":{"tenure":"Recent customers leave more often"},"topK":1}"""), 201);
  }

  static String token(String front, String principal, String role) throws Exception {
    String answer = ok(post(front, TOKEN, "/api/v1/admin/tokens",
        "{\"principal\":\"" + principal + "\",\"roles\":[\"" + role + "\"]}"), 201);
    Matcher m = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(answer);
    if (!m.find()) {
      throw new IllegalStateException("no token in " + answer);
    }
    return m.group(1);
  }

  static HttpResponse<String> post(String base, String token, String path, String body) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> get(String base, String token, String path) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static int status(HttpResponse<String> r) {
    return r.statusCode();
  }

  static String ok(HttpResponse<String> r, int... expected) {
    int[] accepted = expected.length == 0 ? new int[] {200} : expected;
    for (int e : accepted) {
      if (r.statusCode() == e) {
        return r.body();
      }
    }
    throw new IllegalStateException(r.request().method() + " " + r.request().uri() + " answered " + r.statusCode() + " " + r.body());
  }

  static List<String[]> statsRows(String stats) throws Exception {
    String csv = ok(get(stats, null, ""));
    String[] lines = csv.split("\n");
    List<String> header = Arrays.asList(lines[0].replaceFirst("^# ", "").split(","));
    int status = header.indexOf("status");
    int requests = header.indexOf("req_tot") >= 0 ? header.indexOf("req_tot") : header.indexOf("stot");
    List<String[]> rows = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      String[] cols = lines[i].split(",", -1);
      if (cols.length > Math.max(status, requests) && "replicas".equals(cols[0])) {
        rows.add(new String[] {cols[status], cols[1], cols[requests]});
      }
    }
    return rows;
  }

  static Map<String, String> serverStates(String stats) throws Exception {
    Map<String, String> states = new TreeMap<>();
    for (String[] row : statsRows(stats)) {
      if (!"BACKEND".equals(row[1])) {
        states.put(row[1], row[0]);
      }
    }
    return states;
  }

  static void psql(String sql) throws Exception {
    Matcher m = Pattern.compile("jdbc:postgresql://([^/:]+)(?::(\\d+))?/.*").matcher(PG_URL);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a jdbc:postgresql://host[:port]/database URL: " + PG_URL);
    }
    ProcessBuilder b = new ProcessBuilder(PSQL, "-h", m.group(1), "-p", m.group(2) == null ? "5432" : m.group(2), "-U", PG_USER,
        "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-q", "-c", sql);
    b.environment().put("PGPASSWORD", PG_PASSWORD);
    run(b);
  }

  static void dropDatabases() {
    for (String database : DATABASES) {
      try {
        psql("drop database if exists " + database + " with (force)");
      } catch (Exception e) {
        System.out.println("Could not drop database " + database + ": " + e.getMessage());
      }
    }
  }

  static void uptime(String phase) throws Exception {
    System.out.printf("%n== %s; uptime: %s", phase, run(List.of("uptime")));
  }

  static Process child(ProcessBuilder b) throws IOException {
    Process p = b.start();
    CHILDREN.add(p);
    return p;
  }

  static void stopChildren() {
    for (Process p : CHILDREN) {
      p.destroy();
    }
    for (Process p : CHILDREN) {
      try {
        if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
      }
    }
  }

  static String run(List<String> command) throws Exception {
    return run(new ProcessBuilder(command));
  }

  static String run(ProcessBuilder b) throws Exception {
    Process p = b.redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", b.command()) + " failed: " + out);
    }
    return out;
  }

  static void awaitPort(int port, Process owner, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      try (Socket probe = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        if (!owner.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException(owner.info().command().orElse("a process") + " is not listening on " + port);
        }
        Thread.sleep(50);
      }
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static long pct(long[] values, double p) {
    if (values.length == 0) {
      return 0;
    }
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)];
  }

  static String ms(long micros) {
    return String.format("%.1f ms", micros / 1000.0);
  }

  static String env(String name, String fallback) {
    String v = System.getenv(name);
    if (v == null || v.isEmpty()) {
      if (fallback == null) {
        throw new IllegalArgumentException(name + " is not set: run bench/ha/run.sh");
      }
      return fallback;
    }
    return v;
  }
}
