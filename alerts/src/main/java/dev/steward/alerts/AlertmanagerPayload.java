package dev.steward.alerts;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and checks Alertmanager's webhook payload, version 4
 * (https://prometheus.io/docs/alerting/latest/configuration/#webhook_config): {@code version} "4",
 * {@code status}, {@code receiver}, {@code groupKey}, {@code truncatedAlerts} and a non-empty {@code alerts}
 * list, each alert with {@code status}, {@code labels}, {@code startsAt} and {@code fingerprint}. Each alert
 * must carry the labels {@code model}, {@code environment} and {@code steward_action} (rollback, retrain or
 * notify); {@code version} is optional. Fields Alertmanager adds in later releases are ignored. Every fault
 * is collected before refusing, so one answer names them all.
 */
public final class AlertmanagerPayload {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** A checked delivery. */
  public record Delivery(String status, String receiver, String groupKey, int truncatedAlerts,
      @Nullable String externalUrl, List<ReceivedAlert> alerts) {
    public Delivery {
      alerts = List.copyOf(alerts);
    }
  }

  private AlertmanagerPayload() {}

  /** Parses and checks a body; throws {@link InvalidAlertDelivery} (400) naming every fault. */
  public static Delivery parse(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JacksonException e) {
      throw invalid("The body is not JSON: " + e.getOriginalMessage() + ". Send Alertmanager's webhook payload"
          + " (version 4) as application/json.", List.of());
    }
    if (root == null || !root.isObject()) {
      throw invalid("The body must be a JSON object: Alertmanager's webhook payload, version 4.", List.of());
    }
    List<InvalidAlertDelivery.FieldError> errors = new ArrayList<>();
    JsonNode version = root.path("version");
    if (!version.isString() || !"4".equals(version.asString())) {
      throw invalid("This receiver reads Alertmanager's webhook payload version \"4\"; the body has version "
          + (version.isMissingNode() ? "none" : version.toString()) + ".",
          List.of(new InvalidAlertDelivery.FieldError("version", "must be \"4\"")));
    }
    String status = text(root, "status", "", errors);
    if (status != null && !status.equals("firing") && !status.equals("resolved")) {
      errors.add(new InvalidAlertDelivery.FieldError("status", "must be firing or resolved, not '" + status + "'"));
    }
    String receiver = text(root, "receiver", "", errors);
    String groupKey = text(root, "groupKey", "", errors);
    int truncated = 0;
    JsonNode t = root.path("truncatedAlerts");
    if (!t.isIntegralNumber() || t.asLong() < 0 || t.asLong() > Integer.MAX_VALUE) {
      errors.add(new InvalidAlertDelivery.FieldError("truncatedAlerts", "must be a whole number >= 0"));
    } else {
      truncated = t.asInt();
    }
    JsonNode externalUrl = root.path("externalURL");
    JsonNode alerts = root.path("alerts");
    List<ReceivedAlert> received = new ArrayList<>();
    if (!alerts.isArray() || alerts.isEmpty()) {
      errors.add(new InvalidAlertDelivery.FieldError("alerts", "must be a non-empty list of alerts"));
    } else {
      for (int i = 0; i < alerts.size(); i++) {
        ReceivedAlert a = alert(alerts.get(i), "alerts[" + i + "]", errors);
        if (a != null) {
          received.add(a);
        }
      }
    }
    if (!errors.isEmpty()) {
      throw invalid("The Alertmanager payload is not valid: " + errors.stream()
          .map(e -> e.field() + " " + e.detail()).reduce((a, b) -> a + "; " + b).orElse("") + ".", errors);
    }
    return new Delivery(status, receiver, groupKey, truncated,
        externalUrl.isString() ? externalUrl.asString() : null, received);
  }

  private static @Nullable ReceivedAlert alert(JsonNode a, String at, List<InvalidAlertDelivery.FieldError> errors) {
    if (!a.isObject()) {
      errors.add(new InvalidAlertDelivery.FieldError(at, "must be an object"));
      return null;
    }
    int before = errors.size();
    String status = text(a, "status", at + ".", errors);
    ReceivedAlert.Status st = null;
    if ("firing".equals(status)) {
      st = ReceivedAlert.Status.FIRING;
    } else if ("resolved".equals(status)) {
      st = ReceivedAlert.Status.RESOLVED;
    } else if (status != null) {
      errors.add(new InvalidAlertDelivery.FieldError(at + ".status", "must be firing or resolved"));
    }
    Map<String, String> labels = strings(a, "labels", at, true, errors);
    Map<String, String> annotations = strings(a, "annotations", at, false, errors);
    Instant startsAt = time(a, "startsAt", at, errors);
    String fingerprint = text(a, "fingerprint", at + ".", errors);
    if (fingerprint != null && !ReceivedAlert.FINGERPRINT.matcher(fingerprint).matches()) {
      errors.add(new InvalidAlertDelivery.FieldError(at + ".fingerprint", "must be 1 to 64 lower-case hex digits"));
    }
    String model = label(labels, "model", at, errors);
    String environment = label(labels, "environment", at, errors);
    String action = label(labels, "steward_action", at, errors);
    AlertAction act = null;
    if (action != null) {
      act = AlertAction.find(action).orElse(null);
      if (act == null) {
        errors.add(new InvalidAlertDelivery.FieldError(at + ".labels.steward_action",
            "must be rollback, retrain or notify, not '" + action + "'"));
      }
    }
    Integer version = null;
    String v = labels == null ? null : labels.get("version");
    if (v != null) {
      try {
        version = Integer.valueOf(v);
        if (version < 1) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        errors.add(new InvalidAlertDelivery.FieldError(at + ".labels.version", "must be a model version number"));
      }
    }
    for (String[] name : new String[][] {{"model", model}, {"environment", environment}}) {
      if (name[1] != null && (!ReceivedAlert.NAME.matcher(name[1]).matches() || name[1].contains(".."))) {
        errors.add(new InvalidAlertDelivery.FieldError(at + ".labels." + name[0], "'" + name[1] + "' is not a Steward"
            + " name ([a-z0-9][a-z0-9._-]*, at most 128 characters)"));
      }
    }
    if (errors.size() > before) {
      return null;
    }
    JsonNode generator = a.path("generatorURL");
    return new ReceivedAlert("alertmanager", fingerprint, startsAt, st, labels.getOrDefault("alertname", "unnamed"),
        model, environment, version, act, labels, annotations == null ? Map.of() : annotations,
        generator.isString() ? generator.asString() : null);
  }

  private static @Nullable String label(@Nullable Map<String, String> labels, String name, String at,
      List<InvalidAlertDelivery.FieldError> errors) {
    if (labels == null) {
      return null;
    }
    String value = labels.get(name);
    if (value == null || value.isBlank()) {
      errors.add(new InvalidAlertDelivery.FieldError(at + ".labels." + name, "is missing; every alert routed to"
          + " Steward needs the labels model, environment and steward_action"));
      return null;
    }
    return value;
  }

  private static @Nullable String text(JsonNode node, String field, String at,
      List<InvalidAlertDelivery.FieldError> errors) {
    JsonNode v = node.path(field);
    if (!v.isString()) {
      errors.add(new InvalidAlertDelivery.FieldError(at + field, v.isMissingNode() ? "is missing" : "must be text"));
      return null;
    }
    return v.asString();
  }

  private static @Nullable Map<String, String> strings(JsonNode node, String field, String at, boolean required,
      List<InvalidAlertDelivery.FieldError> errors) {
    JsonNode v = node.path(field);
    if (v.isMissingNode() && !required) {
      return Map.of();
    }
    if (!v.isObject()) {
      errors.add(new InvalidAlertDelivery.FieldError(at + "." + field, v.isMissingNode() ? "is missing"
          : "must be an object of text values"));
      return null;
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (var e : v.properties()) {
      if (!e.getValue().isString()) {
        errors.add(new InvalidAlertDelivery.FieldError(at + "." + field + "." + e.getKey(), "must be text"));
        return null;
      }
      map.put(e.getKey(), e.getValue().asString());
    }
    return map;
  }

  private static @Nullable Instant time(JsonNode node, String field, String at,
      List<InvalidAlertDelivery.FieldError> errors) {
    JsonNode v = node.path(field);
    if (!v.isString()) {
      errors.add(new InvalidAlertDelivery.FieldError(at + "." + field, v.isMissingNode() ? "is missing"
          : "must be an RFC 3339 time"));
      return null;
    }
    try {
      return OffsetDateTime.parse(v.asString()).toInstant();
    } catch (DateTimeParseException e) {
      errors.add(new InvalidAlertDelivery.FieldError(at + "." + field, "'" + v.asString()
          + "' is not an RFC 3339 time"));
      return null;
    }
  }

  private static InvalidAlertDelivery invalid(String detail, List<InvalidAlertDelivery.FieldError> errors) {
    return new InvalidAlertDelivery(400, detail, errors);
  }
}
