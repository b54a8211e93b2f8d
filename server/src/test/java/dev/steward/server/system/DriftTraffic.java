package dev.steward.server.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import tools.jackson.databind.node.ObjectNode;

/**
 * Test support for the drift monitor's traffic API: a registered model version with features {@code x}
 * (numeric) and {@code c} (categorical), synthetic scored rows with optional shifts, and HTTP calls with
 * any content type and headers.
 */
final class DriftTraffic {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  enum Shift { NONE, PSI, NULLS, CALIBRATION }

  private DriftTraffic() {
  }

  /** Registers feature set, threshold set, model {@code name} and its version 1. */
  static void registerModel(Api api, String name) {
    ObjectNode features = Api.object().put("name", name + "-features");
    var list = features.putArray("features");
    list.addObject().put("name", "x").put("dtype", "float").put("pii", false);
    list.addObject().put("name", "c").put("dtype", "string").put("pii", false);
    RegistryFixtures.expectCreated(api.post("/api/v1/feature-sets", features));
    ObjectNode thresholds = Api.object().put("name", name + "-thresholds");
    thresholds.putObject("values").put("psi_warn", 0.1).put("psi_alert", 0.25).put("null_rate_delta_alert", 0.05)
        .put("ece_alert", 0.1);
    RegistryFixtures.expectCreated(api.post("/api/v1/threshold-sets", thresholds));
    RegistryFixtures.expectCreated(api.post("/api/v1/models", RegistryFixtures.model(name)));
    ObjectNode version = RegistryFixtures.minimalModelVersion();
    version.set("featureSet", RegistryFixtures.ref(name + "-features", 1));
    version.set("thresholdSet", RegistryFixtures.ref(name + "-thresholds", 1));
    RegistryFixtures.expectCreated(api.post("/api/v1/models/" + name + "/versions", version));
  }

  static String row(SplittableRandom r, String id, String model, String env, Instant at, Shift shift, boolean label) {
    double x = gaussian(r) + (shift == Shift.PSI ? 1.0 : 0.0);
    boolean xNull = r.nextDouble() < (shift == Shift.NULLS ? 0.25 : 0.02);
    double u = r.nextDouble();
    String c = u < 0.5 ? "a" : u < 0.8 ? "b" : "c";
    double score = 1.0 / (1.0 + Math.exp(-(0.8 * x + 0.5 * gaussian(r))));
    double p = shift == Shift.CALIBRATION ? score * score * score : score;
    int y = r.nextDouble() < p ? 1 : 0;
    return String.format(Locale.ROOT, "{\"request_id\":\"%s\",\"model\":\"%s\",\"version\":1,\"environment\":\"%s\","
        + "\"timestamp\":\"%s\",\"features\":{\"x\":%s,\"c\":\"%s\"},\"score\":%.6f%s}\n", id, model, env, at,
        xNull ? "null" : String.format(Locale.ROOT, "%.6f", x), c, score, label ? ",\"label\":" + y : "");
  }

  static String reference(String model, long seed, int rows) {
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < rows; i++) {
      b.append(row(r, "ref-" + i, model, "ref", Instant.EPOCH, Shift.NONE, true));
    }
    return b.toString();
  }

  static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  /** Sends a body with a content type and extra headers. */
  static Api.Answer send(String base, String token, String method, String path, String contentType, byte[] body,
      Map<String, String> headers) {
    HttpResponse<String> r = exchange(base, token, method, path, contentType, body, headers);
    return new Api.Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
  }

  /** As {@link #send}, answering the whole response (headers included). */
  static HttpResponse<String> exchange(String base, String token, String method, String path, String contentType,
      byte[] body, Map<String, String> headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
        .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    headers.forEach(b::header);
    try {
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Api.Answer jsonLines(String base, String token, String path, String body) {
    return send(base, token, "POST", path, "application/x-ndjson", body.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  /** A multipart/form-data body with two CSV files. */
  static byte[] multipart(String boundary, String reference, String current) {
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"reference\"; filename=\"ref.csv\"\r\n"
        + "Content-Type: text/csv\r\n\r\n" + reference + "\r\n--" + boundary
        + "\r\nContent-Disposition: form-data; name=\"current\"; filename=\"cur.csv\"\r\nContent-Type: text/csv\r\n\r\n"
        + current + "\r\n--" + boundary + "--\r\n";
    return body.getBytes(StandardCharsets.UTF_8);
  }
}
