package dev.steward.drift.traffic;

import dev.steward.drift.FeatureBins;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionOperations;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Drift on live traffic: takes batches of scored rows and labels, counts them into tumbling windows per
 * model version and environment over the reference profile's bins, and on {@link #closeDue} stores a
 * report per closed window and publishes {@link DriftDetected} for alerts.
 *
 * <pre>{@code
 * IngestResult result = monitor.ingestRows(body, body.length);  // durable when this returns
 * List<DriftReport> closed = monitor.closeDue(clock.instant());
 * }</pre>
 *
 * Durability: accepted rows are appended to a write-ahead log and forced to disk before the answer; on
 * start the log is replayed, skipping windows whose report is stored. Duplicates (same request id) count
 * once within the open windows, up to {@code dedupCapacity} recent ids per stream (see
 * {@link RequestIds}). A row whose window is already closed is refused as late.
 */
public class TrafficMonitor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TrafficMonitor.class);

  /**
   * How the monitor runs. A row's timestamp must lie between {@code maxRowAge} before and
   * {@code maxFutureSkew} after the clock; a reference profile keeps at most {@code maxReferenceLabelled}
   * labelled rows (a fixed-seed sample of them when the upload has more).
   */
  public record Settings(Duration window, Duration closeDelay, Path walDirectory, int maxBatchRows,
      int dedupCapacity, int maxLabelledRows, int minLabelledRows, int numericBins, Duration maxFutureSkew,
      Duration maxRowAge, int maxReferenceLabelled, Duration snapshotInterval, long snapshotBytes,
      int segmentValues, long minSegmentRows) {
    /** Top values counted apart per segment column unless configured. */
    public static final int DEFAULT_SEGMENT_VALUES = 20;
    /** Rows a segment needs in the window and in the reference for a verdict unless configured. */
    public static final long DEFAULT_MIN_SEGMENT_ROWS = 1000;

    public Settings {
      if (window.toMillis() < 1000 || closeDelay.isNegative() || maxBatchRows < 1 || dedupCapacity < 32
          || maxLabelledRows < 1 || minLabelledRows < 1 || numericBins < 2 || maxFutureSkew.isNegative()
          || maxRowAge.compareTo(Duration.ofMinutes(1)) < 0 || maxReferenceLabelled < minLabelledRows
          || snapshotInterval.isNegative() || snapshotBytes < 0 || segmentValues < 1
          || segmentValues > ReferenceProfile.MAX_SEGMENT_VALUES || minSegmentRows < 1) {
        throw new IllegalArgumentException("Invalid drift traffic settings: " + this);
      }
    }

    /** The settings before snapshots: none taken unless asked for ({@link #snapshotIfDue} with these is a no-op). */
    public Settings(Duration window, Duration closeDelay, Path walDirectory, int maxBatchRows, int dedupCapacity,
        int maxLabelledRows, int minLabelledRows, int numericBins, Duration maxFutureSkew, Duration maxRowAge,
        int maxReferenceLabelled) {
      this(window, closeDelay, walDirectory, maxBatchRows, dedupCapacity, maxLabelledRows, minLabelledRows,
          numericBins, maxFutureSkew, maxRowAge, maxReferenceLabelled, Duration.ZERO, 0);
    }

    /** The settings before segments: the default segment bounds. */
    public Settings(Duration window, Duration closeDelay, Path walDirectory, int maxBatchRows, int dedupCapacity,
        int maxLabelledRows, int minLabelledRows, int numericBins, Duration maxFutureSkew, Duration maxRowAge,
        int maxReferenceLabelled, Duration snapshotInterval, long snapshotBytes) {
      this(window, closeDelay, walDirectory, maxBatchRows, dedupCapacity, maxLabelledRows, minLabelledRows,
          numericBins, maxFutureSkew, maxRowAge, maxReferenceLabelled, snapshotInterval, snapshotBytes,
          DEFAULT_SEGMENT_VALUES, DEFAULT_MIN_SEGMENT_ROWS);
    }

    public Settings withSnapshots(Duration interval, long bytes) {
      return new Settings(window, closeDelay, walDirectory, maxBatchRows, dedupCapacity, maxLabelledRows,
          minLabelledRows, numericBins, maxFutureSkew, maxRowAge, maxReferenceLabelled, interval, bytes,
          segmentValues, minSegmentRows);
    }

    /** With {@code values} top values per segment column and a verdict from {@code minRows} rows on. */
    public Settings withSegments(int values, long minRows) {
      return new Settings(window, closeDelay, walDirectory, maxBatchRows, dedupCapacity, maxLabelledRows,
          minLabelledRows, numericBins, maxFutureSkew, maxRowAge, maxReferenceLabelled, snapshotInterval,
          snapshotBytes, values, minRows);
    }
  }

  private static final int MEMO_SLOTS = 256;

  private record CategoryMemo(String text, short bin) {
  }

  private static final class Stream {
    final StreamKey key;
    final MonitoredModel model;
    final ReferenceProfile profile;
    final Map<String, Integer> positions;
    final RequestIds ids;
    final TreeMap<Long, WindowCounts> windows = new TreeMap<>();
    final String[] names;
    final FeatureBins.Numeric[] numeric;
    final FeatureBins.Categorical[] categorical;
    final FeatureBins.@Nullable Numeric scoreBins;
    /** Per categorical feature, recent text instances and their bins; see {@link #categoryBin}. */
    final CategoryMemo[][] categoryMemos;
    final boolean segmented;
    volatile long closedUpTo;

    Stream(StreamKey key, MonitoredModel model, ReferenceProfile profile, int dedupCapacity, long closedUpTo) {
      this.key = key;
      this.model = model;
      this.profile = profile;
      this.positions = model.positions();
      this.segmented = !profile.segments().isEmpty();
      this.ids = new RequestIds(dedupCapacity, segmented);
      this.closedUpTo = closedUpTo;
      int n = model.features().size();
      names = new String[n];
      numeric = new FeatureBins.Numeric[n];
      categorical = new FeatureBins.Categorical[n];
      categoryMemos = new CategoryMemo[n][];
      for (int i = 0; i < n; i++) {
        names[i] = model.features().get(i).name();
        FeatureBins bins = profile.features().get(i).bins();
        if (bins instanceof FeatureBins.Numeric num) {
          numeric[i] = num;
        } else {
          categorical[i] = (FeatureBins.Categorical) bins;
          categoryMemos[i] = new CategoryMemo[MEMO_SLOTS];
        }
      }
      scoreBins = profile.score() == null ? null : (FeatureBins.Numeric) profile.score().bins();
    }

    short scoreBin(double score) {
      return scoreBins == null ? 0 : code(scoreBins, score);
    }

    /**
     * The bin of a categorical value. {@code RowScanner} hands out one String instance per distinct value
     * and feature within a batch, so a small cache keyed by identity answers most lookups without hashing
     * and comparing the text (the map lookup was a tenth of ingestion's CPU). Slots hold immutable records,
     * so threads preparing rows at the same time can share it.
     */
    short categoryBin(int feature, String text) {
      CategoryMemo[] memo = categoryMemos[feature];
      int slot = System.identityHashCode(text) & (MEMO_SLOTS - 1);
      CategoryMemo m = memo[slot];
      if (m != null && m.text() == text) {
        return m.bin();
      }
      short bin = (short) categorical[feature].binOf(text);
      memo[slot] = new CategoryMemo(text, bin);
      return bin;
    }

    static short code(FeatureBins.Numeric bins, double v) {
      return Double.isNaN(v) ? WindowCounts.MISSING : Double.isInfinite(v) ? WindowCounts.INFINITE
          : (short) bins.binOf(v);
    }
  }

  /** A row that passed the checks that need no lock. */
  private record Prepared(int line, @Nullable String requestId, long hash, Stream stream, long window, short[] bins,
      short scoreBin, double score, int label) {
  }

  private final MonitoredModels models;
  private final ReferenceProfiles profiles;
  private final DriftReports reports;
  private final DriftMetrics metrics;
  private final ApplicationEventPublisher events;
  private final TransactionOperations tx;
  private final Settings settings;
  private final Clock clock;
  private final long windowMillis;
  private final Map<StreamKey, Stream> streams = new java.util.concurrent.ConcurrentHashMap<>();
  private final WriteAheadLog wal;

  public TrafficMonitor(MonitoredModels models, ReferenceProfiles profiles, DriftReports reports,
      DriftMetrics metrics, ApplicationEventPublisher events, Settings settings, Clock clock) {
    this(models, profiles, reports, metrics, events, TransactionOperations.withoutTransaction(), settings, clock);
  }

  /**
   * With {@code tx} around each report's insert and its {@link DriftDetected}, so the event is stored with the
   * report by Spring Modulith's event publication registry (a durable reaction; see {@link #closeDue}).
   */
  public TrafficMonitor(MonitoredModels models, ReferenceProfiles profiles, DriftReports reports,
      DriftMetrics metrics, ApplicationEventPublisher events, TransactionOperations tx, Settings settings,
      Clock clock) {
    this.tx = tx;
    this.models = models;
    this.profiles = profiles;
    this.reports = reports;
    this.metrics = metrics;
    this.events = events;
    this.settings = settings;
    this.clock = clock;
    this.windowMillis = settings.window().toMillis();
    this.wal = new WriteAheadLog(settings.walDirectory(), 64L << 20);
    this.lastSnapshot = clock.millis();
    replay();
  }

  public Settings settings() {
    return settings;
  }

  /**
   * Stores the reference profile of a model version, built from JSON lines or CSV, as one commit in the
   * registry repository; durable when this returns.
   */
  public ReferenceProfile addReference(String model, int version, String body, boolean csv, String actor) {
    return addReference(model, version, body, csv, List.of(), actor);
  }

  /**
   * As {@link #addReference(String, int, String, boolean, String)}, with segment columns: categorical
   * features of the feature set whose top values get counts, reports and alerts of their own. A column that
   * is not in the feature set, numeric, or named twice is refused (422, field {@code segments}) before
   * anything is read or committed.
   */
  public ReferenceProfile addReference(String model, int version, String body, boolean csv, List<String> segments,
      String actor) {
    MonitoredModel monitored = monitored(model, version);
    ReferenceSamples.Limits limits = limits(monitored, segments);
    ReferenceProfile profile = csv
        ? ReferenceSamples.fromCsv(monitored, body, limits, actor, now())
        : ReferenceSamples.fromJsonLines(monitored, body, limits, actor, now());
    profiles.add(profile);
    LOG.info("Stored the reference profile of {}/{} from {} rows.", model, version, profile.rows());
    return profile;
  }

  /**
   * Stores the reference profile of a model version built from a CSV or Parquet file, such as the training
   * data the version was built on: every column must be a feature of its feature set, {@code score} or
   * {@code label}, unless {@code columns} names the ones to read. Durable when this returns.
   */
  public ReferenceProfile addReference(String model, int version, java.nio.file.Path file,
      dev.steward.drift.SampleFiles.@Nullable Format format, List<String> columns, String actor) {
    return addReference(model, version, file, format, columns, List.of(), actor);
  }

  /** As above, with segment columns (see {@link #addReference(String, int, String, boolean, List, String)}). */
  public ReferenceProfile addReference(String model, int version, java.nio.file.Path file,
      dev.steward.drift.SampleFiles.@Nullable Format format, List<String> columns, List<String> segments,
      String actor) {
    MonitoredModel monitored = monitored(model, version);
    ReferenceSamples.Limits limits = limits(monitored, segments);
    dev.steward.drift.Sample sample;
    try {
      sample = dev.steward.drift.SampleFiles.read(file,
          ReferenceSamples.readOptions(monitored, columns).withFormat(format), "reference");
    } catch (IllegalArgumentException e) {
      throw new InvalidTraffic(400, "reference", e.getMessage());
    } catch (java.io.IOException e) {
      throw new InvalidTraffic(400, "reference", "The reference file cannot be read: " + e.getMessage());
    } catch (RuntimeException e) {
      // a file that is not what its name or content type says (a CSV sent as Parquet) fails inside the reader
      throw new InvalidTraffic(400, "reference", "The reference file cannot be read as "
          + (format == null ? "CSV or Parquet" : format.id()) + ": " + e.getMessage());
    }
    ReferenceProfile profile = ReferenceSamples.fromSample(monitored, sample, limits, actor, now());
    profiles.add(profile);
    LOG.info("Stored the reference profile of {}/{} from a file of {} rows.", model, version, profile.rows());
    return profile;
  }

  private MonitoredModel monitored(String model, int version) {
    MonitoredModel monitored = models.find(model, version).orElseThrow(() -> new InvalidTraffic(404, "model",
        "Model version " + model + "/" + version + " is not registered."));
    if (monitored.features().isEmpty()) {
      throw new InvalidTraffic(422, "featureSet", "Model version " + model + "/" + version
          + " has no feature set; drift monitoring needs one.");
    }
    return monitored;
  }

  /** The profile's bounds, with the positions of the segment columns once each is checked against the feature set. */
  private ReferenceSamples.Limits limits(MonitoredModel monitored, List<String> segments) {
    Map<String, Integer> positions = monitored.positions();
    List<Integer> features = new ArrayList<>();
    String version = monitored.model() + "/" + monitored.version();
    for (String column : segments) {
      Integer at = positions.get(column);
      if (at == null) {
        throw new InvalidTraffic(422, "segments", "Segment column '" + column + "' is not in the feature set of "
            + version + "; segment by one of its categorical features: " + String.join(", ", categorical(monitored))
            + ".");
      }
      if (monitored.features().get(at).numeric()) {
        throw new InvalidTraffic(422, "segments", "Segment column '" + column + "' is numeric in the feature set "
            + "of " + version + "; segments are the values of a categorical feature (dtype string or category).");
      }
      if (features.contains(at)) {
        throw new InvalidTraffic(422, "segments", "Segment column '" + column + "' is named twice.");
      }
      features.add(at);
    }
    if (features.size() > ReferenceProfile.MAX_SEGMENT_COLUMNS) {
      throw new InvalidTraffic(422, "segments", "A reference profile takes at most "
          + ReferenceProfile.MAX_SEGMENT_COLUMNS + " segment columns; " + features.size() + " were named.");
    }
    return new ReferenceSamples.Limits(settings.numericBins(), settings.maxReferenceLabelled(),
        settings.segmentValues(), features);
  }

  private static List<String> categorical(MonitoredModel monitored) {
    return monitored.features().stream().filter(f -> !f.numeric()).map(MonitoredModel.MonitoredFeature::name)
        .toList();
  }

  /** The clock's time in whole milliseconds, as the index's timestamps keep it on every database. */
  private Instant now() {
    return Instant.ofEpochMilli(clock.millis());
  }

  /** The feature names of a registered model version in feature-set order, if it is registered. */
  public Optional<List<String>> featureNames(String model, int version) {
    return models.find(model, version)
        .map(m -> m.features().stream().map(MonitoredModel.MonitoredFeature::name).toList());
  }

  public Optional<ReferenceProfile> reference(String model, int version) {
    return profiles.find(model, version);
  }

  /** Ingests JSON lines of scored rows; accepted rows are durable when this returns. */
  public IngestResult ingestRows(byte[] body, int length) {
    return ingest(body, length, false);
  }

  private IngestResult ingest(byte[] body, int length, boolean replaying) {
    List<IngestResult.Rejection> rejections = new ArrayList<>();
    Map<StreamKey, long[]> outcome = new HashMap<>();
    List<Prepared> prepared = new ArrayList<>();
    int rejected = 0;
    int rows = 0;
    int number = 0;
    long now = clock.millis();
    // one pass over the body: the fast path finds the end of its line itself; other lines are split
    // first and read by RowReader. Nothing changes before applyAll, so a 413 midway leaves no trace.
    RowScanner scanner = new RowScanner();
    for (int start = 0; start < length; ) {
      number++;
      RowReader.Row row = scanner.scanLine(body, start, length);
      int next;
      if (row != null) {
        next = scanner.lineEnd() + 1;
      } else {
        int end = start;
        while (end < length && body[end] != '\n') {
          end++;
        }
        next = end + 1;
        if (end > start && body[end - 1] == '\r') {
          end--;
        }
        if (blank(body, start, end)) {
          start = next;
          continue;
        }
        row = RowReader.read(body, start, end - start);
      }
      start = next;
      if (++rows > settings.maxBatchRows()) {
        throw tooManyRows();
      }
      String reason = row.error;
      Prepared p = null;
      if (reason == null) {
        Object check = prepare(row, number, now, replaying);
        if (check instanceof String s) {
          reason = s;
        } else {
          p = (Prepared) check;
        }
      }
      if (p == null) {
        rejected++;
        Stream known = row.model == null ? null : streams.get(new StreamKey(row.model, row.version, row.environment));
        count(outcome, known == null ? DriftMetrics.UNKNOWN : known.key, 1);
        if (rejections.size() < IngestResult.MAX_LISTED) {
          rejections.add(new IngestResult.Rejection(number, row.requestId, reason));
        }
      } else {
        prepared.add(p);
      }
    }
    Applied applied = applyAll(prepared, rejections, outcome, replaying);
    if (applied.position() >= 0) {
      wal.sync(applied.position());
    }
    if (!replaying) {
      outcome.forEach((stream, n) -> {
        metrics.rows(stream, "accepted", n[0]);
        metrics.rows(stream, "rejected", n[1]);
        metrics.rows(stream, "duplicate", n[2]);
      });
    }
    rejections.sort((a, b) -> Integer.compare(a.line(), b.line()));
    return new IngestResult(applied.accepted(), applied.duplicates(), rejected + applied.late(), rejections);
  }

  /** What counting a batch did; {@code position} is where the log must be forced to, or -1. */
  private record Applied(int accepted, int duplicates, int late, long position) {
  }

  /** Counts prepared rows under the lock and, unless replaying, appends them in binned form to the log. */
  private Applied applyAll(List<Prepared> prepared, List<IngestResult.Rejection> rejections,
      Map<StreamKey, long[]> outcome, boolean replaying) {
    int accepted = 0;
    int duplicates = 0;
    int rejected = 0;
    synchronized (this) {
      BinnedRows.Writer payload = replaying ? null : new BinnedRows.Writer(prepared.size());
      Set<WriteAheadLog.WindowKey> windows = new HashSet<>();
      for (Prepared p : prepared) {
        Stream s = p.stream();
        if (p.window() <= s.closedUpTo) {
          rejected++;
          count(outcome, s.key, 1);
          if (rejections.size() < IngestResult.MAX_LISTED) {
            rejections.add(new IngestResult.Rejection(p.line(), p.requestId(), "late: the window starting "
                + Instant.ofEpochMilli(p.window() * windowMillis) + " is already closed"));
          }
          continue;
        }
        int segmentKey = s.segmented ? s.profile.segmentKey(p.bins()) : 0;
        if (!s.ids.add(p.hash(), (float) p.score(), p.window(), segmentKey)) {
          duplicates++;
          count(outcome, s.key, 2);
          continue;
        }
        accepted++;
        count(outcome, s.key, 0);
        apply(s, p, segmentKey);
        if (!replaying) {
          windows.add(new WriteAheadLog.WindowKey(s.key, p.window()));
          payload.add(s.key, p.hash(), p.window(), p.score(), p.label(), p.scoreBin(), p.bins());
        }
      }
      if (!replaying && accepted > 0) {
        byte[] bytes = payload.toBytes();
        long position = wal.append(WriteAheadLog.BINNED_ROWS, bytes, 0, bytes.length, windows);
        return new Applied(accepted, duplicates, rejected, position);
      }
    }
    return new Applied(accepted, duplicates, rejected, -1);
  }

  private static void count(Map<StreamKey, long[]> outcome, StreamKey key, int which) {
    outcome.computeIfAbsent(key, k -> new long[3])[which == 2 ? 2 : which == 1 ? 1 : 0]++;
  }

  private List<int[]> lines(byte[] body, int length) {
    List<int[]> lines = new ArrayList<>();
    int start = 0;
    int number = 0;
    for (int i = 0; i <= length; i++) {
      if (i == length || body[i] == '\n') {
        number++;
        int end = i;
        if (end > start && body[end - 1] == '\r') {
          end--;
        }
        if (!blank(body, start, end)) {
          if (lines.size() >= settings.maxBatchRows()) {
            throw tooManyRows();
          }
          lines.add(new int[] {number, start, end - start});
        }
        start = i + 1;
      }
    }
    return lines;
  }

  private static boolean blank(byte[] body, int start, int end) {
    for (int j = start; j < end; j++) {
      if (body[j] != ' ' && body[j] != '\t') {
        return false;
      }
    }
    return true;
  }

  private InvalidTraffic tooManyRows() {
    return new InvalidTraffic(413, "body", "The batch has more than " + settings.maxBatchRows()
        + " rows (steward.drift.max-batch-rows); split it.");
  }

  /**
   * Checks a row's timestamp and the row against its model version; answers a {@link Prepared} or the
   * reason for refusing it. The timestamp comes first, so a refused one creates no stream and no window.
   * Replaying the log checks only the future bound: a logged row was in time when it was acknowledged,
   * and rows only get older while the server is down.
   */
  private Object prepare(RowReader.Row row, int line, long now, boolean replaying) {
    String untimely = untimely(row.timestamp, now, replaying);
    if (untimely != null) {
      return untimely;
    }
    Stream s = stream(new StreamKey(row.model, row.version, row.environment));
    if (s == null) {
      return models.find(row.model, row.version).isEmpty()
          ? "unknown model version " + row.model + "/" + row.version
          : "model version " + row.model + "/" + row.version + " has no reference profile";
    }
    int n = s.names.length;
    short[] bins = new short[n];
    java.util.Arrays.fill(bins, WindowCounts.MISSING);
    for (int i = 0; i < row.features; i++) {
      String name = row.names[i];
      // rows usually list features in feature-set order: try that position before the map
      int at;
      if (i < n && s.names[i].equals(name)) {
        at = i;
      } else {
        Integer found = s.positions.get(name);
        if (found == null) {
          return "feature '" + name + "' is not in the feature set of " + row.model + "/" + row.version;
        }
        at = found;
      }
      byte kind = row.kinds[i];
      if (s.numeric[at] != null) {
        double d = Double.NaN;
        if (kind == 1) {
          d = row.numbers[i];
        } else if (kind == 2) {
          d = NumericText.parse(row.texts[i]);
          if (Double.isNaN(d) && !NumericText.isNaN(row.texts[i])) {
            return "text '" + abbreviate(row.texts[i]) + "' in numeric feature '" + name + "'";
          }
        }
        bins[at] = Stream.code(s.numeric[at], d);
      } else if (kind != 0) {
        String text = kind == 2 ? row.texts[i] : ReferenceSamples.number(row.numbers[i]);
        bins[at] = s.categoryBin(at, text);
      }
    }
    long window = Math.floorDiv(row.timestamp, windowMillis);
    double score = row.scoreGiven ? row.score : Double.NaN;
    return new Prepared(line, row.requestId, RequestIds.hash(row.requestId), s, window, bins, s.scoreBin(score),
        score, row.label);
  }

  /** Why a row stamped {@code timestamp} is refused at {@code now}, or null when it is in time. */
  private @Nullable String untimely(long timestamp, long now, boolean replaying) {
    // compared this way round so that no timestamp, however far out, overflows
    if (timestamp > now + settings.maxFutureSkew().toMillis()) {
      return "timestamp " + Instant.ofEpochMilli(timestamp) + " is more than " + text(settings.maxFutureSkew())
          + " in the future (steward.drift.max-future-skew); check the sender's clock";
    }
    if (!replaying && timestamp < now - settings.maxRowAge().toMillis()) {
      return "timestamp " + Instant.ofEpochMilli(timestamp) + " is older than " + text(settings.maxRowAge())
          + " (steward.drift.max-row-age)";
    }
    return null;
  }

  /** A duration as configured: {@code 7d}, {@code 5m}, {@code 90s}. */
  static String text(Duration d) {
    long ms = d.toMillis();
    for (var unit : List.of(Map.entry(86_400_000L, "d"), Map.entry(3_600_000L, "h"), Map.entry(60_000L, "m"),
        Map.entry(1000L, "s"))) {
      if (ms >= unit.getKey() && ms % unit.getKey() == 0) {
        return ms / unit.getKey() + unit.getValue();
      }
    }
    return ms + "ms";
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }

  private @Nullable Stream stream(StreamKey key) {
    Stream s = streams.get(key);
    if (s != null) {
      return s;
    }
    Optional<MonitoredModel> model = models.find(key.model(), key.version());
    if (model.isEmpty()) {
      return null;
    }
    Optional<ReferenceProfile> profile = profiles.find(key.model(), key.version());
    if (profile.isEmpty()) {
      return null;
    }
    long closedUpTo = reports.lastWindowStart(key).map(i -> Math.floorDiv(i.toEpochMilli(), windowMillis))
        .orElse(Long.MIN_VALUE);
    return streams.computeIfAbsent(key,
        k -> new Stream(k, model.get(), profile.get(), settings.dedupCapacity(), closedUpTo));
  }

  private void apply(Stream s, Prepared p, int segmentKey) {
    WindowCounts w = s.windows.computeIfAbsent(p.window(),
        k -> new WindowCounts(k, s.profile, settings.maxLabelledRows()));
    w.add(p.bins(), p.scoreBin());
    if (p.label() >= 0 && p.score() >= 0.0 && p.score() <= 1.0) {
      s.ids.markLabelled(p.hash());
      w.addLabelled(p.score(), p.label(), segmentKey);
    }
  }

  /**
   * Ingests JSON lines of ground-truth labels, {@code {"request_id", "model", "version", "environment",
   * "label"}}, joined to the scored row of the same request id while its window is open.
   */
  public IngestResult ingestLabels(byte[] body, int length) {
    return labels(body, length, false);
  }

  private IngestResult labels(byte[] body, int length, boolean replaying) {
    List<int[]> lines = lines(body, length);
    List<IngestResult.Rejection> rejections = new ArrayList<>();
    int accepted = 0;
    int duplicates = 0;
    int rejected = 0;
    long position = -1;
    record Label(int line, String requestId, StreamKey key, int label, int offset, int length) {
    }
    List<Label> parsed = new ArrayList<>();
    for (int[] line : lines) {
      String requestId = null;
      String reason = null;
      try {
        JsonNode node = RowReader.JSON.readTree(new String(body, line[1], line[2], StandardCharsets.UTF_8));
        requestId = node.path("request_id").isValueNode() ? node.path("request_id").asString() : null;
        JsonNode label = node.path("label");
        int value = label.isBoolean() ? (label.asBoolean() ? 1 : 0)
            : label.isIntegralNumber() && (label.asInt() == 0 || label.asInt() == 1) ? label.asInt() : -1;
        if (requestId == null || requestId.isEmpty()) {
          reason = "request_id is missing";
        } else if (!node.path("model").isString() || !node.path("version").canConvertToInt()) {
          reason = "model and version are required";
        } else if (value < 0) {
          reason = "label must be 0, 1, true or false";
        } else {
          String env = node.path("environment").isString() ? node.path("environment").asString() : "default";
          parsed.add(new Label(line[0], requestId,
              new StreamKey(node.path("model").asString(), node.path("version").asInt(), env), value, line[1],
              line[2]));
        }
      } catch (JacksonException e) {
        reason = "malformed JSON: " + e.getOriginalMessage();
      }
      if (reason != null) {
        rejected++;
        if (rejections.size() < IngestResult.MAX_LISTED) {
          rejections.add(new IngestResult.Rejection(line[0], requestId, reason));
        }
      }
    }
    synchronized (this) {
      byte[] payload = new byte[length + 1];
      int payloadLength = 0;
      Set<WriteAheadLog.WindowKey> windows = new HashSet<>();
      for (Label l : parsed) {
        Stream s = streams.get(l.key());
        long hash = RequestIds.hash(l.requestId());
        RequestIds.Seen seen = s == null ? null : s.ids.find(hash);
        String reason = null;
        if (seen == null) {
          reason = "no scored row with this request_id in the open windows of " + l.key();
        } else if (seen.window() <= s.closedUpTo || !s.windows.containsKey(seen.window())) {
          reason = "late: the row's window is already closed";
        } else if (seen.labelled()) {
          duplicates++;
          continue;
        } else if (!(seen.score() >= 0.0f && seen.score() <= 1.0f)) {
          reason = "the row's score is not a probability in [0, 1]";
        }
        if (reason != null) {
          rejected++;
          if (rejections.size() < IngestResult.MAX_LISTED) {
            rejections.add(new IngestResult.Rejection(l.line(), l.requestId(), reason));
          }
          continue;
        }
        s.ids.markLabelled(hash);
        s.windows.get(seen.window()).addLabelled(seen.score(), l.label(), seen.segmentKey());
        accepted++;
        if (!replaying) {
          windows.add(new WriteAheadLog.WindowKey(s.key, seen.window()));
          System.arraycopy(body, l.offset(), payload, payloadLength, l.length());
          payloadLength += l.length();
          payload[payloadLength++] = '\n';
        }
      }
      if (!replaying && payloadLength > 0) {
        position = wal.append(WriteAheadLog.LABELS, payload, 0, payloadLength, windows);
      }
    }
    if (position >= 0) {
      wal.sync(position);
    }
    rejections.sort((a, b) -> Integer.compare(a.line(), b.line()));
    return new IngestResult(accepted, duplicates, rejected, rejections);
  }

  /**
   * Closes every window that ended at least the close delay before {@code now}: stores its report, updates
   * the metrics and publishes {@link DriftDetected} for alerts. Windows close oldest first. The event is
   * published in the transaction that inserts the report, so a listener with
   * {@code @ApplicationModuleListener} gets it durably: a crash after the report was stored replays the
   * event at start-up, and a crash before leaves the window in the log to be closed (and published) again.
   */
  public List<DriftReport> closeDue(Instant now) {
    List<DriftReport> closed = new ArrayList<>();
    synchronized (this) {
      long closeBefore = now.toEpochMilli() - settings.closeDelay().toMillis();
      for (Stream s : streams.values()) {
        while (!s.windows.isEmpty()) {
          Map.Entry<Long, WindowCounts> first = s.windows.firstEntry();
          long start = first.getKey() * windowMillis;
          long end = start + windowMillis;
          if (end > closeBefore) {
            break;
          }
          DriftReport report = ReportBuilder.build(s.key, s.model, s.profile, first.getValue(),
              Instant.ofEpochMilli(start), Instant.ofEpochMilli(end), clock.instant(), settings.minLabelledRows(),
              settings.minSegmentRows());
          closed.add(tx.execute(status -> {
            DriftReport r = reports.add(report);
            if (r.status() == DriftStatus.ALERT) {
              events.publishEvent(new DriftDetected(r.id(), r.stream().model(), r.stream().version(),
                  r.stream().environment(), r.windowStart(), r.windowEnd(), r.reasons(),
                  ReportBuilder.alertingSegments(r)));
            }
            return r;
          }));
          s.windows.pollFirstEntry();
          s.closedUpTo = Math.max(s.closedUpTo, first.getKey());
        }
      }
      if (!closed.isEmpty()) {
        reports.flush(); // a report must be on disk before the log of its rows goes
      }
      wal.deleteReported(k -> {
        Stream s = streams.get(k.stream());
        return s != null && k.window() <= s.closedUpTo;
      });
    }
    for (DriftReport r : closed) {
      metrics.report(r);
      LOG.info("Closed the drift window {} of {} with status {}.", r.windowStart(), r.stream(), r.status().id());
    }
    return closed;
  }

  /** Closes the windows due at the clock's time. */
  public List<DriftReport> closeDue() {
    return closeDue(clock.instant());
  }

  /** A window still counting: its stream, start and the rows and labels in it so far. */
  public record OpenWindow(StreamKey stream, Instant windowStart, long rows, long labelled) {
  }

  /** The open windows, oldest first per stream. */
  public synchronized List<OpenWindow> openWindows() {
    List<OpenWindow> open = new ArrayList<>();
    for (Stream s : streams.values()) {
      for (WindowCounts w : s.windows.values()) {
        open.add(new OpenWindow(s.key, Instant.ofEpochMilli(w.window * windowMillis), w.rows, w.labelledSeen()));
      }
    }
    open.sort(java.util.Comparator.comparing((OpenWindow w) -> w.stream().toString()).thenComparing(OpenWindow::windowStart));
    return open;
  }

  /** Rows counted in the open windows of a stream. */
  public synchronized long openRows(StreamKey key) {
    Stream s = streams.get(key);
    return s == null ? 0 : s.windows.values().stream().mapToLong(w -> w.rows).sum();
  }

  /**
   * Takes a snapshot when {@code snapshotInterval} passed since the last one or {@code snapshotBytes} were
   * logged since (whichever is set and comes first), so that the log behind it can go while windows are
   * still open: disk use then follows the snapshot interval, not the window length.
   */
  public void snapshotIfDue() {
    long interval = settings.snapshotInterval().toMillis();
    long bytes = settings.snapshotBytes();
    long since = wal.bytesSinceSnapshot();
    boolean due = since > 0 && ((interval > 0 && clock.millis() - lastSnapshot >= interval)
        || (bytes > 0 && since >= bytes));
    if (due) {
      snapshot();
    }
  }

  private volatile long lastSnapshot;
  private final Object snapshotLock = new Object();

  /**
   * Writes the counts of the open windows and the duplicate index as a snapshot, then deletes the log
   * segments before it. Ingestion waits only while the state is copied into a buffer, not for the disk.
   */
  public void snapshot() {
    synchronized (snapshotLock) {
      long started = System.nanoTime();
      long sequence;
      byte[] state;
      synchronized (this) {
        sequence = wal.rotateForSnapshot();
        state = captureState();
      }
      long captured = System.nanoTime();
      wal.writeSnapshot(sequence, state);
      lastSnapshot = clock.millis();
      LOG.debug("Wrote drift snapshot {} of {} KB: state copied in {} ms, written in {} ms.", sequence,
          state.length >> 10, (captured - started) / 1_000_000, (System.nanoTime() - captured) / 1_000_000);
    }
  }

  /** Bytes of the write-ahead log and its snapshots on disk. */
  public long logBytesOnDisk() {
    return wal.bytesOnDisk();
  }

  private static final int STATE_VERSION = 1;

  private byte[] captureState() {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(1 << 16);
    try (java.io.DataOutputStream out = new java.io.DataOutputStream(new java.io.BufferedOutputStream(bytes, 1 << 16))) {
      out.writeInt(STATE_VERSION);
      out.writeInt(streams.size());
      for (Stream s : streams.values()) {
        out.writeUTF(s.key.model());
        out.writeInt(s.key.version());
        out.writeUTF(s.key.environment());
        // each stream's state is length-prefixed, so a restore can skip a stream it cannot take back
        java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream(1 << 12);
        try (java.io.DataOutputStream body = new java.io.DataOutputStream(stream)) {
          body.writeLong(s.closedUpTo);
          s.ids.write(body);
          body.writeInt(s.windows.size());
          for (WindowCounts w : s.windows.values()) {
            w.write(body);
          }
        }
        out.writeInt(stream.size());
        stream.writeTo(out);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Restores the streams of a snapshot; windows reported since it was taken stay closed. */
  private long restoreState(byte[] state) {
    long rows = 0;
    try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(state))) {
      int version = in.readInt();
      if (version != STATE_VERSION) {
        throw new IllegalStateException("The drift snapshot has format " + version + "; this Steward reads "
            + STATE_VERSION + ".");
      }
      int count = in.readInt();
      for (int i = 0; i < count; i++) {
        StreamKey key = new StreamKey(in.readUTF(), in.readInt(), in.readUTF());
        int length = in.readInt();
        Stream s = stream(key);
        if (s == null) {
          LOG.warn("Skipped the snapshot's windows of {}: the model version is not registered or has no "
              + "reference profile.", key);
          in.skipNBytes(length);
          continue;
        }
        long closedUpTo = in.readLong();
        RequestIds ids = RequestIds.read(in, settings.dedupCapacity(), s.segmented);
        int windows = in.readInt();
        s.closedUpTo = Math.max(s.closedUpTo, closedUpTo);
        s.ids.replaceWith(ids);
        for (int w = 0; w < windows; w++) {
          WindowCounts counts = WindowCounts.read(in, s.profile, settings.maxLabelledRows());
          if (counts.window > s.closedUpTo) {
            s.windows.put(counts.window, counts);
            rows += counts.rows;
          }
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("The drift snapshot cannot be read", e);
    }
    return rows;
  }

  private void replay() {
    long rows = 0;
    long[] untimely = new long[1];
    Map<StreamKey, Long> unprofiled = new HashMap<>();
    Optional<WriteAheadLog.Snapshot> snapshot = wal.latestSnapshot();
    if (snapshot.isPresent()) {
      long restored = restoreState(snapshot.get().state());
      LOG.info("Restored {} scored rows of open drift windows from snapshot {}.", restored,
          snapshot.get().sequence());
    }
    for (Path segment : wal.existingSegments()) {
      Set<WriteAheadLog.WindowKey> windows = new HashSet<>();
      for (WriteAheadLog.Entry e : WriteAheadLog.read(segment)) {
        if (e.type() == WriteAheadLog.BINNED_ROWS) {
          rows += replayBinned(e.payload(), windows, untimely, unprofiled);
        } else if (e.type() == WriteAheadLog.ROWS) {
          rows += ingest(e.payload(), e.payload().length, true).accepted();
          collectWindows(e.payload(), windows);
        } else if (e.type() == WriteAheadLog.LABELS) {
          labels(e.payload(), e.payload().length, true);
        }
      }
      wal.adopt(segment, windows);
    }
    if (rows > 0) {
      LOG.info("Replayed {} scored rows of open drift windows from the write-ahead log.", rows);
    }
    unprofiled.forEach((key, n) -> LOG.warn("Skipped {} logged rows of {}: the model version is not registered "
        + "or has no reference profile.", n, key));
    if (untimely[0] > 0) {
      LOG.warn("Skipped {} logged rows stamped more than {} ahead of the clock; they were logged before such "
          + "rows were refused, and their windows would never close.", untimely[0], text(settings.maxFutureSkew()));
    }
  }

  private int replayBinned(byte[] payload, Set<WriteAheadLog.WindowKey> windows, long[] untimely,
      Map<StreamKey, Long> unprofiled) {
    List<Prepared> prepared = new ArrayList<>();
    long latest = Math.floorDiv(clock.millis() + settings.maxFutureSkew().toMillis(), windowMillis);
    BinnedRows.read(payload, (key, hash, window, score, label, scoreBin, bins) -> {
      if (window > latest) {
        untimely[0]++; // not added to the segment's windows either, so the segment can be deleted
        return;
      }
      windows.add(new WriteAheadLog.WindowKey(key, window));
      Stream s = stream(key);
      if (s == null || bins.length != s.names.length) {
        unprofiled.merge(key, 1L, Long::sum);
        return;
      }
      prepared.add(new Prepared(0, null, hash, s, window, bins, scoreBin, score, label));
    });
    return applyAll(prepared, new ArrayList<>(), new HashMap<>(), true).accepted();
  }

  private void collectWindows(byte[] payload, Set<WriteAheadLog.WindowKey> windows) {
    long now = clock.millis();
    for (int[] line : lines(payload, payload.length)) {
      RowReader.Row row = RowReader.read(payload, line[1], line[2]);
      if (row.error == null && untimely(row.timestamp, now, true) == null) {
        windows.add(new WriteAheadLog.WindowKey(new StreamKey(row.model, row.version, row.environment),
            Math.floorDiv(row.timestamp, windowMillis)));
      }
    }
  }

  @Override
  public void close() {
    wal.close();
  }
}
