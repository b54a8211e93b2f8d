package dev.steward.drift.traffic;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Drift figures for Prometheus, from the latest closed window of each stream (labels model, version,
 * environment), what the shipped alert rules ({@code deploy/prometheus/steward-rules.yaml}) read:
 * <ul>
 *   <li>{@code steward_drift_report_status}: 0 ok, 1 warn, 2 alert;
 *   <li>{@code steward_drift_feature_psi_max}: the worst feature PSI; {@code steward_drift_score_psi};
 *   <li>{@code steward_drift_null_rate_difference_max}: the largest absolute null-rate difference of a feature;
 *   <li>{@code steward_drift_ece_difference}: window ECE minus reference ECE (absent without enough labels);
 *   <li>{@code steward_drift_window_rows}, {@code steward_drift_window_end_seconds} (Unix time);
 *   <li>per feature (label {@code feature}; the score as {@code score}): {@code steward_drift_psi},
 *       {@code steward_drift_null_rate_difference}; and {@code steward_drift_ece};
 *   <li>per segment (label {@code segment}, {@code plan=basic}; at most the profile's segment columns times
 *       their top values plus {@code (other)}, so bounded): {@code steward_drift_segment_status} (0 ok, 1 warn,
 *       2 alert; 0 for a segment too small for a verdict), {@code steward_drift_segment_feature_psi_max}
 *       (NaN without a verdict) and {@code steward_drift_segment_rows};
 * </ul>
 * and the counters {@code steward_drift_rows_accepted_total}, {@code _rejected_total} and
 * {@code _duplicate_total}. Rows refused before their model version is known count under model
 * {@code unknown}, so that bad input cannot mint label values. A stream whose last window ended more than
 * {@code idleExpiry} ago loses its gauges ({@link #expireIdle}): a version rolled back gets no traffic, and its
 * last alerting window must not keep an alert firing for ever.
 */
public class DriftMetrics {
  private final MeterRegistry registry;
  private final @Nullable Duration idleExpiry;
  private final ConcurrentHashMap<String, Held> gauges = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<StreamKey, Instant> lastWindowEnd = new ConcurrentHashMap<>();

  private record Held(StreamKey stream, Gauge gauge, AtomicReference<Double> value) {}

  public DriftMetrics(MeterRegistry registry) {
    this(registry, null);
  }

  /** With gauges of streams idle for longer than {@code idleExpiry} removed by {@link #expireIdle}. */
  public DriftMetrics(MeterRegistry registry, @Nullable Duration idleExpiry) {
    this.registry = registry;
    this.idleExpiry = idleExpiry;
  }

  static final StreamKey UNKNOWN = new StreamKey("unknown", 0, "unknown");

  void rows(StreamKey stream, String outcome, long n) {
    if (n == 0) {
      return;
    }
    String key = outcome + '\u0000' + stream;
    counters.computeIfAbsent(key, k -> Counter.builder("steward.drift.rows." + outcome)
        .description("Scored rows " + outcome + " by drift ingestion")
        .tags(tags(stream)).register(registry)).increment(n);
  }

  void report(DriftReport report) {
    StreamKey key = report.stream();
    Tags stream = tags(key);
    lastWindowEnd.merge(key, report.windowEnd(), (a, b) -> a.isAfter(b) ? a : b);
    gauge(key, "steward.drift.report.status", stream, report.status().ordinal());
    gauge(key, "steward.drift.window.rows", stream, report.rows());
    gauge(key, "steward.drift.window.end.seconds", stream, report.windowEnd().toEpochMilli() / 1000.0);
    double worstPsi = Double.NaN;
    double worstNull = Double.NaN;
    for (JsonNode f : report.document().path("features")) {
      Tags feature = stream.and("feature", f.path("name").asString());
      double psi = value(f.path("psi"));
      double nulls = value(f.path("nullRate").path("difference"));
      gauge(key, "steward.drift.psi", feature, psi);
      gauge(key, "steward.drift.null.rate.difference", feature, nulls);
      worstPsi = worst(worstPsi, psi);
      worstNull = worst(worstNull, Math.abs(nulls));
    }
    gauge(key, "steward.drift.feature.psi.max", stream, worstPsi);
    gauge(key, "steward.drift.null.rate.difference.max", stream, worstNull);
    JsonNode score = report.document().path("score");
    if (score.isObject()) {
      gauge(key, "steward.drift.psi", stream.and("feature", "score"), value(score.path("psi")));
      gauge(key, "steward.drift.score.psi", stream, value(score.path("psi")));
    }
    JsonNode calibration = report.document().path("calibration");
    if (calibration.path("ece").isNumber()) {
      gauge(key, "steward.drift.ece", stream, calibration.path("ece").asDouble());
    }
    gauge(key, "steward.drift.ece.difference", stream, value(calibration.path("eceDifference")));
    for (JsonNode segment : report.document().path("segments")) {
      Tags tags = stream.and("segment", segment.path("segment").asString());
      gauge(key, "steward.drift.segment.status", tags, DriftStatus.fromId(segment.path("status").asString()).ordinal());
      gauge(key, "steward.drift.segment.rows", tags, segment.path("rows").asDouble());
      double segmentPsi = Double.NaN;
      for (JsonNode f : segment.path("features")) {
        segmentPsi = worst(segmentPsi, value(f.path("psi")));
      }
      gauge(key, "steward.drift.segment.feature.psi.max", tags, segmentPsi);
    }
  }

  /** Removes the gauges of streams whose last window ended before {@code now} minus the idle expiry. */
  public void expireIdle(Instant now) {
    if (idleExpiry == null) {
      return;
    }
    Instant before = now.minus(idleExpiry);
    for (Map.Entry<StreamKey, Instant> e : Set.copyOf(lastWindowEnd.entrySet())) {
      if (e.getValue().isBefore(before) && lastWindowEnd.remove(e.getKey(), e.getValue())) {
        gauges.entrySet().removeIf(g -> {
          if (g.getValue().stream().equals(e.getKey())) {
            registry.remove(g.getValue().gauge());
            return true;
          }
          return false;
        });
      }
    }
  }

  private static double worst(double current, double candidate) {
    if (Double.isNaN(candidate)) {
      return current;
    }
    return Double.isNaN(current) ? candidate : Math.max(current, candidate);
  }

  private static double value(JsonNode n) {
    return n.isNumber() ? n.asDouble() : Double.NaN;
  }

  private void gauge(StreamKey stream, String name, Tags tags, double value) {
    String key = name + tags;
    gauges.computeIfAbsent(key, k -> {
      AtomicReference<Double> holder = new AtomicReference<>(Double.NaN);
      Gauge gauge = Gauge.builder(name, holder, AtomicReference::get).tags(tags).register(registry);
      return new Held(stream, gauge, holder);
    }).value().set(value);
  }

  private static Tags tags(StreamKey s) {
    return Tags.of("model", s.model(), "version", Integer.toString(s.version()), "environment", s.environment());
  }
}
