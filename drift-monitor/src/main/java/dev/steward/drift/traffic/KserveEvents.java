package dev.steward.drift.traffic;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * KServe's payload logger in CloudEvents binary mode: the request event
 * ({@code org.kubeflow.serving.inference.request}) and the response event ({@code ...response}) of one
 * inference share {@code ce-id}; when both halves are here they become scored rows (one per instance,
 * request id {@code <ce-id>} or {@code <ce-id>/<i>}) and go through {@link TrafficMonitor#ingestRows}.
 * Bodies: v1 {@code instances}/{@code predictions} and v2 {@code inputs}/{@code outputs}. Positional
 * instances map to the feature set's order; named ones (objects, or one v2 input per feature) by name.
 * A prediction that is a list of class probabilities gives the last one as the score.
 *
 * <p>The InferenceService maps to a model version through the annotations the deployer puts on it and
 * the logger forwards ({@code ce-annotations}: {@code steward.dev/model}, {@code steward.dev/model-version},
 * optional {@code steward.dev/environment}), else through {@code steward.drift.kserve.services}
 * ({@code <namespace>/<name>: <model>:<version>[:<environment>]}); the environment defaults to the
 * namespace. KServe's logger does not retry, so a half lost in a crash loses that one inference either way.
 *
 * <p>The join buffer: a half waits in memory for its partner at most {@code joinTimeout}; {@link #expireDue}
 * (run on a timer) lets older halves go whether or not other events arrive. It holds at most
 * {@code maxPending} halves and {@code maxPendingBytes} bytes (each half counts its body, its headers and
 * {@value #HALF_OVERHEAD} bytes of bookkeeping). A half that does not fit is refused with
 * {@link JoinBufferFull} (503, retry once the oldest half has expired); one larger than the whole bound
 * is refused with 413. Only its partner can join a waiting half, and it never needs room.
 */
public class KserveEvents {
  private static final Logger LOG = LoggerFactory.getLogger(KserveEvents.class);
  static final String REQUEST = "org.kubeflow.serving.inference.request";
  static final String RESPONSE = "org.kubeflow.serving.inference.response";
  /** Bytes a waiting half costs beyond its body and headers: the records, the map entry, array headers. */
  static final int HALF_OVERHEAD = 256;

  private final TrafficMonitor monitor;
  private final byte @Nullable [] ingestKey;
  private final Duration joinTimeout;
  private final int maxPending;
  private final long maxPendingBytes;
  private final Map<String, String> services;
  private final Clock clock;
  /** Waiting halves, oldest first; guards itself and {@link #pendingBytes}. */
  private final LinkedHashMap<String, Half> pending = new LinkedHashMap<>();
  private long pendingBytes;

  /** The CloudEvent attributes KServe sends as {@code ce-*} headers. */
  public record Event(@Nullable String id, @Nullable String type, @Nullable String specVersion,
      @Nullable String time, @Nullable String inferenceService, @Nullable String namespace,
      @Nullable String annotations, byte[] body) {
  }

  /** What happened to an event: waiting for its partner, or joined and ingested. */
  public record Outcome(boolean joined, @Nullable IngestResult result) {
  }

  private record Half(Event event, Instant arrived, long bytes) {
  }

  public KserveEvents(TrafficMonitor monitor, @Nullable String ingestKey, Duration joinTimeout, int maxPending,
      long maxPendingBytes, Map<String, String> services, Clock clock) {
    if (joinTimeout.isNegative() || joinTimeout.isZero() || maxPending < 1 || maxPendingBytes < 1) {
      throw new IllegalArgumentException("Invalid KServe join settings: timeout " + joinTimeout + ", "
          + maxPending + " halves, " + maxPendingBytes + " bytes.");
    }
    this.monitor = monitor;
    this.ingestKey = ingestKey == null || ingestKey.isBlank() ? null : ingestKey.getBytes(StandardCharsets.UTF_8);
    this.joinTimeout = joinTimeout;
    this.maxPending = maxPending;
    this.maxPendingBytes = maxPendingBytes;
    this.services = Map.copyOf(services);
    this.clock = clock;
  }

  public Duration joinTimeout() {
    return joinTimeout;
  }

  /** Whether the key in the logger's URL is the configured one; no key configured accepts none. */
  public boolean acceptsKey(String key) {
    return ingestKey != null && MessageDigest.isEqual(ingestKey, key.getBytes(StandardCharsets.UTF_8));
  }

  public Outcome accept(Event e) {
    if (e.id() == null || e.id().isBlank()) {
      throw new InvalidTraffic(400, "ce-id", "The CloudEvent has no ce-id header (binary mode expected).");
    }
    if (e.specVersion() == null || !e.specVersion().startsWith("1.")) {
      throw new InvalidTraffic(400, "ce-specversion", "The CloudEvent needs ce-specversion 1.0.");
    }
    if (!REQUEST.equals(e.type()) && !RESPONSE.equals(e.type())) {
      throw new InvalidTraffic(400, "ce-type", "Unsupported ce-type '" + e.type() + "'; expected " + REQUEST
          + " or " + RESPONSE + ".");
    }
    requireJsonObject(e.body());
    target(e);
    Half partner;
    synchronized (pending) {
      Instant now = clock.instant();
      expire(now);
      partner = pending.get(e.id());
      if (partner != null && !partner.event().type().equals(e.type())) {
        remove(e.id());
      } else {
        hold(e, now);
        return new Outcome(false, null);
      }
    }
    Event request = REQUEST.equals(e.type()) ? e : partner.event();
    Event response = REQUEST.equals(e.type()) ? partner.event() : e;
    byte[] rows = rows(request, response);
    return new Outcome(true, monitor.ingestRows(rows, rows.length));
  }

  /**
   * Puts a half in the buffer to wait for its partner (a redelivered half replaces the one waiting), or
   * refuses it when it does not fit. Called holding {@link #pending}.
   */
  private void hold(Event e, Instant now) {
    long bytes = bytes(e);
    if (bytes > maxPendingBytes) {
      throw new InvalidTraffic(413, "body", "The event takes " + bytes + " bytes waiting for its partner, more "
          + "than the whole join buffer (steward.drift.kserve.max-pending-bytes = " + maxPendingBytes + ").");
    }
    Half replaced = pending.get(e.id());
    long freed = replaced == null ? 0 : replaced.bytes();
    int halves = pending.size() - (replaced == null ? 0 : 1);
    if (pendingBytes - freed + bytes > maxPendingBytes || halves >= maxPending) {
      // the oldest half expires first and frees its room
      Duration retry = Duration.between(now, pending.firstEntry().getValue().arrived().plus(joinTimeout));
      throw new JoinBufferFull(retry, "The KServe join buffer is full: " + pending.size() + " events ("
          + pendingBytes + " bytes) wait for their partner, and this one (" + bytes + " bytes) would pass "
          + "steward.drift.kserve.max-pending-bytes (" + maxPendingBytes + ") or steward.drift.kserve.max-pending ("
          + maxPending + "). Retry after the oldest has waited its join timeout (" + joinTimeout.toSeconds()
          + " s).");
    }
    if (replaced != null) {
      remove(e.id());
    }
    pending.put(e.id(), new Half(e, now, bytes));
    pendingBytes += bytes;
  }

  private void remove(String id) {
    Half half = pending.remove(id);
    if (half != null) {
      pendingBytes -= half.bytes();
    }
  }

  /** What a waiting half costs: body, header text (two bytes a character) and bookkeeping. */
  static long bytes(Event e) {
    long chars = 0;
    for (String header : new String[] {e.id(), e.type(), e.specVersion(), e.time(), e.inferenceService(),
        e.namespace(), e.annotations()}) {
      chars += header == null ? 0 : header.length();
    }
    return e.body().length + 2 * chars + HALF_OVERHEAD;
  }

  /** How many halves wait for their partner. */
  public int pending() {
    synchronized (pending) {
      return pending.size();
    }
  }

  /** How many bytes the waiting halves take, as counted against {@code maxPendingBytes}. */
  public long pendingBytes() {
    synchronized (pending) {
      return pendingBytes;
    }
  }

  /** Lets go of the halves that waited longer than the join timeout; answers how many. Run on a timer. */
  public int expireDue() {
    int expired;
    synchronized (pending) {
      expired = expire(clock.instant());
    }
    if (expired > 0) {
      LOG.debug("{} KServe events found no partner within {} and were dropped.", expired, joinTimeout);
    }
    return expired;
  }

  private int expire(Instant now) {
    Instant limit = now.minus(joinTimeout);
    int expired = 0;
    for (Iterator<Half> it = pending.values().iterator(); it.hasNext(); ) {
      Half half = it.next();
      if (half.arrived().isAfter(limit)) {
        break;
      }
      it.remove();
      pendingBytes -= half.bytes();
      expired++;
    }
    return expired;
  }

  private record Target(String model, int version, String environment) {
  }

  private Target target(Event e) {
    String namespace = e.namespace() == null || e.namespace().isBlank() ? "default" : e.namespace();
    if (e.annotations() != null && !e.annotations().isBlank()) {
      JsonNode a = json(e.annotations().getBytes(StandardCharsets.UTF_8));
      String model = a.path("steward.dev/model").asString(null);
      String version = a.path("steward.dev/model-version").asString(null);
      if (model != null && version != null && version.matches("\\d{1,9}")) {
        String env = a.path("steward.dev/environment").asString(namespace);
        return new Target(model, Integer.parseInt(version), env);
      }
    }
    String mapped = services.get(namespace + "/" + e.inferenceService());
    if (mapped == null) {
      throw new InvalidTraffic(422, "ce-inferenceservicename", "InferenceService " + namespace + "/"
          + e.inferenceService() + " maps to no model version: annotate it with steward.dev/model and "
          + "steward.dev/model-version (forwarded by the logger's metadataAnnotations) or configure "
          + "steward.drift.kserve.services.");
    }
    String[] parts = mapped.split(":");
    if (parts.length < 2 || !parts[1].matches("\\d{1,9}")) {
      throw new InvalidTraffic(500, "steward.drift.kserve.services", "The mapping of " + namespace + "/"
          + e.inferenceService() + " is '" + mapped + "', not <model>:<version>[:<environment>].");
    }
    return new Target(parts[0], Integer.parseInt(parts[1]), parts.length > 2 ? parts[2] : namespace);
  }

  private byte[] rows(Event request, Event response) {
    Target t = target(request);
    List<String> features = monitor.featureNames(t.model(), t.version()).orElseThrow(() -> new InvalidTraffic(
        422, "ce-inferenceservicename", "Model version " + t.model() + "/" + t.version() + " is not registered."));
    List<ObjectNode> instances = instances(json(request.body()), features);
    List<@Nullable Double> scores = scores(json(response.body()));
    if (scores.size() != instances.size()) {
      throw new InvalidTraffic(400, "body", "The request has " + instances.size() + " instances but the response "
          + scores.size() + " predictions.");
    }
    String time = request.time() == null ? clock.instant().toString() : request.time();
    try {
      Instant.parse(time);
    } catch (DateTimeParseException ex) {
      throw new InvalidTraffic(400, "ce-time", "ce-time '" + time + "' is not an RFC 3339 instant.");
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < instances.size(); i++) {
      ObjectNode row = RowReader.JSON.createObjectNode();
      row.put("request_id", instances.size() == 1 ? request.id() : request.id() + "/" + i);
      row.put("model", t.model()).put("version", t.version()).put("environment", t.environment());
      row.put("timestamp", time);
      row.set("features", instances.get(i));
      Double score = scores.get(i);
      if (score == null) {
        row.putNull("score");
      } else {
        row.put("score", score);
      }
      out.append(RowReader.JSON.writeValueAsString(row)).append('\n');
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static List<ObjectNode> instances(JsonNode body, List<String> features) {
    List<ObjectNode> rows = new ArrayList<>();
    if (body.has("instances")) {
      for (JsonNode instance : body.path("instances")) {
        rows.add(instance.isObject() ? (ObjectNode) instance.deepCopy() : positional(instance, features));
      }
      return rows;
    }
    JsonNode inputs = body.path("inputs");
    if (!inputs.isArray() || inputs.isEmpty()) {
      throw new InvalidTraffic(400, "body", "The request has neither v1 'instances' nor v2 'inputs'.");
    }
    if (inputs.size() == 1 && !features.contains(inputs.get(0).path("name").asString(""))) {
      JsonNode tensor = inputs.get(0);
      List<JsonNode> flat = flatten(tensor.path("data"));
      JsonNode shape = tensor.path("shape");
      int n = shape.size() >= 1 ? shape.get(0).asInt() : 1;
      int width = n == 0 ? 0 : flat.size() / n;
      for (int r = 0; r < n; r++) {
        ArrayNode values = RowReader.JSON.createArrayNode();
        for (int c = 0; c < width; c++) {
          values.add(flat.get(r * width + c));
        }
        rows.add(positional(values, features));
      }
      return rows;
    }
    for (JsonNode input : inputs) {
      List<JsonNode> flat = flatten(input.path("data"));
      for (int r = 0; r < flat.size(); r++) {
        while (rows.size() <= r) {
          rows.add(RowReader.JSON.createObjectNode());
        }
        rows.get(r).set(input.path("name").asString(), flat.get(r));
      }
    }
    return rows;
  }

  private static ObjectNode positional(JsonNode values, List<String> features) {
    if (!values.isArray() || values.size() != features.size()) {
      throw new InvalidTraffic(400, "body", "An instance has " + (values.isArray() ? values.size() : 1)
          + " values, the feature set " + features.size() + ".");
    }
    ObjectNode row = RowReader.JSON.createObjectNode();
    for (int i = 0; i < features.size(); i++) {
      row.set(features.get(i), values.get(i));
    }
    return row;
  }

  private static List<@Nullable Double> scores(JsonNode body) {
    List<@Nullable Double> scores = new ArrayList<>();
    if (body.has("predictions")) {
      for (JsonNode p : body.path("predictions")) {
        scores.add(score(p));
      }
      return scores;
    }
    JsonNode outputs = body.path("outputs");
    if (!outputs.isArray() || outputs.isEmpty()) {
      throw new InvalidTraffic(400, "body", "The response has neither v1 'predictions' nor v2 'outputs'.");
    }
    JsonNode out = outputs.get(0);
    List<JsonNode> flat = flatten(out.path("data"));
    JsonNode shape = out.path("shape");
    int n = shape.size() >= 1 ? shape.get(0).asInt() : flat.size();
    int width = n == 0 ? 0 : flat.size() / n;
    for (int r = 0; r < n; r++) {
      scores.add(score(flat.get(r * width + width - 1)));
    }
    return scores;
  }

  private static @Nullable Double score(JsonNode p) {
    if (p.isArray() && !p.isEmpty()) {
      return score(p.get(p.size() - 1));
    }
    return p.isNumber() ? p.asDouble() : null;
  }

  private static List<JsonNode> flatten(JsonNode data) {
    List<JsonNode> flat = new ArrayList<>();
    if (data.isArray()) {
      for (JsonNode d : data) {
        flat.addAll(flatten(d));
      }
    } else {
      flat.add(data);
    }
    return flat;
  }

  /** Checks that the body is one JSON object without building a tree of it (a waiting body may be large). */
  private static void requireJsonObject(byte[] body) {
    try (JsonParser p = RowReader.JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new InvalidTraffic(400, "body", "The CloudEvent data is not a JSON object.");
      }
      p.skipChildren();
    } catch (JacksonException e) {
      throw new InvalidTraffic(400, "body", "Malformed JSON: " + e.getOriginalMessage());
    }
  }

  private static JsonNode json(byte[] body) {
    try {
      return RowReader.JSON.readTree(body);
    } catch (JacksonException e) {
      throw new InvalidTraffic(400, "body", "Malformed JSON: " + e.getOriginalMessage());
    }
  }
}
