package dev.steward.server.system;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Alertmanager webhook payloads (v4) as Alertmanager 0.25 sends them, for one or more alerts. */
final class AlertPayloads {
  private AlertPayloads() {}

  /** One alert of a payload. */
  record Alert(String status, String fingerprint, Instant startsAt, Map<String, String> labels) {
    static Alert firing(String fingerprint, Instant startsAt, String model, String environment, String action,
        Integer version) {
      Map<String, String> labels = new LinkedHashMap<>();
      labels.put("alertname", "StewardDriftAlert");
      labels.put("model", model);
      labels.put("environment", environment);
      labels.put("steward_action", action);
      if (version != null) {
        labels.put("version", String.valueOf(version));
      }
      labels.put("severity", "critical");
      return new Alert("firing", fingerprint, startsAt, labels);
    }

    Alert resolved() {
      return new Alert("resolved", fingerprint, startsAt, labels);
    }
  }

  /** Registers the next version of a model made by {@link DriftTraffic#registerModel}, with the same references. */
  static void registerNextVersion(Api api, String model) {
    ObjectNode version = RegistryFixtures.minimalModelVersion().put("artifactUri", "s3://models/" + model + "/next");
    version.set("featureSet", RegistryFixtures.ref(model + "-features", 1));
    version.set("thresholdSet", RegistryFixtures.ref(model + "-thresholds", 1));
    RegistryFixtures.expectCreated(api.post("/api/v1/models/" + model + "/versions", version));
  }

  static ObjectNode payload(Alert... alerts) {
    ObjectNode p = Api.object();
    boolean firing = java.util.Arrays.stream(alerts).anyMatch(a -> a.status().equals("firing"));
    p.put("receiver", "steward").put("status", firing ? "firing" : "resolved");
    ArrayNode list = p.putArray("alerts");
    for (Alert a : alerts) {
      ObjectNode o = list.addObject().put("status", a.status());
      ObjectNode labels = o.putObject("labels");
      a.labels().forEach(labels::put);
      o.putObject("annotations").put("summary", "PSI of x above psi_alert").put("runbook_url",
          "https://steward.example.com/api/v1/deployments/" + a.labels().get("environment") + "/" + a.labels().get("model"));
      o.put("startsAt", a.startsAt().toString());
      o.put("endsAt", a.status().equals("firing") ? "0001-01-01T00:00:00Z" : a.startsAt().plusSeconds(60).toString());
      o.put("generatorURL", "http://127.0.0.1:9090/graph?g0.expr=steward_drift_report_status+%3D%3D+2");
      o.put("fingerprint", a.fingerprint());
    }
    p.putObject("groupLabels").put("alertname", "StewardDriftAlert");
    p.putObject("commonLabels");
    p.putObject("commonAnnotations");
    p.put("externalURL", "http://127.0.0.1:9093");
    p.put("version", "4");
    p.put("groupKey", "{}/{steward_action=~\".+\"}:{alertname=\"StewardDriftAlert\"}");
    p.put("truncatedAlerts", 0);
    return p;
  }
}
