package dev.steward.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * Every {@code steward} command against a real Steward: what it prints in each output format, what it
 * changes, and its exit status for success (0), usage (2), not found (3), refused (4) and an unreachable
 * server (5). The tests build one registry in order, as an engineer, a reviewer and on-call would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CommandLineTests {
  Path dataDir;
  Path home;
  Steward steward;
  String url;
  Cli admin;
  Cli alice;
  Cli rita;
  Cli rob;
  Cli oncall;

  @BeforeAll
  void start() throws IOException {
    dataDir = Files.createTempDirectory("steward-cli");
    home = Files.createTempDirectory("steward-cli-home");
    steward = Steward.start(dataDir, Database.h2());
    url = "http://127.0.0.1:" + steward.port();
    admin = Cli.of(url, Steward.ADMIN_TOKEN, home.resolve("admin.yaml"));
    alice = Cli.of(url, issue("alice", "ml-engineer"), home.resolve("alice.yaml"));
    rita = Cli.of(url, issue("rita", "reviewer"), home.resolve("rita.yaml"));
    rob = Cli.of(url, issue("rob", "reviewer"), home.resolve("rob.yaml"));
    oncall = Cli.of(url, issue("olga", "oncall"), home.resolve("olga.yaml"));
  }

  private String issue(String principal, String role) {
    Cli.Run run = admin.run("tokens", "issue", principal, "--role", role, "--quiet");
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out().strip()).startsWith("stw_");
    return run.out().strip();
  }

  @AfterAll
  void stop() {
    if (steward != null) {
      steward.close();
    }
    Steward.deleteRecursively(dataDir);
    Steward.deleteRecursively(home);
  }

  private static Cli.Run ok(Cli.Run run) {
    assertThat(run.exit()).as(run.toString()).isZero();
    return run;
  }

  @Test
  @Order(1)
  void registersADatasetWithTheDigestItComputes() throws IOException {
    Path file = Files.writeString(home.resolve("churn.csv"), "tenure,plan\n3,basic\n");
    JsonNode dataset = ok(alice.run("datasets", "register", "churn-events", "--path", file.toString(),
        "--uri", "s3://lake/churn/2026-11", "--column", "tenure:int", "--column", "plan:string", "--rows", "1",
        "--tag", "team=retention", "-o", "json")).json();
    // sha256sum of the file's bytes
    assertThat(dataset.path("contentDigest").asString())
        .isEqualTo("sha256:" + sha256(Files.readString(file)));
    assertThat(dataset.path("schema").toString()).contains("tenure").contains("string");
    assertThat(dataset.path("tags").path("team").asString()).isEqualTo("retention");

    // a directory: the digest of its sha256sum lines, sorted by path
    Path dir = Files.createDirectories(home.resolve("parts"));
    Files.writeString(dir.resolve("b.csv"), "b\n");
    Files.createDirectories(dir.resolve("a"));
    Files.writeString(dir.resolve("a/x.csv"), "x\n");
    String manifest = sha256("x\n") + "  a/x.csv\n" + sha256("b\n") + "  b.csv\n";
    JsonNode parts = ok(alice.run("datasets", "register", "churn-parts", "--path", dir.toString(), "-o", "json")).json();
    assertThat(parts.path("contentDigest").asString()).isEqualTo("sha256:" + sha256(manifest));
    assertThat(parts.path("uri").asString()).startsWith("file:/").endsWith("/parts/");

    String table = ok(alice.run("datasets", "list")).out();
    assertThat(table.lines().findFirst().orElseThrow()).matches("NAME\\s+VERSION\\s+DIGEST\\s+REGISTERED_BY\\s+REGISTERED_AT");
    assertThat(table).containsPattern("(?m)^churn-events\\s+1\\s+sha256:");
    assertThat(ok(alice.run("datasets", "show", "churn-events", "1", "-o", "yaml")).out())
        .contains("name: \"churn-events\"").contains("registeredBy: \"alice\"");
  }

  private static String sha256(String text) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  @Order(2)
  void registersFeaturesThresholdsTemplateModelAndVersion() throws IOException {
    Path features = Files.writeString(home.resolve("features.yaml"), """
        name: churn-features
        features:
          - {name: tenure, dtype: int, businessLabel: Customer tenure, pii: false}
          - {name: plan, dtype: string, businessLabel: Price plan, pii: false}
        """);
    ok(alice.run("feature-sets", "register", "-f", features.toString(), "--source", "churn-events@1"));
    assertThat(ok(alice.run("feature-sets", "show", "churn-features", "1", "-o", "json")).json()
        .path("sourceDatasets").get(0).path("name").asString()).isEqualTo("churn-events");
    ok(alice.run("threshold-sets", "register", "churn-thresholds", "--value", "min_auc=0.8", "--value", "psi_alert=0.25"));
    assertThat(ok(alice.run("threshold-sets", "list")).out()).contains("churn-thresholds");
    ok(alice.run("explanation-templates", "register", "churn-reasons", "--feature-set", "churn-features@1",
        "--reason", "tenure=Customers who joined recently leave more often", "--reason",
        "plan=Customers on this plan leave more often", "--top-k", "2"));
    assertThat(ok(alice.run("explanation-templates", "show", "churn-reasons")).out()).containsPattern("(?m)^churn-reasons\\s+1\\s");
    assertThat(ok(alice.run("feature-sets", "list", "-o", "json")).json().path("total").asInt()).isEqualTo(1);
    assertThat(ok(alice.run("explanation-templates", "list")).out()).contains("churn-reasons");

    ok(alice.run("models", "create", "churn", "--description", "Churn classifier"));
    assertThat(ok(alice.run("models", "list")).out()).containsPattern("(?m)^churn\\s+Churn classifier\\s+alice");
    assertThat(ok(alice.run("models", "show", "churn", "-o", "json")).json().path("description").asString())
        .isEqualTo("Churn classifier");
    for (String auc : new String[] {"0.91", "0.93"}) {
      ok(alice.run("versions", "register", "churn", "--artifact-uri", "s3://models/churn/run-" + auc + "/model",
          "--format", "sklearn:1", "--metric", "auc=" + auc, "--param", "max_depth=6", "--dataset", "churn-events@1",
          "--feature-set", "churn-features@1", "--threshold-set", "churn-thresholds@1",
          "--explanation-template", "churn-reasons@1", "--tag", "stage=candidate"));
    }
    JsonNode v2 = ok(alice.run("versions", "show", "churn", "2", "-o", "json")).json();
    assertThat(v2.path("metrics").path("auc").asDouble()).isEqualTo(0.93);
    assertThat(v2.path("format").path("version").asString()).isEqualTo("1");
    assertThat(v2.path("featureSet").path("digest").asString()).startsWith("sha256:");
    String versions = ok(alice.run("versions", "list", "churn")).out();
    assertThat(versions).containsPattern("(?m)^churn\\s+2\\s+sklearn\\s+s3://models/churn/run-0.93/model\\s+alice");
    assertThat(versions.indexOf("run-0.93")).as("newest first").isLessThan(versions.indexOf("run-0.91"));
  }

  @Test
  @Order(3)
  void movesAndRemovesAliases() {
    ok(alice.run("aliases", "set", "churn", "champion", "1"));
    ok(alice.run("aliases", "set", "churn", "challenger", "2"));
    assertThat(ok(alice.run("aliases", "list", "churn")).out()).containsPattern("(?m)^champion\\s+1\\s+alice")
        .containsPattern("(?m)^challenger\\s+2\\s+alice");
    assertThat(ok(alice.run("aliases", "rm", "churn", "challenger")).out()).contains("Removed alias challenger of churn.");
    assertThat(alice.run("aliases", "list", "churn", "-o", "json").json().toString()).doesNotContain("challenger");
    Cli.Run again = alice.run("aliases", "rm", "churn", "challenger");
    assertThat(again.exit()).as(again.toString()).isEqualTo(3);
  }

  @Test
  @Order(4)
  void answersLineageHistoryAndVerify() {
    String upstream = ok(alice.run("lineage", "models", "churn", "1")).out();
    assertThat(upstream).containsPattern("(?m)^dataset\\s+churn-events\\s+1\\s+sha256:")
        .containsPattern("(?m)^explanation-template\\s+churn-reasons\\s+1");
    JsonNode downstream = ok(alice.run("lineage", "datasets", "churn-events", "1", "--direction", "downstream", "-o", "json")).json();
    assertThat(downstream.path("direction").asString()).isEqualTo("DOWNSTREAM");
    assertThat(downstream.toString()).contains("\"kind\":\"model-version\",\"name\":\"churn\",\"version\":2");
    assertThat(ok(alice.run("history", "models", "churn")).out()).containsPattern("(?m)\\s+alice\\s+move-alias\\s+.*churn@champion");
    Cli.Run verify = ok(alice.run("verify", "-o", "json"));
    assertThat(verify.json().path("ok").asBoolean()).isTrue();
  }

  @Test
  @Order(5)
  void promotesThroughReviewersAndRollsBack() {
    JsonNode dev1 = ok(alice.run("promote", "churn", "1", "--to", "dev", "--reason", "first cut", "-o", "json")).json();
    assertThat(dev1.path("state").asString()).isEqualTo("approved");
    ok(alice.run("promote", "churn", "2", "--to", "dev", "--reason", "better AUC"));
    assertThat(ok(alice.run("deployments", "show", "dev", "churn", "-o", "json")).json().path("desired")
        .path("version").asInt()).isEqualTo(2);
    assertThat(ok(alice.run("deployments", "list")).out()).containsPattern("(?m)^dev\\s+churn\\s+2\\s+promote\\s+1\\s+alice");
    assertThat(ok(alice.run("deployments", "manifest", "dev", "churn")).out())
        .contains("apiVersion: \"serving.kserve.io/v1beta1\"");
    assertThat(ok(alice.run("deployments", "history", "dev", "churn", "-o", "json")).json().size()).isGreaterThanOrEqualTo(2);

    for (int version = 1; version <= 2; version++) {
      assertThat(ok(alice.run("promote", "churn", String.valueOf(version), "--to", "staging", "-o", "json")).json()
          .path("state").asString()).isEqualTo("approved");
    }

    // production needs two reviewers: the first approval leaves it pending, the second approves it
    JsonNode requested = ok(alice.run("promote", "churn", "2", "--to", "production", "--reason", "soaked", "-o", "json")).json();
    String id = requested.path("id").asString();
    assertThat(requested.path("state").asString()).isEqualTo("pending");
    assertThat(ok(alice.run("promotions", "list", "--state", "pending")).out()).contains(id);
    assertThat(ok(rita.run("approve", id, "--comment", "metrics hold", "-o", "json")).json().path("state").asString())
        .isEqualTo("pending");
    Cli.Run twice = rita.run("approve", id);
    assertThat(twice.exit()).as(twice.toString()).isEqualTo(4);
    assertThat(ok(rob.run("approve", id, "-o", "json")).json().path("state").asString()).isEqualTo("approved");
    assertThat(ok(alice.run("promotions", "show", id, "-o", "json")).json().path("decisions")).hasSize(2);

    // a reviewer rejects another request
    String staging = ok(alice.run("promote", "churn", "1", "--to", "production", "-o", "json")).json().path("id").asString();
    assertThat(ok(rita.run("reject", staging, "--comment", "older", "-o", "json")).json().path("state").asString())
        .isEqualTo("rejected");

    // on-call rolls dev back to the version before; a second rollback changes nothing
    Cli.Run rollback = ok(oncall.run("rollback", "dev", "churn", "--reason", "error rate up"));
    assertThat(rollback.out()).contains("Rolled back churn in dev: desired version 1 (was 2).");
    assertThat(ok(oncall.run("rollback", "dev", "churn", "--reason", "again", "-o", "json")).json().path("changed").asBoolean()).isFalse();
    assertThat(ok(alice.run("deployments", "show", "dev", "churn", "-o", "json")).json().path("desired").path("version")
        .asInt()).isEqualTo(1);
  }

  @Test
  @Order(6)
  void exitsWithTheStatusOfWhatWentWrongAndSaysItInOneLine() {
    Cli.Run notFound = alice.run("versions", "show", "churn", "99");
    assertThat(notFound.exit()).isEqualTo(3);
    assertThat(notFound.err()).startsWith("steward: 404 ").contains("churn");
    assertThat(notFound.err().strip().lines()).hasSize(1);
    assertThat(notFound.out()).isEmpty();

    Cli.Run invalid = alice.run("datasets", "register", "Bad_Name", "--digest", "sha256:00", "--uri", "s3://x");
    assertThat(invalid.exit()).isEqualTo(4);
    assertThat(invalid.err().strip()).startsWith("steward: 400 ").contains("name").contains("contentDigest");
    assertThat(invalid.err().strip().lines()).hasSize(1);

    Cli.Run forbidden = alice.run("rollback", "dev", "churn", "--reason", "not mine");
    assertThat(forbidden.exit()).isEqualTo(4);
    assertThat(forbidden.err()).startsWith("steward: 403 ").contains("oncall");

    Cli.Run noToken = alice.with("STEWARD_TOKEN", null).run("models", "list");
    assertThat(noToken.exit()).isEqualTo(4);
    assertThat(noToken.err()).startsWith("steward: 401 ");

    Cli.Run conflict = alice.run("models", "create", "churn");
    assertThat(conflict.exit()).isEqualTo(4);
    assertThat(conflict.err()).startsWith("steward: 409 ");

    Cli.Run unresolved = alice.run("promote", "churn", "7", "--to", "dev");
    assertThat(unresolved.exit()).isEqualTo(4);
    assertThat(unresolved.err()).startsWith("steward: 422 ");
  }

  @Test
  @Order(7)
  void refusesBadCommandLinesWithoutCallingTheServer() throws IOException {
    try (ServerSocket listener = new ServerSocket(0)) {
      listener.setSoTimeout(200);
      Cli watched = alice.with("STEWARD_URL", "http://127.0.0.1:" + listener.getLocalPort());
      for (String[] args : new String[][] {
          {}, {"server", "now"}, {"modles", "list"}, {"models", "list", "--sise", "3"}, {"versions", "show", "churn", "one"},
          {"models", "list", "-o", "xml"}, {"promote", "churn", "1"}, {"aliases"}, {"rollback", "dev", "churn"}, {"lineage", "models", "churn", "1",
          "--direction", "sideways"}, {"versions", "register", "churn", "--dataset", "churn-events"},
          {"mlflow", "import", "--run-id", "abc", "--registered-model", "x", "--version", "1"},
          {"datasets", "register", "x", "--path", home.resolve("missing.csv").toString()}}) {
        Cli.Run run = watched.run(args);
        assertThat(run.exit()).as(String.join(" ", args) + "\n" + run).isEqualTo(2);
        assertThat(run.err()).as(String.join(" ", args)).isNotBlank();
        assertThat(accepted(listener)).as(String.join(" ", args) + " contacted the server").isFalse();
      }
    }
    assertThat(alice.run("versions", "show", "churn", "one").err()).contains("'one'").contains("Usage: steward versions show")
        .contains("Try 'steward versions show --help'");
    assertThat(alice.run("modles", "list").err()).contains("Did you mean: steward models").contains("Usage: steward ");
  }

  private static boolean accepted(ServerSocket listener) throws IOException {
    try {
      listener.accept().close();
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  @Test
  @Order(8)
  void namesTheUrlAndTheSettingWhenTheServerCannotBeReached() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    Cli.Run run = alice.with("STEWARD_URL", "http://127.0.0.1:" + closed).run("models", "list");
    assertThat(run.exit()).isEqualTo(5);
    assertThat(run.err().strip()).isEqualTo("steward: Cannot reach Steward at http://127.0.0.1:" + closed
        + " (connection refused); is it running? Change the URL with STEWARD_URL.");
    Cli.Run flag = alice.run("models", "list", "--url", "http://127.0.0.1:" + closed);
    assertThat(flag.err()).contains("Change the URL with --url.");
  }

  @Test
  @Order(9)
  void logsInToAConfigFileOnlyItsOwnerReads() throws IOException {
    Path config = home.resolve("login/config.yaml");
    Cli fresh = Cli.of(null, null, config);
    String token = issue("carol", "ml-engineer");
    Cli.Run wrong = fresh.runWithInput("stw_not-a-token\n", "login", "--url", url, "--token-stdin");
    assertThat(wrong.exit()).isEqualTo(4);
    assertThat(Files.exists(config)).as("a refused token is not stored").isFalse();

    ok(fresh.runWithInput(token + "\n", "login", "--url", url, "--token-stdin"));
    assertThat(Files.getPosixFilePermissions(config)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.readString(config)).contains(url).contains(token);
    Cli.Run registered = ok(fresh.run("models", "create", "churn-login", "-o", "json"));
    assertThat(registered.json().path("registeredBy").asString()).isEqualTo("carol");
    // the environment overrides what login stored
    Cli.Run overridden = fresh.with("STEWARD_TOKEN", "stw_revoked-or-wrong").run("models", "list");
    assertThat(overridden.exit()).isEqualTo(4);
  }

  @Test
  @Order(10)
  void administersTokens() {
    String id = ok(admin.run("tokens", "issue", "dora", "--role", "reviewer", "-o", "json")).json().path("id").asString();
    assertThat(ok(admin.run("tokens", "list")).out()).containsPattern("(?m)^" + id + "\\s+dora\\s+\\[\"reviewer\"\\]");
    assertThat(ok(admin.run("tokens", "revoke", id)).out()).contains("Revoked token " + id);
    assertThat(admin.run("tokens", "revoke", id).exit()).isEqualTo(3);
    assertThat(alice.run("tokens", "list").exit()).isEqualTo(4);
  }

  @Test
  @Order(11)
  void comparesSamplesLocallyAndGatesOnDrift() throws IOException {
    StringBuilder ref = new StringBuilder("amount,channel\n");
    StringBuilder cur = new StringBuilder("amount,channel\n");
    for (int i = 0; i < 400; i++) {
      ref.append(i % 10).append(',').append(i % 3 == 0 ? "web" : "app").append('\n');
      cur.append(i % 10 + 5).append(',').append(i % 2 == 0 ? "web" : "app").append('\n');
    }
    Path r = Files.writeString(home.resolve("ref.csv"), ref);
    Path c = Files.writeString(home.resolve("cur.csv"), cur);
    // no server needed: point the command line at nothing
    Cli offline = alice.with("STEWARD_URL", "http://127.0.0.1:1");
    Cli.Run table = ok(offline.run("drift", "compare", r.toString(), c.toString()));
    assertThat(table.out()).startsWith("Dataset drift: DETECTED (2 of 2 columns drifted");
    assertThat(offline.run("drift", "compare", r.toString(), c.toString(), "--fail-on-drift").exit()).isEqualTo(1);
    assertThat(offline.run("drift", "compare", r.toString(), r.toString(), "--fail-on-drift").exit()).isZero();
    assertThat(ok(offline.run("drift", "compare", r.toString(), c.toString(), "-o", "json")).json()
        .path("dataset").path("datasetDrift").asBoolean()).isTrue();
  }

  @Test
  @Order(12)
  void printsHelpAndCompletionWithoutAServer() {
    Cli offline = alice.with("STEWARD_URL", "http://127.0.0.1:1");
    Cli.Run help = ok(offline.run("--help"));
    assertThat(help.out()).contains("Usage: steward").contains("server").contains("promote").contains("Exit codes:");
    assertThat(ok(offline.run("help", "drift")).out()).contains("compare");
    assertThat(ok(offline.run("drift", "compare", "--help")).out()).contains("--fail-on-drift");
    assertThat(ok(offline.run("server", "--help")).out()).contains("Starts the Steward server");
    assertThat(ok(offline.run("completion")).out()).contains("complete -F");
  }
}
