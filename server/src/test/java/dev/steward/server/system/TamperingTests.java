package dev.steward.server.system;

import static dev.steward.server.system.RegistryFixtures.expectCreated;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A commit pushed to the registry repository from outside Steward, with Steward's trailers and the right
 * digest, is never served: neither after a restart with an empty database nor after a rebuild of the index.
 * The API answers 503 naming the commit, verification lists it, health is OUT_OF_SERVICE; once the commit is
 * gone from main a rebuild serves the registry again.
 */
abstract class TamperingTests {
  private static final String VERSION_FILE = "models/churn/versions/0-99/1.yaml";

  abstract Database database();

  @Test
  void neverServesACommitMadeOutsideSteward() throws Exception {
    Path dataDir = Files.createTempDirectory("steward-tampering");
    try (Steward steward = Steward.start(dataDir, database())) {
      String aliceToken = steward.admin().issue("alice", "ml-engineer");
      Api alice = steward.admin().as(aliceToken);
      RegistryFixtures.registerChurn(alice);
      expectCreated(alice.post("/api/v1/models/churn/versions", RegistryFixtures.minimalModelVersion()));
      String genuineUri = alice.get("/api/v1/models/churn/versions/1").text("artifactUri");
      assertThat(genuineUri).isEqualTo("s3://models/churn/model");
      assertThat(alice.get("/api/v1/lineage/verify").json().path("ok").asBoolean()).isTrue();

      ObjectId lastGood = head(steward.repository());
      String forged = forgeArtifactUri(steward.repository(), dataDir.resolve("mallory"));

      steward.restartWithEmptyDatabase();

      Api again = steward.api(aliceToken);
      assertNeverServed(steward, again, forged);

      Api.Answer rebuilt = steward.admin().post("/api/v1/admin/index/rebuild", "");
      assertThat(rebuilt.status()).as(rebuilt.toString()).isEqualTo(503);
      assertNamesTheCommit(rebuilt, forged);
      assertThat(rebuilt.json().path("lastIndexedCommit").asString()).isEqualTo(lastGood.name());
      assertNeverServed(steward, again, forged);

      // the operator removes the commit from main; a rebuild gets the registry back as it was
      resetMain(steward.repository(), lastGood, ObjectId.fromString(forged));
      Api.Answer repaired = steward.admin().post("/api/v1/admin/index/rebuild", "");
      assertThat(repaired.status()).as(repaired.toString()).isEqualTo(200);
      assertThat(again.get("/api/v1/models/churn/versions/1").text("artifactUri")).isEqualTo(genuineUri);
      assertThat(again.get("/api/v1/lineage/verify").json().path("ok").asBoolean()).isTrue();
      assertThat(again.get("/actuator/health").status()).isEqualTo(200);
    } finally {
      Steward.deleteRecursively(dataDir);
    }
  }

  private static void assertNeverServed(Steward steward, Api alice, String forged) {
    Api.Answer version = alice.get("/api/v1/models/churn/versions/1");
    assertThat(version.body()).as("the tampered artifact URI").doesNotContain("s3://evil");
    assertThat(version.status()).as(version.toString()).isEqualTo(503);
    assertNamesTheCommit(version, forged);
    Api.Answer write = alice.post("/api/v1/models/churn/versions", RegistryFixtures.minimalModelVersion());
    assertThat(write.status()).as(write.toString()).isEqualTo(503);

    JsonNode verify = alice.get("/api/v1/lineage/verify").json();
    assertThat(verify.path("ok").asBoolean()).isFalse();
    assertThat(verify.path("indexRefused").path("commitId").asString()).isEqualTo(forged);
    assertThat(verify.path("mismatches").valueStream().map(m -> m.path("commit").asString()))
        .contains(forged);

    Api.Answer health = alice.get("/actuator/health");
    assertThat(health.status()).isEqualTo(503);
    JsonNode index = health.json().path("components").path("registryIndex");
    assertThat(index.path("status").asString()).isEqualTo("OUT_OF_SERVICE");
    assertThat(index.path("details").path("untrustedCommit").asString()).isEqualTo(forged);
    assertThat(steward.admin().get("/api/v1/models").status()).isEqualTo(503);
  }

  private static void assertNamesTheCommit(Api.Answer answer, String commit) {
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.json().path("type").asString()).endsWith("/untrusted-commit");
    assertThat(answer.json().path("commit").asString()).isEqualTo(commit);
    assertThat(answer.json().path("detail").asString()).contains(commit).contains("not signed");
  }

  /**
   * Clones the bare repository, changes the version's artifact URI and pushes an unsigned commit with
   * Steward's trailers and the file's true digest, as someone with push access but without Steward's key would.
   */
  private static String forgeArtifactUri(Path repository, Path work) throws Exception {
    try (Git git = Git.cloneRepository().setURI(repository.toUri().toString()).setDirectory(work.toFile())
        .setBranch("main").call()) {
      Path file = work.resolve(VERSION_FILE);
      String tampered = Files.readString(file).replace("s3://models/churn/model", "s3://evil/model");
      Files.writeString(file, tampered);
      git.add().addFilepattern(VERSION_FILE).call();
      PersonIdent steward = new PersonIdent("alice", "alice@steward.local");
      RevCommit commit = git.commit().setSign(false).setAuthor(steward).setCommitter(steward)
          .setMessage("Register model version churn/1\n\nSteward-Actor: alice\nSteward-Action: register-model-version\n"
              + "Steward-Entity: models/churn/1\nSteward-File: " + VERSION_FILE + " sha256:" + sha256(tampered) + "\n")
          .call();
      git.push().setRefSpecs(new RefSpec("HEAD:refs/heads/main")).call();
      return commit.name();
    }
  }

  private static void resetMain(Path repository, ObjectId to, ObjectId expected) throws IOException {
    try (Repository git = new FileRepositoryBuilder().setGitDir(repository.toFile()).setBare().build()) {
      RefUpdate update = git.updateRef("refs/heads/main");
      update.setExpectedOldObjectId(expected);
      update.setNewObjectId(to);
      update.setForceUpdate(true);
      assertThat(update.update()).isEqualTo(RefUpdate.Result.FORCED);
    }
  }

  private static ObjectId head(Path repository) throws IOException {
    try (Repository git = new FileRepositoryBuilder().setGitDir(repository.toFile()).setBare().build()) {
      return git.resolve("refs/heads/main");
    }
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
