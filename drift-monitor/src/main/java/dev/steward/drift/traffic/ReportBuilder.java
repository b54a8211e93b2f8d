package dev.steward.drift.traffic;

import dev.steward.drift.BinCounts;
import dev.steward.drift.BinnedDrift;
import dev.steward.drift.Calibration;
import dev.steward.drift.CalibrationDrift;
import dev.steward.drift.CalibrationDriftPolicy;
import dev.steward.drift.NullRateDrift;
import dev.steward.drift.NullRatePolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a window's counts into a {@link DriftReport}. The status rules, from the model version's
 * threshold set:
 * <ul>
 *   <li>feature or score PSI at or above {@code psi_alert} is alert, at or above {@code psi_warn} warn
 *   (without them 0.25 and 0.1, the customary levels);</li>
 *   <li>a null-rate change is alert when the two-proportion (or Fisher) test flags it and the absolute
 *   difference is at least {@code null_rate_delta_alert} (when set);</li>
 *   <li>calibration is alert when the window's ECE exceeds the mean + 3 sd of ECE over reference chunks of
 *   the window's size, or, with fewer than 2 such chunks, the reference ECE plus
 *   {@code ece_increase_alert} (0.05 without it); it is warn when the ECE exceeds {@code ece_alert} but
 *   the chunk rule does not fire (ECE has a sample-size floor, so a fixed ceiling alone would fire on
 *   small windows). Calibration needs {@code minLabelled} labelled rows on both sides, else it is
 *   skipped and says so.</li>
 * </ul>
 * With segment columns the same rules run once more per segment value ({@code segments}: PSI and null rate
 * against the reference rows of that value, calibration against the whole reference's labelled rows, so
 * there it warns at most: a segment may be calibrated differently from everyone, and with many segments one
 * crosses mean + 3 sd by chance now and then), when
 * the segment has at least {@code minSegmentRows} rows in the window and in the reference; a smaller segment
 * is reported without a verdict, so it cannot alert on noise. A segment's reasons start with its name
 * ({@code plan=basic: x: PSI ...}); the report's status is the worst of the whole window
 * ({@code totalStatus}) and its segments, so a segment alerts even when the whole window does not.
 * Non-finite numbers are written as null, so NaN or infinity never reaches a report.
 */
final class ReportBuilder {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  static final double DEFAULT_PSI_WARN = 0.1;
  static final double DEFAULT_PSI_ALERT = 0.25;

  private ReportBuilder() {
  }

  static DriftReport build(StreamKey stream, MonitoredModel model, ReferenceProfile profile, WindowCounts window,
      Instant start, Instant end, Instant closedAt, int minLabelled) {
    return build(stream, model, profile, window, start, end, closedAt, minLabelled, Long.MAX_VALUE);
  }

