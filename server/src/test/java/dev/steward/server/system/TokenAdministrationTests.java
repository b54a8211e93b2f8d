package dev.steward.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Administering tokens: an admin lists them (never a token or its hash), cannot revoke the token of the
 * call itself, and regains access after losing the admin token by restarting with a new strong
 * {@code STEWARD_BOOTSTRAP_TOKEN} (the lost one stays valid until revoked).
 */
abstract class TokenAdministrationTests {
  static final String NEW_BOOTSTRAP_TOKEN = "stw_8mJq2yTd0WvHc5Rk1NaXpLs7FgZbE4uQiO9jV3Ct6Y";

  Path dataDir;
  Database database;
  Steward steward;

  abstract Database database();

  @BeforeEach
  void start() throws Exception {
    dataDir = Files.createTempDirectory("steward-tokens");
    database = database();
    steward = Steward.start(dataDir, database);
  }

  @AfterEach
  void stop() {
    if (steward != null) {
      steward.close();
    }
    Steward.deleteRecursively(dataDir);
  }

  @Test
  void listsTokensWithoutTheirHashes() {
    String alice = steward.admin().issue("alice", "ml-engineer");
    String rita = steward.admin().issue("rita", "reviewer", "oncall");

    Api.Answer answer = steward.admin().get("/api/v1/admin/tokens");

    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    List<String> principals = new ArrayList<>();
    for (JsonNode t : answer.json()) {
      principals.add(t.path("principal").asString() + " " + t.path("roles") + " by " + t.path("issuedBy").asString());
      assertThat(t.path("id").asString()).startsWith("tok-");
      assertThat(t.path("issuedAt").asString()).isNotBlank();
      assertThat(t.has("tokenHash")).isFalse();
    }
    assertThat(principals).containsExactly("admin [\"admin\"] by steward", "alice [\"ml-engineer\"] by admin",
        "rita [\"oncall\",\"reviewer\"] by admin");
    assertThat(answer.body()).doesNotContain("sha256:").doesNotContain(alice).doesNotContain(rita)
        .doesNotContain(Steward.ADMIN_TOKEN);
    assertThat(steward.admin().as(alice).get("/api/v1/admin/tokens").status()).isEqualTo(403);
  }

  @Test
  void refusesToRevokeTheTokenACallAuthenticatesWith() {
    String own = tokenId("admin");

    Api.Answer answer = steward.admin().delete("/api/v1/admin/tokens/" + own);

    assertThat(answer.status()).as(answer.toString()).isEqualTo(409);
    assertThat(answer.text("detail")).contains("another admin token");
    assertThat(steward.admin().get("/api/v1/admin/tokens").status()).isEqualTo(200);
  }

  /** The recovery the READMEs describe for a lost admin token. */
  @Test
  void recoversALostAdminTokenWithANewBootstrapToken() {
    String lost = tokenId("admin");
    steward.close();

    steward = Steward.start(dataDir, database, Map.of("steward.bootstrap-token", NEW_BOOTSTRAP_TOKEN));
    Api recovered = steward.api(NEW_BOOTSTRAP_TOKEN);

    assertThat(recovered.get("/api/v1/admin/tokens").status()).isEqualTo(200);
    assertThat(steward.admin().get("/api/v1/datasets").status()).as("the lost token until it is revoked").isEqualTo(200);
    assertThat(recovered.delete("/api/v1/admin/tokens/" + lost).status()).isEqualTo(204);
    assertThat(steward.admin().get("/api/v1/datasets").status()).as("the lost token once revoked").isEqualTo(401);
    assertThat(recovered.get("/api/v1/datasets").status()).isEqualTo(200);
  }

  private String tokenId(String principal) {
    for (JsonNode t : steward.admin().get("/api/v1/admin/tokens").json()) {
      if (t.path("principal").asString().equals(principal)) {
        return t.path("id").asString();
      }
    }
    throw new AssertionError("no token for " + principal);
  }
}
