package dev.steward.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.drift.traffic.DriftDetected;
import dev.steward.drift.traffic.TrafficMonitor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ApplicationEventMulticaster;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The drift API through the real server, registry and database: ad-hoc comparison, reference upload,
 * scored traffic with shifts, reports, the alert event, the KServe logger endpoint and the metrics.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DriftTrafficTests {
  /** Two days ago: rows must be younger than steward.drift.max-row-age (7 days) and not in the future. */
  private static final Instant DAY = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.DAYS);
  private static final int ROWS_PER_HOUR = 2000;

  abstract Database database();

  Path dataDir;
  Steward steward;
  Api alice;
  String token;
  String base;
  final List<DriftDetected> detected = new CopyOnWriteArrayList<>();

  @BeforeAll
  void start() throws Exception {
    dataDir = Files.createTempDirectory("steward-drift");
    steward = Steward.start(dataDir, database(), Map.of("steward.drift.close-interval", "0",
        "steward.max-request-size", "16MB", "steward.drift.kserve.ingest-key", "logger-key",
        "steward.drift.kserve.services", "default/churn-isvc=churn:1:kserve"));
    steward.bean(ApplicationEventMulticaster.class)
        .addApplicationListener((ApplicationListener<org.springframework.context.PayloadApplicationEvent<?>>) e -> {
          if (e.getPayload() instanceof DriftDetected d) {
            detected.add(d);
          }
        });
    token = steward.admin().issue("alice", "ml-engineer");
    alice = steward.api(token);
    base = "http://127.0.0.1:" + steward.port();
    DriftTraffic.registerModel(alice, "churn");
  }

  @AfterAll
  void stop() {
    if (steward != null) {
      steward.close();
    }
    Steward.deleteRecursively(dataDir);
  }

  @Test
  void comparesJsonColumnsAndRefusesMismatchedOnes() {
    ObjectNode request = Api.object().put("mode", "reference-bins");
    var ref = request.putObject("reference");
    var cur = request.putObject("current");
    var rx = ref.putArray("x");
    var cx = cur.putArray("x");
    var rc = ref.putArray("plan");
    var cc = cur.putArray("plan");
    for (int i = 0; i < 200; i++) {
      rx.add(i % 50);
      cx.add(i % 50 + 25);
      rc.add(i % 3 == 0 ? "a" : "b");
      cc.add(i % 2 == 0 ? "a" : "b");
    }
    Api.Answer a = alice.post("/api/v1/drift/compare", request);
    assertThat(a.status()).as(a.toString()).isEqualTo(200);
    assertThat(a.body()).contains("\"x\"").contains("plan");

    ObjectNode bad = Api.object();
    bad.putObject("reference").putArray("x").add(1).add(2);
    bad.putObject("current").putArray("x").add("a").add("b");
    Api.Answer refused = alice.post("/api/v1/drift/compare", bad);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.contentType()).startsWith("application/problem+json");

    ObjectNode unknownMode = Api.object().put("mode", "magic");
    unknownMode.putObject("reference").putArray("x").add(1);
    unknownMode.putObject("current").putArray("x").add(1);
    assertThat(alice.post("/api/v1/drift/compare", unknownMode).status()).isEqualTo(400);
  }

  @Test
  void comparesTwoCsvFilesSentAsMultipart() {
    StringBuilder ref = new StringBuilder("x,plan\n");
    StringBuilder cur = new StringBuilder("x,plan\n");
    for (int i = 0; i < 100; i++) {
      ref.append(i).append(",a\n");
      cur.append(i + 30).append(i % 2 == 0 ? ",a\n" : ",b\n");
    }
    Api.Answer a = DriftTraffic.send(base, token, "POST", "/api/v1/drift/compare?mode=evidently",
        "multipart/form-data; boundary=xyz", DriftTraffic.multipart("xyz", ref.toString(), cur.toString()), Map.of());
    assertThat(a.status()).as(a.toString()).isEqualTo(200);
    assertThat(a.body()).contains("plan");
  }

  /** The CSV and Parquet twins that drift-monitor's SampleFilesTests read. */
  private static byte[] twin(String name) throws java.io.IOException {
    return Files.readAllBytes(Path.of("../drift-monitor/src/test/resources/files", name));
  }

  private static byte[] files(String boundary, String refName, byte[] ref, String curName, byte[] cur) {
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    for (String[] part : new String[][] {{"reference", refName}, {"current", curName}}) {
      body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part[0] + "\"; filename=\""
          + part[1] + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      body.writeBytes(part[0].equals("reference") ? ref : cur);
      body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return body.toByteArray();
  }

  @Test
  void comparesParquetFilesSentAsMultipartAsTheirCsvTwins() throws Exception {
    Api.Answer csv = DriftTraffic.send(base, token, "POST", "/api/v1/drift/compare?mode=reference-bins",
        "multipart/form-data; boundary=xyz", files("xyz", "ref.csv", twin("reference.csv"), "cur.csv",
            twin("current.csv")), Map.of());
    Api.Answer parquet = DriftTraffic.send(base, token, "POST", "/api/v1/drift/compare?mode=reference-bins",
        "multipart/form-data; boundary=xyz", files("xyz", "ref.parquet", twin("reference.parquet"), "cur.parquet",
            twin("current.parquet")), Map.of());
    assertThat(parquet.status()).as(parquet.toString()).isEqualTo(200);
    assertThat(parquet.body()).isEqualTo(csv.body()).contains("\"column\":\"plan\"");

    Api.Answer chosen = DriftTraffic.send(base, token, "POST", "/api/v1/drift/compare?columns=x,plan&limit=500",
        "multipart/form-data; boundary=xyz", files("xyz", "ref.parquet", twin("reference.parquet"), "cur.csv",
            twin("current.csv")), Map.of());
    assertThat(chosen.status()).as(chosen.toString()).isEqualTo(200);
    assertThat(chosen.json().path("columns")).hasSize(2);

    Api.Answer fake = DriftTraffic.send(base, token, "POST", "/api/v1/drift/compare",
        "multipart/form-data; boundary=xyz", files("xyz", "ref.parquet", twin("reference.csv"), "cur.csv",
            twin("current.csv")), Map.of());
    assertThat(fake.status()).as(fake.toString()).isEqualTo(400);
    assertThat(fake.contentType()).startsWith("application/problem+json");
    assertThat(fake.body()).contains("not a Parquet file");
  }

  @Test
  void buildsAReferenceProfileStraightFromAParquetTrainingFile() throws Exception {
    DriftTraffic.registerModel(alice, "trained");
    String path = "/api/v1/drift/models/trained/versions/1/reference";
    Api.Answer wide = DriftTraffic.send(base, token, "POST", path, "application/vnd.apache.parquet",
        twin("reference.parquet"), Map.of());
    assertThat(wide.status()).as("columns beyond the feature set: " + wide).isEqualTo(422);
    assertThat(wide.body()).contains("columns parameter");
    Api.Answer notParquet = DriftTraffic.send(base, token, "POST", path + "?columns=x,score,label",
        "application/vnd.apache.parquet", twin("reference.csv"), Map.of());
    assertThat(notParquet.status()).as(notParquet.toString()).isEqualTo(400);
    assertThat(alice.get(path).status()).as("refused uploads store nothing").isEqualTo(404);

    Api.Answer created = DriftTraffic.send(base, token, "POST", path + "?columns=x,score,label",
        "application/vnd.apache.parquet", twin("reference.parquet"), Map.of());
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.json().path("rows").asInt()).isEqualTo(2000);
    assertThat(created.json().path("labelled").asInt()).isEqualTo(2000);
    assertThat(alice.get(path).json().path("features").toString()).contains("x", "c");
  }

  @Test
  void reportsOkBeforeAndAlertAfterShiftsForEachKindOfDrift() {
    Api.Answer reference = DriftTraffic.send(base, token, "POST", "/api/v1/drift/models/churn/versions/1/reference",
        "application/x-ndjson", DriftTraffic.reference("churn", 11, 40_000).getBytes(StandardCharsets.UTF_8), Map.of());
    assertThat(reference.status()).as(reference.toString()).isEqualTo(201);
    assertThat(reference.json().path("labelled").asInt()).isEqualTo(40_000);
    assertThat(alice.get("/api/v1/drift/models/churn/versions/1/reference").status()).isEqualTo(200);
    Api.Answer again = DriftTraffic.jsonLines(base, token, "/api/v1/drift/models/churn/versions/1/reference",
        DriftTraffic.reference("churn", 12, 100));
    assertThat(again.status()).isEqualTo(409);

    TrafficMonitor monitor = steward.bean(TrafficMonitor.class);
    for (int hour = 0; hour < 4; hour++) {
      for (DriftTraffic.Shift kind : List.of(DriftTraffic.Shift.PSI, DriftTraffic.Shift.NULLS, DriftTraffic.Shift.CALIBRATION)) {
        String env = kind.name().toLowerCase(Locale.ROOT);
        SplittableRandom r = new SplittableRandom(hour * 17L + kind.ordinal());
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < ROWS_PER_HOUR; i++) {
          rows.append(DriftTraffic.row(r, env + "-" + hour + "-" + i, "churn", env,
              DAY.plus(Duration.ofHours(hour)).plusMillis(i * 1000L), hour >= 2 ? kind : DriftTraffic.Shift.NONE, true));
        }
        Api.Answer a = DriftTraffic.jsonLines(base, token, "/api/v1/drift/rows", rows.toString());
        assertThat(a.status()).as(a.toString()).isEqualTo(200);
        assertThat(a.json().path("accepted").asInt()).as(a.toString()).isEqualTo(ROWS_PER_HOUR);
      }
      monitor.closeDue(DAY.plus(Duration.ofHours(hour + 1)).plus(Duration.ofMinutes(5)));
    }
    for (String env : List.of("psi", "nulls", "calibration")) {
      JsonNode list = alice.get("/api/v1/drift/reports?model=churn&version=1&environment=" + env).json();
      assertThat(list.size()).isEqualTo(4);
      for (JsonNode summary : list) {
        int hour = (int) Duration.between(DAY, Instant.parse(summary.path("windowStart").asString())).toHours();
        assertThat(summary.path("status").asString()).as("%s hour %s: %s", env, hour, summary)
            .isEqualTo(hour >= 2 ? "alert" : "ok");
        JsonNode report = alice.get("/api/v1/drift/reports/" + summary.path("id").asLong()).json();
        assertThat(report.path("features").size()).isEqualTo(2);
        assertThat(report.path("thresholds").path("psiAlert").asDouble()).isEqualTo(0.25);
      }
    }
    assertThat(detected).hasSize(6);
    assertThat(alice.get("/api/v1/drift/reports?status=alert&model=churn").json().size()).isEqualTo(6);
    assertThat(alice.get("/api/v1/drift/reports/999999").status()).isEqualTo(404);

    Api.Answer metrics = steward.admin().get("/actuator/prometheus");
    assertThat(metrics.body())
        .contains("steward_drift_psi{environment=\"psi\",feature=\"x\",model=\"churn\",version=\"1\"}")
        .contains("steward_drift_null_rate_difference{environment=\"nulls\",feature=\"x\"")
        .contains("steward_drift_ece{environment=\"calibration\"")
        .contains("steward_drift_report_status{environment=\"psi\",model=\"churn\",version=\"1\"} 2.0")
        .contains("steward_drift_rows_accepted_total{environment=\"psi\",model=\"churn\",version=\"1\"} 8000.0");
  }

  @Test
  void answersBadIngestionWithReasonsOrProblemDetails() {
    Api.Answer partial = DriftTraffic.jsonLines(base, token, "/api/v1/drift/rows",
        "{\"request_id\":\"q1\",\"model\":\"churn\",\"version\":7,\"timestamp\":\"" + DAY + "\",\"features\":{}}\n"
            + "nonsense\n");
    assertThat(partial.status()).isEqualTo(200);
    assertThat(partial.json().path("rejected").asInt()).isEqualTo(2);
    assertThat(partial.json().path("rejections").get(0).path("reason").asString()).isEqualTo("unknown model version churn/7");
    Api.Answer wrongType = DriftTraffic.send(base, token, "POST", "/api/v1/drift/rows", "text/plain",
        "x".getBytes(StandardCharsets.UTF_8), Map.of());
    assertThat(wrongType.status()).isEqualTo(415);
    assertThat(wrongType.contentType()).startsWith("application/problem+json");
    assertThat(DriftTraffic.jsonLines(base, token, "/api/v1/drift/rows", "").status()).isEqualTo(400);
    Api.Answer unknown = DriftTraffic.jsonLines(base, token, "/api/v1/drift/models/nope/versions/1/reference", "{}\n");
    assertThat(unknown.status()).isEqualTo(404);
  }

  @Test
  void takesKserveLoggerEventsJoinedByCeId() {
    String id = "0009174a-24a8-4603-b098-09c8799950e9";
    Map<String, String> headers = Map.of("Ce-Specversion", "1.0", "Ce-Id", id, "Ce-Source", "churn-isvc-predictor-00001",
        "Ce-Time", DAY.plus(Duration.ofHours(10)).toString(), "Ce-Inferenceservicename", "churn-isvc", "Ce-Namespace", "default",
        "Ce-Component", "predictor", "Ce-Metadata", "{}");
    Map<String, String> request = new java.util.HashMap<>(headers);
    request.put("Ce-Type", "org.kubeflow.serving.inference.request");
    Map<String, String> response = new java.util.HashMap<>(headers);
    response.put("Ce-Type", "org.kubeflow.serving.inference.response");
    // the reference must exist before traffic counts; another test may have stored it already
    DriftTraffic.jsonLines(base, token, "/api/v1/drift/models/churn/versions/1/reference",
        DriftTraffic.reference("churn", 11, 40_000));
    Api.Answer first = DriftTraffic.send(base, token, "POST", "/api/v1/drift/kserve/logger-key", "application/json",
        "{\"instances\": [[0.3, \"a\"]]}".getBytes(StandardCharsets.UTF_8), request);
    assertThat(first.status()).as(first.toString()).isEqualTo(202);
    assertThat(first.json().path("joined").asBoolean()).isFalse();
    Api.Answer second = DriftTraffic.send(base, token, "POST", "/api/v1/drift/kserve/logger-key", "application/json",
        "{\"predictions\": [[0.2, 0.8]]}".getBytes(StandardCharsets.UTF_8), response);
    assertThat(second.status()).as(second.toString()).isEqualTo(202);
    assertThat(second.json().path("result").path("accepted").asInt()).isEqualTo(1);
    assertThat(alice.get("/api/v1/drift/windows").body()).contains("\"environment\":\"kserve\"");

    Api.Answer wrongKey = DriftTraffic.send(base, token, "POST", "/api/v1/drift/kserve/guess", "application/json",
        "{}".getBytes(StandardCharsets.UTF_8), request);
    assertThat(wrongKey.status()).isEqualTo(403);
    Map<String, String> noId = new java.util.HashMap<>(request);
    noId.remove("Ce-Id");
    assertThat(DriftTraffic.send(base, token, "POST", "/api/v1/drift/kserve/logger-key", "application/json",
        "{}".getBytes(StandardCharsets.UTF_8), noId).status()).isEqualTo(400);
  }
}