  static DriftReport build(StreamKey stream, MonitoredModel model, ReferenceProfile profile, WindowCounts window,
      Instant start, Instant end, Instant closedAt, int minLabelled, long minSegmentRows) {
    MonitoredModel.Thresholds t = model.thresholds();
    double psiWarn = t.psiWarn() == null ? DEFAULT_PSI_WARN : t.psiWarn();
    double psiAlert = t.psiAlert() == null ? DEFAULT_PSI_ALERT : t.psiAlert();
    DriftStatus status = DriftStatus.OK;
    List<String> reasons = new ArrayList<>();
    ObjectNode doc = JSON.createObjectNode();
    doc.put("model", stream.model()).put("version", stream.version()).put("environment", stream.environment())
        .put("windowStart", start.toString()).put("windowEnd", end.toString()).put("rows", window.rows)
        .put("closedAt", closedAt.toString());
    ObjectNode limits = doc.putObject("thresholds");
    limits.put("psiWarn", psiWarn).put("psiAlert", psiAlert);
    number(limits, "nullRateDeltaAlert", t.nullRateDeltaAlert());
    number(limits, "eceAlert", t.eceAlert());
    number(limits, "eceIncreaseAlert", t.eceIncreaseAlert());

    status = verdict(doc, profile, profile.features(), profile.score(), window, t, psiWarn, psiAlert, minLabelled,
        true, reasons);
    doc.put("totalStatus", status.id());
    if (!profile.segments().isEmpty()) {
      ArrayNode segments = doc.putArray("segments");
      ArrayNode alerting = doc.putArray("alertingSegments");
      for (int c = 0; c < profile.segments().size(); c++) {
        ReferenceProfile.Segment segment = profile.segments().get(c);
        for (int slot = 0; slot < segment.slots(); slot++) {
          ReferenceProfile.SegmentReference ref = segment.references().get(slot);
          WindowCounts counts = window.segment(c, slot);
          String label = segment.label(slot);
          ObjectNode n = segments.addObject();
          n.put("segment", label).put("column", segment.column())
              .put("value", slot < segment.values().size() ? segment.values().get(slot) : ReferenceProfile.Segment.OTHER)
              .put("rows", counts.rows).put("referenceRows", ref.rows());
          if (counts.rows < minSegmentRows || ref.rows() < minSegmentRows) {
            n.put("status", DriftStatus.OK.id());
            n.put("skipped", "A segment verdict needs at least " + minSegmentRows + " rows in the window and in the "
                + "reference (steward.drift.min-segment-rows); " + label + " has " + counts.rows + " and "
                + ref.rows() + ".");
            continue;
          }
          List<ReferenceProfile.FeatureProfile> features = new ArrayList<>();
          for (int i = 0; i < profile.features().size(); i++) {
            features.add(new ReferenceProfile.FeatureProfile(profile.features().get(i).bins(), ref.features().get(i)));
          }
          ReferenceProfile.FeatureProfile score = profile.score() == null || ref.score() == null ? null
              : new ReferenceProfile.FeatureProfile(profile.score().bins(), ref.score());
          List<String> why = new ArrayList<>();
          DriftStatus ss = verdict(n, profile, features, score, counts, t, psiWarn, psiAlert, minLabelled, false, why);
          n.put("status", ss.id());
          why.forEach(w -> reasons.add(label + ": " + w));
          if (ss == DriftStatus.ALERT) {
            alerting.add(label);
          }
          status = status.worst(ss);
        }
      }
    }
    doc.put("status", status.id());
    ArrayNode why = doc.putArray("reasons");
    reasons.forEach(why::add);
    return new DriftReport(0, stream, start, end, status, window.rows, closedAt, reasons, doc);
  }

  /** Features, score and calibration of a window (or a segment of it) into {@code doc}; answers the worst. */
  private static DriftStatus verdict(ObjectNode doc, ReferenceProfile profile,
      List<ReferenceProfile.FeatureProfile> reference, ReferenceProfile.@Nullable FeatureProfile score,
      WindowCounts window, MonitoredModel.Thresholds t, double psiWarn, double psiAlert, int minLabelled,
      boolean calibrationAlerts, List<String> reasons) {
    DriftStatus status = DriftStatus.OK;
    ArrayNode features = doc.putArray("features");
    for (int i = 0; i < reference.size(); i++) {
      ObjectNode f = features.addObject();
      status = status.worst(feature(f, reference.get(i), window.featureCounts(i), psiWarn, psiAlert,
          t.nullRateDeltaAlert(), reasons));
    }
    if (score != null && window.hasScore()) {
      ObjectNode s = doc.putObject("score");
      status = status.worst(feature(s, score, window.scoreCounts(), psiWarn, psiAlert, null, reasons));
    }
    return status.worst(calibration(doc, profile, window, t, minLabelled, calibrationAlerts, reasons));
  }

  /** The segments a stored report found in alert ({@code plan=basic}); empty without segments. */
  static List<String> alertingSegments(DriftReport report) {
    List<String> segments = new ArrayList<>();
    report.document().path("alertingSegments").forEach(s -> segments.add(s.asString()));
    return segments;
  }

  private static DriftStatus feature(ObjectNode f, ReferenceProfile.FeatureProfile ref, BinCounts current,
      double psiWarn, double psiAlert, Double nullRateDeltaAlert, List<String> reasons) {
    BinnedDrift drift = BinnedDrift.of(ref.bins(), ref.counts(), current, psiAlert, NullRatePolicy.DEFAULT);
    f.put("name", ref.name()).put("type", ref.numeric() ? "numeric" : "categorical");
    f.put("rows", current.rows()).put("missing", current.missing()).put("infinite", current.infinite());
    number(f, "psi", drift.psi());
    number(f, "jensenShannon", drift.jensenShannon());
    number(f, "chiSquarePValue", drift.chiSquarePValue());
    ArrayNode counts = f.putArray("counts");
    for (long c : current.counts()) {
      counts.add(c);
    }
    DriftStatus psiStatus = DriftStatus.OK;
    if (drift.psi() >= psiAlert) {
      psiStatus = DriftStatus.ALERT;
      reasons.add(ref.name() + ": PSI " + round(drift.psi()) + " >= psi_alert " + psiAlert);
    } else if (drift.psi() >= psiWarn) {
      psiStatus = DriftStatus.WARN;
      reasons.add(ref.name() + ": PSI " + round(drift.psi()) + " >= psi_warn " + psiWarn);
    }
    f.put("psiStatus", psiStatus.id());
    NullRateDrift nulls = drift.nullRate();
    ObjectNode n = f.putObject("nullRate");
    number(n, "referenceRate", nulls.referenceRate());
    number(n, "currentRate", nulls.currentRate());
    number(n, "difference", nulls.difference());
    number(n, "pValue", nulls.pValue());
    n.put("method", nulls.method().name().toLowerCase(java.util.Locale.ROOT));
    boolean nullAlert = nulls.alert()
        && (nullRateDeltaAlert == null || Math.abs(nulls.difference()) >= nullRateDeltaAlert);
    DriftStatus nullStatus = nullAlert ? DriftStatus.ALERT : DriftStatus.OK;
    if (nullAlert) {
      reasons.add(ref.name() + ": null rate " + round(nulls.referenceRate()) + " -> " + round(nulls.currentRate())
          + " (p = " + String.format(java.util.Locale.ROOT, "%.3g", nulls.pValue()) + ")");
    }
    n.put("status", nullStatus.id());
    DriftStatus status = psiStatus.worst(nullStatus);
    f.put("status", status.id());
    return status;
  }

