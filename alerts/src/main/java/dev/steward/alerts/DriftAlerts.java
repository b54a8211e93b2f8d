package dev.steward.alerts;

import dev.steward.drift.traffic.DriftDetected;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;

/**
 * The direct path for installations without Alertmanager ({@code steward.alerts.direct.enabled}): a drift
 * window that closes in {@code alert} becomes an alert episode of its own (fingerprint: a hash of model,
 * version and environment; {@code startsAt}: the window's start), handled by the same {@link AlertReceiver}.
 * {@link DriftDetected} is published in the transaction that stores the report and received here as a
 * durable reaction, so a crash before the action completed replays it at start-up, and the episode key makes
 * the replay a duplicate if the action did complete.
 */
class DriftAlerts {
  private static final Logger LOG = LoggerFactory.getLogger(DriftAlerts.class);
  static final String ALERTNAME = "StewardDriftWindowAlert";

  private final AlertReceiver receiver;
  private final AlertsProperties.Direct direct;

  DriftAlerts(AlertReceiver receiver, AlertsProperties.Direct direct) {
    this.receiver = receiver;
    this.direct = direct;
    if (direct.enabled()) {
      LOG.info("Drift windows that close in alert {} directly ({}).", AlertAction.fromId(direct.action()).description(),
          direct.environments().isEmpty() ? "every environment" : "environments " + direct.environments());
    }
  }

  @ApplicationModuleListener
  void on(DriftDetected detected) {
    if (!direct.enabled() || (!direct.environments().isEmpty()
        && !direct.environments().contains(detected.environment()))) {
      return;
    }
    ReceivedAlert alert = alert(detected, AlertAction.fromId(direct.action()));
    var receipt = receiver.receiveDirect(alert, "drift-report-" + detected.reportId());
    var h = receipt.alerts().getFirst();
    LOG.info("Drift report {} of {} version {} in {}: {}{}.", detected.reportId(), detected.model(),
        detected.version(), detected.environment(), h.outcome().id(), h.reason() == null ? "" : " (" + h.reason() + ")");
  }

  static ReceivedAlert alert(DriftDetected d, AlertAction action) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("alertname", ALERTNAME);
    labels.put("model", d.model());
    labels.put("version", String.valueOf(d.version()));
    labels.put("environment", d.environment());
    labels.put("steward_action", action.id());
    labels.put("report", String.valueOf(d.reportId()));
    String reasons = String.join("; ", d.reasons());
    return new ReceivedAlert("drift-monitor", fingerprint(d), d.windowStart(), ReceivedAlert.Status.FIRING, ALERTNAME,
        d.model(), d.environment(), d.version(), action, labels,
        Map.of("summary", "drift window " + d.windowStart() + " to " + d.windowEnd() + " closed in alert: "
            + (reasons.length() > 400 ? reasons.substring(0, 400) : reasons)), null);
  }

  /** Like Alertmanager's, a stable hash of the identifying labels: 16 hex digits. */
  static String fingerprint(DriftDetected d) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(("drift-monitor\u0000" + d.model() + "\u0000"
          + d.version() + "\u0000" + d.environment()).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
