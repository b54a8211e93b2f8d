package dev.steward.drift.web;

import dev.steward.drift.SampleFiles;
import dev.steward.drift.traffic.DriftReport;
import dev.steward.drift.traffic.DriftReports;
import dev.steward.drift.traffic.DriftStatus;
import dev.steward.drift.traffic.IngestResult;
import dev.steward.drift.traffic.InvalidTraffic;
import dev.steward.drift.traffic.KserveEvents;
import dev.steward.drift.traffic.ReferenceProfile;
import dev.steward.drift.traffic.TrafficMonitor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Traffic side of the drift API: reference profiles, JSON-lines ingestion of scored rows and labels,
 * the KServe payload-logger endpoint, and the stored reports.
 */
@RestController
@RequestMapping("/api/v1/drift")
class TrafficController {
  private final TrafficMonitor monitor;
  private final DriftReports reports;
  private final KserveEvents kserve;
  private final BodyBuffers buffers = new BodyBuffers();

  TrafficController(TrafficMonitor monitor, DriftReports reports, KserveEvents kserve) {
    this.monitor = monitor;
    this.reports = reports;
    this.kserve = kserve;
  }

  /** The summary of a stored reference profile. */
  record ProfileSummary(String model, int version, long rows, int labelled, @Nullable List<String> features,
      Instant createdAt, String createdBy, List<SegmentSummary> segments) {
    static ProfileSummary of(ReferenceProfile p) {
      return new ProfileSummary(p.model(), p.version(), p.rows(), p.labelled(),
          p.features().stream().map(ReferenceProfile.FeatureProfile::name).toList(), p.createdAt(), p.createdBy(),
          p.segments().stream().map(s -> new SegmentSummary(s.column(), s.values())).toList());
    }
  }

  /** A segment column and the top values counted apart (every other value counts as {@code (other)}). */
  record SegmentSummary(String column, List<String> values) {
  }

  /**
   * The reference profile from a reference sample or the training data itself: {@code text/csv},
   * {@code application/vnd.apache.parquet} (also {@code application/x-parquet}) or JSON lines. A file's
   * columns must be features of the version's feature set, {@code score} or {@code label}, unless
   * {@code columns} names the ones to read. {@code segments} names categorical features whose top values
   * get drift reports of their own ({@code segments=plan,tenure_band}).
   */
  @PostMapping("/models/{model}/versions/{version}/reference")
  ResponseEntity<ProfileSummary> addReference(@PathVariable String model, @PathVariable int version,
      @RequestParam(name = "columns", required = false) @Nullable List<String> columns,
      @RequestParam(name = "segments", required = false) @Nullable List<String> segments,
      HttpServletRequest request, @Nullable Principal principal) throws IOException {
    String contentType = request.getContentType() == null ? "" : request.getContentType();
    String actor = principal == null ? "anonymous" : principal.getName();
    SampleFiles.Format format = contentType.startsWith("text/csv") ? SampleFiles.Format.CSV
        : parquet(contentType) ? SampleFiles.Format.PARQUET : null;
    ReferenceProfile p;
    if (format != null) {
      Path file = Files.createTempFile("steward-reference-", "." + format.id());
      try {
        try (InputStream in = request.getInputStream()) {
          Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        p = monitor.addReference(model, version, file, format, columns == null ? List.of() : columns,
            segments == null ? List.of() : segments, actor);
      } finally {
        Files.deleteIfExists(file);
      }
    } else if (jsonLines(contentType)) {
      String body = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p = monitor.addReference(model, version, body, false, segments == null ? List.of() : segments, actor);
    } else {
      throw new InvalidTraffic(415, "Content-Type", "Send the reference sample as text/csv, "
          + "application/vnd.apache.parquet or application/x-ndjson.");
    }
    return ResponseEntity.created(URI.create("/api/v1/drift/models/" + model + "/versions/" + version + "/reference"))
        .body(ProfileSummary.of(p));
  }

  static boolean parquet(String contentType) {
    return contentType.startsWith("application/vnd.apache.parquet") || contentType.startsWith("application/x-parquet")
        || contentType.startsWith("application/parquet");
  }

  @GetMapping("/models/{model}/versions/{version}/reference")
  ProfileSummary reference(@PathVariable String model, @PathVariable int version) {
    return monitor.reference(model, version).map(ProfileSummary::of).orElseThrow(() -> new InvalidTraffic(404,
        "version", "Model version " + model + "/" + version + " has no reference profile."));
  }

  /**
   * JSON lines of scored rows. Answers 200 with counts even when some or all rows are refused: each
   * refused row is listed with its line and reason; accepted rows are durable. 413 for more rows than
   * {@code steward.drift.max-batch-rows}, 415 for another content type, 400 for an empty body.
   */
  @PostMapping("/rows")
  IngestResult rows(HttpServletRequest request) throws IOException {
    BodyBuffers.Body body = body(request);
    try {
      return monitor.ingestRows(body.bytes(), body.length());
    } finally {
      buffers.release(body);
    }
  }

  /** JSON lines of labels {@code {"request_id", "model", "version", "environment", "label"}}; as for rows. */
  @PostMapping("/labels")
  IngestResult labels(HttpServletRequest request) throws IOException {
    BodyBuffers.Body body = body(request);
    try {
      return monitor.ingestLabels(body.bytes(), body.length());
    } finally {
      buffers.release(body);
    }
  }

  /** KServe's payload logger, binary-mode CloudEvents; the path carries the configured ingest key. */
  @PostMapping("/kserve/{key}")
  ResponseEntity<KserveEvents.Outcome> kserve(@PathVariable String key,
      @RequestHeader(name = "ce-id", required = false) @Nullable String id,
      @RequestHeader(name = "ce-type", required = false) @Nullable String type,
      @RequestHeader(name = "ce-specversion", required = false) @Nullable String specVersion,
      @RequestHeader(name = "ce-time", required = false) @Nullable String time,
      @RequestHeader(name = "ce-inferenceservicename", required = false) @Nullable String service,
      @RequestHeader(name = "ce-namespace", required = false) @Nullable String namespace,
      @RequestHeader(name = "ce-annotations", required = false) @Nullable String annotations,
      HttpServletRequest request) throws IOException {
    if (!kserve.acceptsKey(key)) {
      throw new InvalidTraffic(403, "key", "Unknown ingest key (steward.drift.kserve.ingest-key).");
    }
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readAllBytes();
    }
    KserveEvents.Outcome outcome = kserve.accept(new KserveEvents.Event(id, type, specVersion, time, service,
        namespace, annotations, body));
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(outcome);
  }

