package dev.steward.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.drift.traffic.TrafficMonitor;
import dev.steward.lineage.CommitSummary;
import dev.steward.lineage.Lineage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Monitoring survives the index: a reference profile is one commit in the registry repository, so an
 * index rebuild and a lost database both give it back and traffic for its version keeps counting; drift
 * reports live in SQL tables that a rebuild leaves alone.
 */
abstract class DriftProfileDurabilityTests {
  private static final String PROFILE = "drift/profiles/churn/0-99/1.json";

  abstract Database database();

  @Test
  void keepsReferenceProfilesInGitSoRebuildsAndALostDatabaseKeepMonitoringGoing() throws Exception {
    Path dataDir = Files.createTempDirectory("steward-drift-profiles");
    Instant now = Instant.now();
    Instant closedHour = now.minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.HOURS);
    Instant openHour = now.minus(Duration.ofMinutes(2));
    try (Steward steward = Steward.start(dataDir, database(), Map.of("steward.drift.close-interval", "0"))) {
      String token = steward.admin().issue("alice", "ml-engineer");
      String base = "http://127.0.0.1:" + steward.port();
      DriftTraffic.registerModel(steward.api(token), "churn");
      Lineage lineage = steward.bean(Lineage.class);
      String before = lineage.head().orElseThrow();

      Api.Answer uploaded = DriftTraffic.jsonLines(base, token, "/api/v1/drift/models/churn/versions/1/reference",
          DriftTraffic.reference("churn", 11, 3000));
      assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
      List<CommitSummary> commits = lineage.history("drift/profiles/", 10);
      assertThat(commits).as("one commit per upload").singleElement()
          .satisfies(c -> assertThat(c.actor()).isEqualTo("alice"));
      assertThat(lineage.changesSince(before)).singleElement()
          .satisfies(c -> assertThat(c.files()).singleElement().satisfies(f -> assertThat(f.path()).isEqualTo(PROFILE)));
      JsonNode file = Api.JSON.readTree(new String(lineage.read(PROFILE).orElseThrow(), StandardCharsets.UTF_8));
      assertThat(file.path("model").asString()).isEqualTo("churn");
      assertThat(file.path("features").size()).isEqualTo(2);
      JsonNode profile = steward.api(token).get("/api/v1/drift/models/churn/versions/1/reference").json();
      Api.Answer verified = steward.api(token).get("/api/v1/lineage/verify");
      assertThat(verified.json().path("ok").asBoolean()).as("the profile file is no stray file: %s", verified).isTrue();

      assertThat(send(base, token, rows(closedHour, "closed", 300)).path("accepted").asInt()).isEqualTo(300);
      assertThat(send(base, token, rows(openHour, "open", 200)).path("accepted").asInt()).isEqualTo(200);
      assertThat(steward.bean(TrafficMonitor.class).closeDue(now)).hasSize(1);
      JsonNode reports = steward.api(token).get("/api/v1/drift/reports?model=churn").json();
      assertThat(reports.size()).isEqualTo(1);

      Api.Answer rebuilt = steward.admin().post("/api/v1/admin/index/rebuild", "");
      assertThat(rebuilt.status()).as(rebuilt.toString()).isEqualTo(200);
      Api api = steward.api(token);
      assertThat(api.get("/api/v1/drift/models/churn/versions/1/reference").json()).isEqualTo(profile);
      assertThat(api.get("/api/v1/drift/reports?model=churn").json()).as("a rebuild keeps reports").isEqualTo(reports);
      assertThat(steward.rowCounts("drift_reference_profile", "drift_report"))
          .isEqualTo(Map.of("drift_reference_profile", 1L, "drift_report", 1L));

      steward.restartWithEmptyDatabase();
      api = steward.api(token);
      base = "http://127.0.0.1:" + steward.port();
      Api.Answer restored = api.get("/api/v1/drift/models/churn/versions/1/reference");
      assertThat(restored.status()).as(restored.toString()).isEqualTo(200);
      assertThat(restored.json()).isEqualTo(profile);
      assertThat(openRows(api, openHour)).as("the logged rows of the open window count again").isEqualTo(200);
      assertThat(api.get("/api/v1/drift/reports?model=churn").json().size()).as("reports go with the database")
          .isZero();
      // the closed window's rows share a log segment with the open window's, so the segment is still
      // there: the window counts again and will be reported again when it closes
      assertThat(openRows(api, closedHour)).isEqualTo(300);
      JsonNode after = send(base, token, rows(openHour, "after", 100));
      assertThat(after.path("accepted").asInt()).as(after.toString()).isEqualTo(100);
      assertThat(openRows(api, openHour)).isEqualTo(300);
    } finally {
      Steward.deleteRecursively(dataDir);
    }
  }

  private static JsonNode send(String base, String token, String rows) {
    Api.Answer a = DriftTraffic.jsonLines(base, token, "/api/v1/drift/rows", rows);
    assertThat(a.status()).as(a.toString()).isEqualTo(200);
    return a.json();
  }

  private static String rows(Instant at, String prefix, int n) {
    SplittableRandom r = new SplittableRandom(prefix.hashCode());
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(DriftTraffic.row(r, prefix + "-" + i, "churn", "prod", at, DriftTraffic.Shift.NONE, true));
    }
    return b.toString();
  }

  /** Rows counted in the open window of churn/1 in prod that holds {@code at}. */
  private static long openRows(Api api, Instant at) {
    String start = at.truncatedTo(ChronoUnit.HOURS).toString();
    long rows = 0;
    for (JsonNode w : api.get("/api/v1/drift/windows").json()) {
      if (w.path("stream").path("model").asString().equals("churn") && w.path("windowStart").asString().equals(start)) {
        rows += w.path("rows").asLong();
      }
    }
    return rows;
  }
}
