package dev.steward.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * When the identity provider's key set cannot be fetched, a request with a bearer JWT is answered 503 with a
 * problem detail that says so (the caller may retry; the token may be fine), never a 500, and never a 401 that
 * would tell the caller its token is bad. A JWT that is bad stays a 401.
 */
class IdentityProviderOutageTests {
  static Path dataDir;
  static Steward steward;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      closedPort = s.getLocalPort();
    }
    dataDir = Files.createTempDirectory("steward-idp-outage");
    steward = Steward.start(dataDir, Database.h2(), Map.of(
        "spring.security.oauth2.resourceserver.jwt.jwk-set-uri", "http://127.0.0.1:" + closedPort + "/jwks"));
  }

  @AfterAll
  static void stop() {
    steward.close();
    Steward.deleteRecursively(dataDir);
  }

  @Test
  void aJwtThatCannotBeCheckedForWantOfTheKeySetIs503NamingTheIdentityProvider() throws Exception {
    HttpResponse<String> r = get("/api/v1/models", jwt());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(r.headers().firstValue("Retry-After")).isPresent();
    JsonNode problem = Api.JSON.readTree(r.body());
    assertThat(problem.path("status").asInt()).isEqualTo(503);
    assertThat(problem.path("detail").asString()).contains("identity provider").contains("key set")
        .contains("try again");
  }

  @Test
  void aMalformedJwtIsStill401() throws Exception {
    HttpResponse<String> r = get("/api/v1/models", "eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
    assertThat(Api.JSON.readTree(r.body()).path("detail").asString()).contains("bearer JWT is not accepted");
  }

  private static HttpResponse<String> get(String path, String bearer) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + steward.port() + path))
        .header("Authorization", "Bearer " + bearer).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A well-formed RS256 JWT (its signature cannot be checked without the provider's keys). */
  private static String jwt() {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = b64.encodeToString("{\"alg\":\"RS256\",\"kid\":\"k1\",\"typ\":\"JWT\"}"
        .getBytes(StandardCharsets.UTF_8));
    long exp = Instant.now().plusSeconds(600).getEpochSecond();
    String payload = b64.encodeToString(("{\"sub\":\"olga\",\"exp\":" + exp + "}").getBytes(StandardCharsets.UTF_8));
    return header + "." + payload + "." + b64.encodeToString(new byte[256]);
  }
}
