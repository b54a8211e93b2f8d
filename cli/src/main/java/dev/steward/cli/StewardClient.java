package dev.steward.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * Calls Steward's REST API as the configured user. An error status becomes {@link Refused} carrying the
 * problem detail; a server that cannot be reached becomes {@link Unreachable} naming the URL and where it
 * was set.
 *
 * <pre>
 * StewardClient steward = new StewardClient(URI.create("http://localhost:8080"), token, "STEWARD_URL");
 * JsonNode version = steward.get("/api/v1/models/churn/versions/1");
 * </pre>
 */
final class StewardClient {
  static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration CALL_TIMEOUT = Duration.ofMinutes(2);

  private final String base;
  private final @Nullable String token;
  private final String urlSetting;
  private final HttpClient http;

  StewardClient(String base, @Nullable String token, String urlSetting) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.token = token;
    this.urlSetting = urlSetting;
    this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
  }

  String base() {
    return base;
  }

  JsonNode get(String path, Object... query) {
    return send("GET", path + query(query), null);
  }

  JsonNode post(String path, @Nullable Object body) {
    return send("POST", path, body);
  }

  JsonNode put(String path, Object body) {
    return send("PUT", path, body);
  }

  JsonNode delete(String path) {
    return send("DELETE", path, null);
  }

  /** One path segment, percent-encoded. */
  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** {@code ?k=v&...} from alternating names and values; null values are left out. */
  static String query(Object... pairs) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      if (pairs[i + 1] != null) {
        parts.add(pairs[i] + "=" + URLEncoder.encode(String.valueOf(pairs[i + 1]), StandardCharsets.UTF_8));
      }
    }
    return parts.isEmpty() ? "" : "?" + String.join("&", parts);
  }

  private JsonNode send(String method, String path, @Nullable Object body) {
    URI uri;
    try {
      uri = URI.create(base + path);
    } catch (IllegalArgumentException e) {
      throw new Unreachable("'" + base + "' is not a URL (" + e.getMessage() + "); change " + urlSetting + ".");
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(CALL_TIMEOUT)
        .header("Accept", "application/json, application/problem+json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      request.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    } else if (method.equals("POST") || method.equals("PUT")) {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString("{}"));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException | HttpConnectTimeoutException e) {
      throw new Unreachable("Cannot reach Steward at " + base + " (" + describe(e) + "); is it running? Change the URL "
          + "with " + urlSetting + ".");
    } catch (HttpTimeoutException e) {
      throw new Unreachable("Steward at " + base + " did not answer " + method + " " + path + " within "
          + CALL_TIMEOUT.toMinutes() + " minutes.");
    } catch (IOException e) {
      throw new Unreachable("Cannot reach Steward at " + base + " (" + describe(e) + "); change the URL with "
          + urlSetting + ".");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreachable("Interrupted while calling Steward at " + base + ".");
    }
    JsonNode answer = parse(response.body());
    if (response.statusCode() >= 400) {
      throw new Refused(response.statusCode(), oneLine(response.statusCode(), answer, response.body()), answer);
    }
    return answer;
  }

  private static JsonNode parse(String body) {
    if (body.isBlank()) {
      return NullNode.getInstance();
    }
    try {
      return JSON.readTree(body);
    } catch (JacksonException e) {
      return JSON.getNodeFactory().stringNode(body);
    }
  }

  /** A problem detail in one line: status and title, the detail, then every field at fault. */
  static String oneLine(int status, JsonNode problem, String raw) {
    StringBuilder line = new StringBuilder().append(status);
    String title = problem.path("title").asString("");
    if (!title.isEmpty()) {
      line.append(' ').append(title);
    }
    String detail = problem.path("detail").asString("");
    if (!detail.isEmpty()) {
      line.append(": ").append(detail);
    } else if (!problem.isObject() && !raw.isBlank()) {
      line.append(": ").append(raw.strip());
    }
    List<String> fields = new ArrayList<>();
    for (JsonNode error : problem.path("errors")) {
      String field = error.path("field").asString("");
      String text = error.path("detail").asString("");
      if (!detail.contains(text)) {
        fields.add(field.isEmpty() ? text : field + " " + text);
      }
    }
    if (!fields.isEmpty()) {
      line.append(" (").append(String.join("; ", fields)).append(')');
    }
    JsonNode roles = problem.path("requiredRoles");
    if (roles.isArray() && !detail.contains("role")) {
      line.append(" (needs role ").append(roles.valueStream().map(JsonNode::asString)
          .reduce((a, b) -> a + " or " + b).orElse("")).append(')');
    }
    return line.toString().replaceAll("\\s*\\R\\s*", " ");
  }

  private static String describe(Exception e) {
    if (e instanceof ConnectException && (e.getMessage() == null || e.getMessage().isBlank())) {
      return "connection refused";
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  static Map<String, Object> map(Object... pairs) {
    Map<String, Object> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      if (pairs[i + 1] != null) {
        map.put((String) pairs[i], pairs[i + 1]);
      }
    }
    return map;
  }
}