  private static DriftStatus calibration(ObjectNode doc, ReferenceProfile profile, WindowCounts window,
      MonitoredModel.Thresholds t, int minLabelled, boolean alerts, List<String> reasons) {
    ObjectNode c = doc.putObject("calibration");
    c.put("labelled", window.labelledSeen()).put("referenceLabelled", profile.labelled());
    double[] scores = window.labelledScores();
    if (scores.length < minLabelled || profile.labelled() < minLabelled) {
      c.put("status", DriftStatus.OK.id());
      c.put("skipped", "Calibration needs at least " + minLabelled + " labelled rows in the window and in the "
          + "reference; the window has " + scores.length + ", the reference " + profile.labelled() + ".");
      return DriftStatus.OK;
    }
    CalibrationDriftPolicy policy = new CalibrationDriftPolicy(CalibrationDriftPolicy.DEFAULT.sigmas(),
        CalibrationDriftPolicy.DEFAULT.minChunks(),
        t.eceIncreaseAlert() == null ? CalibrationDriftPolicy.DEFAULT.fixedEceIncrease() : t.eceIncreaseAlert());
    CalibrationDrift drift = CalibrationDrift.of(profile.labelledScores(), profile.labels(), scores, window.labels(),
        policy);
    Calibration cur = drift.current();
    number(c, "ece", cur.ece());
    number(c, "mce", cur.mce());
    number(c, "brier", cur.brier());
    number(c, "referenceEce", drift.reference().ece());
    number(c, "eceDifference", drift.eceDifference());
    number(c, "brierDifference", drift.brierDifference());
    c.put("referenceChunks", drift.referenceChunks());
    number(c, "chunkEceMean", drift.chunkEceMean());
    number(c, "chunkEceStandardDeviation", drift.chunkEceStandardDeviation());
    number(c, "eceAlertThreshold", drift.eceAlertThreshold());
    number(c, "hosmerLemeshowPValue", cur.hosmerLemeshow().pValue());
    ArrayNode bins = c.putArray("reliability");
    cur.bins().forEach(b -> bins.add(JSON.valueToTree(b)));
    DriftStatus status = DriftStatus.OK;
    if (drift.alert()) {
      // a segment is held to the whole reference's calibration (the profile keeps no labelled rows per
      // segment), and with many segments one of them crosses mean + 3 sd by chance now and then: it warns
      status = alerts ? DriftStatus.ALERT : DriftStatus.WARN;
      reasons.add("calibration: ECE " + round(cur.ece()) + " > " + round(drift.eceAlertThreshold())
          + (drift.referenceChunks() >= policy.minChunks() ? " (reference chunks mean + 3 sd)" : " (reference ECE + increase)")
          + (alerts ? "" : ", against the whole reference: warns only"));
    } else if (t.eceAlert() != null && cur.ece() > t.eceAlert()) {
      status = DriftStatus.WARN;
      reasons.add("calibration: ECE " + round(cur.ece()) + " > ece_alert " + t.eceAlert());
    }
    c.put("status", status.id());
    return status;
  }

  static void number(ObjectNode node, String field, Double value) {
    if (value == null || !Double.isFinite(value)) {
      node.putNull(field);
    } else {
      node.put(field, value);
    }
  }

  private static String round(double v) {
    return String.format(java.util.Locale.ROOT, "%.4f", v);
  }
}
