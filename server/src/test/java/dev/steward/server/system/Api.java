package dev.steward.server.system;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A small HTTP client for Steward's API, as a user with one token would call it. */
final class Api {
  static final JsonMapper JSON = JsonMapper.builder().build();
  // HTTP/1.1: a body of unknown length then goes chunked, as a client streaming a batch would send it
  private static final HttpClient HTTP_1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private final String base;
  private final @Nullable String token;

  Api(String base, @Nullable String token) {
    this.base = base;
    this.token = token;
  }

  /** An answer: status, content type and body (parsed as JSON when it is JSON). */
  record Answer(int status, String contentType, String body) {
    JsonNode json() {
      return JSON.readTree(body);
    }

    String text(String field) {
      return json().path(field).asString();
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  @Nullable String token() {
    return token;
  }

  Api as(@Nullable String otherToken) {
    return new Api(base, otherToken);
  }

  Answer get(String path) {
    return send("GET", path, null);
  }

  Answer post(String path, Object body) {
    return send("POST", path, body instanceof String s ? s : JSON.writeValueAsString(body));
  }

  Answer put(String path, Object body) {
    return send("PUT", path, body instanceof String s ? s : JSON.writeValueAsString(body));
  }

  Answer delete(String path) {
    return send("DELETE", path, null);
  }

  Answer send(String method, String path, @Nullable String body) {
    return send(method, path, body == null ? Map.of() : Map.of("Content-Type", "application/json"),
        body == null ? null : body.getBytes(StandardCharsets.UTF_8), false);
  }

  /**
   * Sends any request: {@code headers} as given, the body with a Content-Length or, if {@code chunked},
   * streamed without one (chunked transfer encoding).
   */
  Answer send(String method, String path, Map<String, String> headers, byte @Nullable [] body, boolean chunked) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    headers.forEach(b::header);
    HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
        : chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
        : HttpRequest.BodyPublishers.ofByteArray(body);
    b.method(method, publisher);
    try {
      HttpResponse<String> r = HTTP_1.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /** Issues a token for a principal with roles and returns it. */
  String issue(String principal, String... roles) {
    ObjectNode body = object().put("principal", principal);
    var array = body.putArray("roles");
    for (String r : roles) {
      array.add(r);
    }
    Answer a = post("/api/v1/admin/tokens", body);
    if (a.status() != 201) {
      throw new IllegalStateException("could not issue a token: " + a);
    }
    return a.text("token");
  }
}
