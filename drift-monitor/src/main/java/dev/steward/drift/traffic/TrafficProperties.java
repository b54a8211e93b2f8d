package dev.steward.drift.traffic;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code steward.drift.*}: window length, how long after its end a window stays open for late rows and
 * labels, how often due windows are closed, the write-ahead log directory (default
 * {@code <data dir>/drift-wal}) and how often it is snapshotted ({@code wal-snapshot-interval}, or after
 * {@code wal-snapshot-bytes} of log, whichever comes first; 0 turns either off), batch and memory bounds, how far a row's timestamp may be ahead of the
 * server clock ({@code max-future-skew}) or behind it ({@code max-row-age}), how many labelled rows a
 * reference profile keeps, how many top values of a segment column get counts of their own
 * ({@code segment-values}, the rest share an {@code (other)} bucket) and how many rows a segment needs in the
 * window and in the reference for a verdict ({@code min-segment-rows}), the KServe logger settings, and after how long without a closed window a stream's
 * gauges go ({@code metrics-idle-expiry}, default three windows plus the close delay).
 */
@ConfigurationProperties("steward.drift")
record TrafficProperties(
    @DefaultValue("1h") Duration window,
    @DefaultValue("5m") Duration closeDelay,
    @DefaultValue("10s") Duration closeInterval,
    @Nullable Path walDirectory,
    @DefaultValue("1m") Duration walSnapshotInterval,
    @DefaultValue("512MB") DataSize walSnapshotBytes,
    @DefaultValue("100000") int maxBatchRows,
    @DefaultValue("1000000") int dedupCapacity,
    @DefaultValue("100000") int maxLabelledRows,
    @DefaultValue("50") int minLabelledRows,
    @DefaultValue("10") int numericBins,
    @DefaultValue("5m") Duration maxFutureSkew,
    @DefaultValue("7d") Duration maxRowAge,
    @DefaultValue("100000") int maxReferenceLabelled,
    @DefaultValue("20") int segmentValues,
    @DefaultValue("1000") long minSegmentRows,
    @DefaultValue Kserve kserve,
    @Nullable Duration metricsIdleExpiry) {

  /**
   * The KServe payload logger: {@code ingestKey} is the secret path segment the logger URL carries
   * ({@code /api/v1/drift/kserve/<key>}); {@code services} lists
   * {@code <namespace>/<inferenceservice>=<model>:<version>[:<environment>]} for services without
   * Steward's annotations (a list, so the environment form
   * {@code STEWARD_DRIFT_KSERVE_SERVICES=default/churn=churn:3,default/fraud=fraud:1} works). Halves
   * waiting for their partner are bounded by count ({@code maxPending}) and by bytes
   * ({@code maxPendingBytes}, default an eighth of the maximum heap).
   */
  record Kserve(@Nullable String ingestKey, @DefaultValue("60s") Duration joinTimeout,
      @DefaultValue("100000") int maxPending, @Nullable DataSize maxPendingBytes, @Nullable List<String> services) {

    /** The configured byte bound, or an eighth of the heap the JVM may grow to. */
    long pendingBytes() {
      return maxPendingBytes != null ? maxPendingBytes.toBytes() : Runtime.getRuntime().maxMemory() / 8;
    }

    Map<String, String> serviceMap() {
      Map<String, String> map = new LinkedHashMap<>();
      if (services != null) {
        for (String entry : services) {
          int eq = entry.indexOf('=');
          if (eq <= 0) {
            throw new IllegalArgumentException("steward.drift.kserve.services entry '" + entry
                + "' is not <namespace>/<name>=<model>:<version>[:<environment>].");
          }
          map.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
        }
      }
      return map;
    }
  }
}
