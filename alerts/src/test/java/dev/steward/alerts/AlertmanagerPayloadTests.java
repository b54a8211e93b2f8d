package dev.steward.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Alertmanager's webhook payload v4, as the shared fixture (Alertmanager 0.25's shape) has it. */
class AlertmanagerPayloadTests {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static ObjectNode fixture() throws IOException {
    String shared = System.getenv().getOrDefault("STEWARD_SHARED_DIR", "../../shared");
    return (ObjectNode) JSON.readTree(Files.readString(Path.of(shared, "data/fixtures/alertmanager-webhook-v4.json")));
  }

  private static byte[] bytes(ObjectNode node) {
    return node.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void refusesTheFixtureForItsMissingStewardLabelsNamingEach() throws IOException {
    assertThatThrownBy(() -> AlertmanagerPayload.parse(bytes(fixture()))).isInstanceOfSatisfying(
        InvalidAlertDelivery.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.errors()).extracting(InvalidAlertDelivery.FieldError::field)
              .containsExactly("alerts[0].labels.environment", "alerts[0].labels.steward_action");
        });
  }

  @Test
  void readsTheFixtureOnceLabelledIgnoringFieldsOfLaterReleases() throws IOException {
    ObjectNode payload = fixture();
    ObjectNode labels = (ObjectNode) payload.path("alerts").get(0).path("labels");
    labels.put("environment", "production").put("steward_action", "rollback").put("version", "3");
    ((ObjectNode) payload.path("alerts").get(0)).put("startsAt", "2026-08-20T10:00:00.123456789+02:00");

    AlertmanagerPayload.Delivery d = AlertmanagerPayload.parse(bytes(payload));

    assertThat(d.status()).isEqualTo("firing");
    assertThat(d.receiver()).isEqualTo("mlops-control-plane");
    assertThat(d.truncatedAlerts()).isZero();
    assertThat(d.externalUrl()).isEqualTo("http://alertmanager:9093");
    ReceivedAlert a = d.alerts().getFirst();
    assertThat(a.fingerprint()).isEqualTo("c3a1f0e2b4d5a6b7");
    assertThat(a.alertname()).isEqualTo("ModelDriftPSI");
    assertThat(a.model()).isEqualTo("fraud");
    assertThat(a.environment()).isEqualTo("production");
    assertThat(a.version()).isEqualTo(3);
    assertThat(a.action()).isEqualTo(AlertAction.ROLLBACK);
    assertThat(a.status()).isEqualTo(ReceivedAlert.Status.FIRING);
    assertThat(a.startsAtKey()).as("the episode key keeps every digit, in UTC").isEqualTo("2026-08-20T08:00:00.123456789Z");
    assertThat(a.annotations()).containsEntry("runbook", "rollback");
  }

  @Test
  void refusesAnotherVersionAndCollectsEveryFault() throws IOException {
    ObjectNode v3 = fixture().put("version", "3");
    assertThatThrownBy(() -> AlertmanagerPayload.parse(bytes(v3))).hasMessageContaining("version \"4\"")
        .hasMessageContaining("\"3\"");

    ObjectNode broken = fixture().put("truncatedAlerts", -1).put("status", "burning");
    ObjectNode alert = (ObjectNode) broken.path("alerts").get(0);
    alert.put("fingerprint", "NOT-HEX").put("startsAt", "yesterday");
    ((ObjectNode) alert.path("labels")).put("environment", "prod").put("steward_action", "reboot").put("model", "Fraud!");
    assertThatThrownBy(() -> AlertmanagerPayload.parse(bytes(broken))).isInstanceOfSatisfying(InvalidAlertDelivery.class,
        e -> assertThat(e.errors()).extracting(InvalidAlertDelivery.FieldError::field).containsExactlyInAnyOrder(
            "status", "truncatedAlerts", "alerts[0].startsAt", "alerts[0].fingerprint",
            "alerts[0].labels.steward_action", "alerts[0].labels.model"));
    assertThatThrownBy(() -> AlertmanagerPayload.parse("[1]".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("must be a JSON object");
    assertThatThrownBy(() -> AlertmanagerPayload.parse("{\"version\":".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("not JSON");
    ObjectNode empty = fixture();
    empty.putArray("alerts");
    assertThatThrownBy(() -> AlertmanagerPayload.parse(bytes(empty))).hasMessageContaining("alerts must be a non-empty list");
  }

  @Test
  void theDirectPathGivesAStableFingerprintPerStream() {
    var a = new dev.steward.drift.traffic.DriftDetected(7, "churn", 2, "production", Instant.parse("2026-12-02T03:00:00Z"),
        Instant.parse("2026-12-02T04:00:00Z"), java.util.List.of("x: PSI 0.4 >= psi_alert 0.25"));
    var b = new dev.steward.drift.traffic.DriftDetected(8, "churn", 2, "production", Instant.parse("2026-12-02T04:00:00Z"),
        Instant.parse("2026-12-02T05:00:00Z"), java.util.List.of());
    var other = new dev.steward.drift.traffic.DriftDetected(9, "churn", 3, "production", Instant.parse("2026-12-02T04:00:00Z"),
        Instant.parse("2026-12-02T05:00:00Z"), java.util.List.of());
    assertThat(DriftAlerts.fingerprint(a)).hasSize(16).isEqualTo(DriftAlerts.fingerprint(b))
        .isNotEqualTo(DriftAlerts.fingerprint(other));
    ReceivedAlert alert = DriftAlerts.alert(a, AlertAction.ROLLBACK);
    assertThat(alert.startsAtKey()).isEqualTo("2026-12-02T03:00:00Z");
    assertThat(alert.labels()).containsEntry("report", "7").containsEntry("steward_action", "rollback");
  }
}
