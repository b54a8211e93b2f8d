package dev.steward.deployer;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Instant queries against Prometheus' HTTP API ({@code GET /api/v1/query}). Queries are checked by the
 * same server that answers them: Prometheus parses the query and answers 400 {@code bad_data} with the
 * parser's message for one it cannot parse, so there is no second PromQL parser to disagree with it.
 */
class Prometheus {
  private final URI base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  Prometheus(URI base) {
    this.base = URI.create(base.toString().replaceAll("/+$", "") + "/");
  }

  URI base() {
    return base;
  }

  /** What one instant query answered. */
  sealed interface Answer {
    /** The first sample's value. */
    record Value(double value, int series) implements Answer {}

    /** A valid query without samples. */
    record Empty() implements Answer {}

    /** Prometheus refused the query (bad_data: it does not parse) or failed. */
    record Refused(String errorType, String error) implements Answer {}

    /** Prometheus was not reached. */
    record Unreachable(String cause) implements Answer {}
  }

  Answer query(String promql) {
    URI uri = base.resolve("api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    HttpResponse<String> response;
    try {
      response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return new Answer.Unreachable(e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer.Unreachable("interrupted");
    }
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(response.body());
    } catch (RuntimeException e) {
      return new Answer.Refused("http-" + response.statusCode(), "not a Prometheus answer: "
          + response.body().substring(0, Math.min(200, response.body().length())));
    }
    if (!"success".equals(body.path("status").asString())) {
      return new Answer.Refused(body.path("errorType").asString("http-" + response.statusCode()),
          body.path("error").asString(""));
    }
    JsonNode data = body.path("data");
    JsonNode result = data.path("result");
    return switch (data.path("resultType").asString()) {
      case "scalar" -> new Answer.Value(number(result.path(1)), 1);
      case "vector" -> result.isEmpty() ? new Answer.Empty()
          : new Answer.Value(number(result.path(0).path("value").path(1)), result.size());
      default -> new Answer.Refused("unsupported", "the query answers a " + data.path("resultType").asString()
          + ", not an instant vector or scalar");
    };
  }

  /**
   * Null if Prometheus parses the query (placeholders filled with sample values), else why not; also null
   * when Prometheus cannot be reached (then the query is checked at its first use).
   */
  @Nullable String invalid(MetricCheck check) {
    Answer a = query(check.render(Map.of("namespace", "steward-validation", "service", "validation",
        "revision", "validation-predictor-00001", "model", "validation", "version", "1", "environment", "validation",
        "interval", "60s")));
    return a instanceof Answer.Refused r && "bad_data".equals(r.errorType()) ? r.error() : null;
  }

  private static double number(JsonNode value) {
    String text = value.asString("NaN");
    return switch (text) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(text);
    };
  }
}