  /** The windows still counting, with their rows so far. */
  @GetMapping("/windows")
  List<TrafficMonitor.OpenWindow> windows() {
    return monitor.openWindows();
  }

  @GetMapping("/reports")
  List<Map<String, Object>> reports(@RequestParam(required = false) @Nullable String model,
      @RequestParam(required = false) @Nullable Integer version,
      @RequestParam(required = false) @Nullable String environment,
      @RequestParam(required = false) @Nullable String status,
      @RequestParam(required = false) @Nullable Instant from, @RequestParam(required = false) @Nullable Instant to,
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
    DriftStatus s;
    try {
      s = status == null ? null : DriftStatus.fromId(status);
    } catch (IllegalArgumentException e) {
      throw new InvalidTraffic(400, "status", "status must be ok, warn or alert.");
    }
    return reports.list(new DriftReports.Query(model, version, environment, s, from, to, page, size)).stream()
        .map(TrafficController::summary).toList();
  }

  @GetMapping("/reports/{id}")
  Object report(@PathVariable long id) {
    return reports.get(id).map(DriftReport::document).orElseThrow(() -> new InvalidTraffic(404, "id",
        "No drift report " + id + "."));
  }

  private static Map<String, Object> summary(DriftReport r) {
    return Map.of("id", r.id(), "model", r.stream().model(), "version", r.stream().version(),
        "environment", r.stream().environment(), "windowStart", r.windowStart().toString(),
        "windowEnd", r.windowEnd().toString(), "status", r.status().id(), "rows", r.rows(),
        "reasons", r.reasons());
  }

  private static boolean jsonLines(String contentType) {
    return contentType.startsWith("application/x-ndjson") || contentType.startsWith("application/jsonl")
        || contentType.startsWith("application/json-lines") || contentType.startsWith("application/jsonlines")
        || contentType.startsWith(MediaType.APPLICATION_JSON_VALUE);
  }

  private BodyBuffers.Body body(HttpServletRequest request) throws IOException {
    String contentType = request.getContentType() == null ? "" : request.getContentType();
    if (!jsonLines(contentType)) {
      throw new InvalidTraffic(415, "Content-Type", "Send JSON lines as application/x-ndjson.");
    }
    BodyBuffers.Body body;
    try (InputStream in = request.getInputStream()) {
      body = buffers.read(in, request.getContentLengthLong());
    }
    if (body.length() == 0) {
      buffers.release(body);
      throw new InvalidTraffic(400, "body", "The batch is empty.");
    }
    return body;
  }
}
