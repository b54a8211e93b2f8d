package dev.steward.server.system;

import static dev.steward.server.system.RegistryFixtures.expectCreated;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.drift.traffic.TrafficMonitor;
import dev.steward.lineage.CommitSummary;
import dev.steward.lineage.Lineage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The web pages in a real browser (Debian's Chromium through Selenium) against the real application, with Spring
 * Authorization Server as the OIDC identity provider: a reviewer signs in through OIDC and approves after reading a
 * failed rule, the author cannot approve, on-call rolls back from the board and the commit names them, an engineer
 * follows lineage from a version to its dataset; refusals (no CSRF token, no reason, a promotion that moved on, bad
 * JWTs, no role) change nothing and say why; every page passes axe-core without serious or critical violations.
 * With {@code STEWARD_UI_SCREENSHOTS} set to a folder the main pages are saved there as PNG.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebJourneysTests {
  static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  /** Two days ago: drift rows must be younger than steward.drift.max-row-age (7 days). */
  static final Instant DAY = Instant.now().minus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.DAYS);

  Path dataDir;
  Steward steward;
  TestIdentityProvider idp;
  Browser browser;
  String base;
  Api alice;
  Api rob;
  String aliceToken;
  String rexToken;
  String promotion;
  final List<String> accessibility = new ArrayList<>();

  @BeforeAll
  void start() throws IOException {
    Browser.requireInstalled();
    int port = freePort();
    int idpPort = freePort();
    base = "http://127.0.0.1:" + port;
    idp = TestIdentityProvider.start(idpPort, base);
    dataDir = Files.createTempDirectory("steward-web");
    Map<String, String> p = new LinkedHashMap<>();
    p.put("server.port", String.valueOf(port));
    String r = "spring.security.oauth2.client.registration.idp.";
    p.put(r + "client-id", TestIdentityProvider.CLIENT);
    p.put(r + "client-secret", TestIdentityProvider.SECRET);
    p.put(r + "client-name", "Test IdP");
    p.put(r + "scope", "openid,profile");
    p.put(r + "authorization-grant-type", "authorization_code");
    p.put(r + "redirect-uri", "{baseUrl}/login/oauth2/code/{registrationId}");
    p.put("spring.security.oauth2.client.provider.idp.issuer-uri", idp.issuer());
    p.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", idp.issuer());
    p.put("spring.security.oauth2.resourceserver.jwt.audiences", TestIdentityProvider.CLIENT);
    p.put("steward.oidc.group-roles.steward-reviewers", "reviewer");
    p.put("steward.drift.close-interval", "0");
    steward = Steward.start(dataDir, Database.h2(), p);
    Api admin = steward.admin();
    aliceToken = admin.issue("alice", "ml-engineer", "reviewer");
    alice = admin.as(aliceToken);
    rob = admin.as(admin.issue("rob", "reviewer"));
    rexToken = admin.issue("rex", "reviewer");
    RegistryFixtures.registerChurn(alice);
    expectCreated(alice.post("/api/v1/models/churn/versions", RegistryFixtures.modelVersion("churn-events",
        "churn-features", "churn-thresholds", "churn-reasons")));
    var v2 = RegistryFixtures.modelVersion("churn-events", "churn-features", "churn-thresholds", "churn-reasons");
    v2.putObject("metrics").put("auc", 0.93).put("f1", 0.75);
    expectCreated(alice.post("/api/v1/models/churn/versions", v2));
    for (String env : List.of("dev", "staging")) {
      assertThat(expectCreated(alice.post("/api/v1/promotions", PromotionJourneyTests.promotion("churn", 1, env)))
          .text("state")).isEqualTo("approved");
    }
    Api.Answer production = expectCreated(alice.post("/api/v1/promotions",
        PromotionJourneyTests.promotion("churn", 1, "production")));
    assertThat(production.text("state")).isEqualTo("pending");
    promotion = production.text("id");
    expectCreated(alice.post("/api/v1/promotions", PromotionJourneyTests.promotion("churn", 2, "dev")));
    drift(alice);
    browser = Browser.open();
  }

  /** Model {@code fraud} version 1 with eight hourly windows in production, the last three drifting. */
  void drift(Api api) {
    DriftTraffic.registerModel(api, "fraud");
    String token = steward.admin().issue("feeder", "ingest");
    String apiBase = "http://127.0.0.1:" + steward.port();
    assertThat(DriftTraffic.jsonLines(apiBase, aliceToken, "/api/v1/drift/models/fraud/versions/1/reference",
        DriftTraffic.reference("fraud", 11, 20_000)).status()).isEqualTo(201);
    TrafficMonitor monitor = steward.bean(TrafficMonitor.class);
    for (int hour = 0; hour < 8; hour++) {
      SplittableRandom random = new SplittableRandom(hour);
      StringBuilder rows = new StringBuilder();
      for (int i = 0; i < 1500; i++) {
        DriftTraffic.Shift shift = hour < 5 ? DriftTraffic.Shift.NONE
            : List.of(DriftTraffic.Shift.PSI, DriftTraffic.Shift.NULLS, DriftTraffic.Shift.CALIBRATION).get(hour - 5);
        rows.append(DriftTraffic.row(random, "p-" + hour + "-" + i, "fraud", "production",
            DAY.plus(Duration.ofHours(hour)).plusMillis(i * 2000L), shift, true));
      }
      Api.Answer sent = DriftTraffic.jsonLines(apiBase, token, "/api/v1/drift/rows", rows.toString());
      assertThat(sent.json().path("accepted").asInt()).as(sent.toString()).isEqualTo(1500);
      monitor.closeDue(DAY.plus(Duration.ofHours(hour + 1)).plus(Duration.ofMinutes(5)));
    }
  }

  @BeforeEach
  void signedOut() {
    if (browser != null) {
      browser.go(base + "/login");
      // Steward's and the provider's cookies share the host 127.0.0.1: this clears both sessions
      browser.driver.manage().deleteAllCookies();
    }
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (steward != null) {
      steward.close();
    }
    if (idp != null) {
      idp.close();
    }
    if (dataDir != null) {
      Steward.deleteRecursively(dataDir);
    }
  }

  @Test
  @Order(1)
  void openingStewardInABrowserAsksToSignInWithProtectiveHeaders() throws Exception {
    HttpResponse<String> root = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(root.statusCode()).isEqualTo(302);
    assertThat(root.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(login.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("script-src 'self'").contains("style-src 'self'").contains("frame-ancestors 'none'")
        .doesNotContain("unsafe-inline");
    assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(login.body()).doesNotContain("<script>").doesNotContain("style=\"");

    browser.go(base + "/");
    assertThat(browser.driver.getCurrentUrl()).endsWith("/login");
    assertThat(browser.page()).contains("Sign in to Steward").contains("Sign in with Test IdP");
    check("sign-in");
    browser.type("#token", "stw_thisTokenWasNeverIssuedByStewardAtAll00000");
    browser.click("#sign-in");
    assertThat(browser.text("#problem")).contains("That API token is not valid");
    // the API still answers JSON problems, never a sign-in page, and its document describes no page
    assertThat(steward.api(null).get("/api/v1/models").status()).isEqualTo(401);
    assertThat(steward.api(null).get("/v3/api-docs").body()).doesNotContain("\"/ui").doesNotContain("\"/login");
  }

  @Test
  @Order(2)
  void reviewerSignsInThroughOidcReadsTheFailedRuleAndApproves() {
    signInThroughProvider("rita");
    assertThat(browser.text("#viewer-name")).isEqualTo("rita");
    assertThat(browser.text("#viewer-roles")).isEqualTo("reviewer");
    assertThat(browser.text("#pending")).contains("churn v1").contains("production")
        .contains("two-reviewer-approvals");
    check("home");
    shot("home");
    browser.driver.findElement(By.linkText("churn v1")).click();
    String failed = browser.text("tr[data-rule='two-reviewer-approvals']");
    assertThat(failed).contains("fail").contains("block");
    assertThat(browser.text("tr[data-rule='two-reviewer-approvals'] .explanation")).isNotBlank();
    assertThat(browser.text("tr[data-rule='metrics-meet-thresholds']")).contains("pass");
    assertThat(browser.text("#metric-deltas")).contains("auc").contains("0.9100");
    assertThat(browser.text("#drift-status")).contains("unknown");
    check("promotion");
    shot("promotion");
    browser.type("#comment", "AUC and explanations look right");
    browser.click("#approve");
    assertThat(browser.text("#notice")).contains("still waits for two-reviewer-approvals");
    assertThat(browser.text("#decisions")).contains("rita").contains("approve").contains("AUC and explanations");
    CommitSummary last = lineage().history("promotions/" + promotion + ".yaml", 1).getFirst();
    assertThat(last.actor()).isEqualTo("rita");
    assertThat(last.action()).isEqualTo("approve-promotion");
    browser.click("form[action='/logout'] button");
    browser.waiting().until(ExpectedConditions.urlContains("/login?logout"));
  }

  @Test
  @Order(3)
  void theAuthorSeesWhyTheyCannotApproveAndTheServerStillRefuses() {
    signInWithToken(aliceToken);
    browser.go(base + "/ui/promotions/" + promotion);
    assertThat(browser.text("#cannot-approve")).contains("You requested this promotion")
        .contains("You registered churn version 1");
    assertThat(browser.find("#approve").isEnabled()).isFalse();
    String head = lineage().head().orElseThrow();
    // a hand-made request, as a script would send it: the server decides, not the button
    browser.driver.executeScript("document.getElementById('approve').disabled = false;");
    browser.click("#approve");
    assertThat(browser.text("#problem")).contains("Not allowed").contains("alice requested promotion")
        .contains("four eyes").contains("Nothing was changed");
    assertThat(lineage().head()).hasValue(head);
    assertThat(rob.get("/api/v1/promotions/" + promotion).json().path("decisions").size()).isEqualTo(1);
  }

  @Test
  @Order(4)
  void aFormWithoutItsCsrfTokenIsRefusedAndChangesNothing() {
    signInWithToken(rexToken);
    browser.go(base + "/ui/promotions/" + promotion);
    String head = lineage().head().orElseThrow();
    browser.driver.executeScript("document.querySelector('#decide input[name=_csrf]').remove();");
    browser.click("#reject");
    assertThat(browser.text("#problem")).contains("CSRF token").contains("Nothing was changed");
    assertThat(lineage().head()).hasValue(head);
    check("refused");
  }

  @Test
  @Order(5)
  void aDecisionOnAPromotionThatMovedOnIsAConflictAndChangesNothing() {
    signInWithToken(rexToken);
    browser.go(base + "/ui/promotions/" + promotion);
    assertThat(browser.find("#approve").isEnabled()).isTrue();
    // meanwhile a second reviewer approves through the API: the promotion passes and is no longer pending
    Api.Answer approved = rob.post("/api/v1/promotions/" + promotion + "/decisions", PromotionJourneyTests.approve("ok"));
    assertThat(approved.text("state")).as(approved.toString()).isEqualTo("approved");
    String head = lineage().head().orElseThrow();
    browser.click("#approve");
    assertThat(browser.text("#problem")).contains("Conflict").contains("is approved, not pending")
        .contains("Nothing was changed");
    assertThat(lineage().head()).hasValue(head);
    assertThat(browser.text("#state")).isEqualTo("approved");
  }

  @Test
  @Order(6)
  void onCallRollsBackFromTheBoardAndTheCommitNamesThem() {
    signInThroughProvider("olga");
    browser.go(base + "/ui/oncall");
    assertThat(browser.text("#row-dev-churn")).contains("version 2");
    check("oncall");
    String head = lineage().head().orElseThrow();
    browser.click("#row-dev-churn form.rollback button");
    assertThat(browser.text("#problem")).contains("a rollback needs a reason");
    assertThat(lineage().head()).hasValue(head);
    browser.type("#reason-dev-churn", "PSI alert on tenure since 02:00");
    browser.click("#row-dev-churn form.rollback button");
    assertThat(browser.text("#confirm-text")).contains("Version 2 is serving").contains("version 1")
        .contains("olga");
    check("rollback-confirm");
    browser.click("#confirm-rollback");
    assertThat(browser.text("#notice")).contains("Rolled back churn in dev to version 1").contains("by olga");
    CommitSummary last = lineage().history("deployments/dev/churn.yaml", 1).getFirst();
    assertThat(last.actor()).isEqualTo("olga");
    assertThat(last.action()).isEqualTo("rollback");
    assertThat(browser.text("#row-dev-churn .last-alert")).contains("PSI alert on tenure since 02:00")
        .contains("rolled back from version 2 to version 1").contains("by olga");
    shot("oncall");
    // what needs on-call: the drift alerts of the last days and the rollback just made, each a way in
    browser.driver.findElement(By.linkText("What needs me")).click();
    assertThat(browser.text("#drift-alerts")).contains("fraud v1").contains("production");
    assertThat(browser.text("#rollbacks")).contains("churn in dev").contains("back to version 1")
        .contains("by olga").contains("PSI alert on tenure since 02:00");
    check("home (on-call)");
    browser.driver.findElement(By.linkText("fraud v1")).click();
    assertThat(browser.driver.getCurrentUrl()).contains("/ui/drift/fraud/versions/1").contains("environment=production");
  }

  @Test
  @Order(7)
  void anEngineerFollowsLineageFromAVersionToItsDataset() {
    signInWithToken(aliceToken);
    assertThat(browser.text("#mine")).contains("churn v2").contains("churn v1");
    browser.go(base + "/ui/models");
    browser.type("#q", "chu");
    browser.waiting().until(ExpectedConditions.urlContains("q=chu"));
    browser.waiting().until(d -> browser.text("#results").contains("churn"));
    check("models");
    shot("models");
    ObjectNode tagged = Api.object().put("name", "retention-scorer");
    tagged.putObject("tags").put("team", "retention");
    expectCreated(alice.post("/api/v1/models", tagged));
    browser.go(base + "/ui/models?tag=team%3Dretention");
    assertThat(browser.text("#results")).contains("retention-scorer").contains("team=retention").doesNotContain("churn");
    browser.go(base + "/ui/models?q=chu");
    browser.driver.findElement(By.linkText("churn")).click();
    assertThat(browser.text("#running")).contains("production").contains("version 1");
    assertThat(browser.text("#history")).contains("alice").contains("register model-version churn/2");
    assertThat(browser.text("#model-promotions")).contains("v1 into production").contains("approved")
        .contains("rita approve").contains("rob approve").contains("v2 into dev");
    check("model");
    shot("model");
    browser.driver.findElement(By.linkText("v1")).click();
    assertThat(browser.text("#references")).contains("churn-events v1").contains("verified")
        .doesNotContain("mismatch");
    check("version");
    shot("version");
    browser.find("#lineage-graph a[aria-label='dataset churn-events v1']").click();
    assertThat(browser.driver.getCurrentUrl()).endsWith("/ui/impact/dataset/churn-events/versions/1");
    assertThat(browser.text("#affected")).contains("churn v1").contains("churn v2").contains("churn-features v1")
        .contains("production");
    check("impact");
    shot("impact");
    Map<?, ?> csv = browser.fetch(browser.find("#download-csv").getAttribute("href"));
    assertThat(csv.get("status")).isEqualTo(200L);
    assertThat(String.valueOf(csv.get("type"))).startsWith("text/csv");
    assertThat(String.valueOf(csv.get("body"))).startsWith("kind,name,version,depth,digest,via,deployed_in")
        .contains("model-version,churn,1,").contains("feature-set,churn-features,1,1,");
  }

  @Test
  @Order(8)
  void theDriftPageChartsEachStatisticWithItsThresholds() {
    signInWithToken(aliceToken);
    browser.go(base + "/ui/drift/fraud/versions/1?environment=production");
    assertThat(browser.text("#latest")).contains("alert");
    assertThat(browser.all("figure.chart")).hasSizeGreaterThanOrEqualTo(5);
    String psi = browser.find("figure.chart svg").getAttribute("aria-label");
    assertThat(psi).contains("PSI of x").contains("psi_warn 0.1").contains("psi_alert 0.25");
    assertThat(browser.page()).contains("Expected calibration error");
    check("drift");
    shot("drift");
  }

  @Test
  @Order(9)
  void aSignInWhoseGroupsGiveNoRoleIsRefusedWithTheReason() {
    signInThroughProvider("nobody");
    assertThat(browser.driver.getCurrentUrl()).contains("/login?error");
    assertThat(browser.text("#problem")).contains("nobody").contains("no role").contains("marketing");
  }

  @Test
  @Order(10)
  void theApiAcceptsProviderJwtsAndRefusesBadOnesWithoutChangingAnything() {
    Instant soon = Instant.now().plus(Duration.ofMinutes(5));
    Api engineer = steward.api(idp.jwt("jwt-engineer", List.of("ml-engineer"), soon, false));
    assertThat(engineer.get("/api/v1/models/churn").status()).isEqualTo(200);
    Api.Answer requested = expectCreated(engineer.post("/api/v1/promotions",
        PromotionJourneyTests.promotion("churn", 2, "staging")));
    assertThat(requested.text("requestedBy")).isEqualTo("jwt-engineer");
    CommitSummary commit = lineage().history("promotions/" + requested.text("id") + ".yaml", 1).getFirst();
    assertThat(commit.actor()).isEqualTo("jwt-engineer");

    String head = lineage().head().orElseThrow();
    var body = PromotionJourneyTests.promotion("churn", 2, "production");
    Api.Answer expired = steward.api(idp.jwt("jwt-engineer", List.of("ml-engineer"),
        Instant.now().minus(Duration.ofMinutes(5)), false)).post("/api/v1/promotions", body);
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.text("detail")).contains("expired");
    Api.Answer forged = steward.api(idp.jwt("jwt-engineer", List.of("admin"), soon, true))
        .post("/api/v1/promotions", body);
    assertThat(forged.status()).isEqualTo(401);
    assertThat(forged.text("detail")).startsWith("The bearer JWT is not accepted");
    Api.Answer noRole = steward.api(idp.jwt("jwt-nobody", List.of("marketing"), soon, false))
        .post("/api/v1/promotions", body);
    assertThat(noRole.status()).isEqualTo(403);
    assertThat(noRole.text("detail")).contains("no role").contains("marketing").contains("steward.oidc.group-roles");
    Api.Answer badName = steward.api(idp.jwt("Rita <rita@example.com>", List.of("ml-engineer"), soon, false))
        .post("/api/v1/promotions", body);
    assertThat(badName.status()).isEqualTo(401);
    assertThat(badName.text("detail")).contains("is not a valid actor name").contains("principal-claim");
    Api.Answer reserved = steward.api(idp.jwt("steward", List.of("admin"), soon, false))
        .post("/api/v1/promotions", body);
    assertThat(reserved.status()).isEqualTo(401);
    assertThat(lineage().head()).hasValue(head);
    assertThat(alice.get("/api/v1/models/churn").status()).isEqualTo(200);
  }

  @Test
  @Order(11)
  void everyPageHasNoSeriousOrCriticalAccessibilityViolation() {
    signInWithToken(Steward.ADMIN_TOKEN);
    for (String page : List.of("/ui", "/ui/promotions", "/ui/promotions?state=approved", "/ui/models/churn/versions/2",
        "/ui/models/nope", "/ui/impact/feature-set/churn-features/versions/1", "/ui/oncall")) {
      browser.go(base + page);
      check(page);
    }
    assertThat(accessibility).as("axe-core serious and critical violations").isEmpty();
  }

  @Test
  @Order(12)
  void aPageSessionEndsWhenItsApiTokenIsRevoked() {
    Api admin = steward.admin();
    String token = admin.issue("tess", "reviewer");
    signInWithToken(token);
    assertThat(browser.text("#viewer-name")).isEqualTo("tess");
    String id = null;
    for (JsonNode t : admin.get("/api/v1/admin/tokens").json()) {
      if (t.path("principal").asString().equals("tess")) {
        id = t.path("id").asString();
      }
    }
    assertThat(id).isNotNull();
    assertThat(admin.delete("/api/v1/admin/tokens/" + id).status()).isEqualTo(204);
    browser.go(base + "/ui/promotions");
    assertThat(browser.driver.getCurrentUrl()).contains("/login?expired");
    assertThat(browser.page()).contains("Your session ended");
  }

  // ---- helpers ------------------------------------------------------------------------------------

  void signInWithToken(String token) {
    browser.go(base + "/login");
    browser.type("#token", token);
    browser.click("#sign-in");
    browser.waiting().until(ExpectedConditions.urlContains("/ui"));
  }

  void signInThroughProvider(String user) {
    browser.go(base + "/login");
    browser.driver.findElement(By.linkText("Sign in with Test IdP")).click();
    browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
    browser.type("#username", user);
    browser.type("#password", TestIdentityProvider.PASSWORD);
    browser.click("button[type=submit]");
    browser.waiting().until(d -> d.getCurrentUrl().startsWith(base));
  }

  /**
   * Runs axe-core on the current page and keeps what it finds (the last test asserts none was found anywhere), and
   * asserts that the page needed nothing its Content-Security-Policy refuses (inline script or style, other origins).
   */
  void check(String page) {
    assertThat(browser.contentSecurityPolicyRefusals()).as("CSP refusals on " + page).isEmpty();
    List<String> found = browser.seriousAccessibilityViolations();
    found.forEach(v -> accessibility.add(page + ": " + v));
    assertThat(found).as("axe-core on " + page).isEmpty();
  }

  void shot(String name) {
    String dir = System.getenv("STEWARD_UI_SCREENSHOTS");
    browser.screenshot(Path.of(dir == null ? "target/ui-screenshots" : dir).resolve(name + ".png"));
  }

  Lineage lineage() {
    return steward.bean(Lineage.class);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static JsonNode json(String body) {
    return Api.JSON.readTree(body);
  }
}
