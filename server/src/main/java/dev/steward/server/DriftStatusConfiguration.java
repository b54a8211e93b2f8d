package dev.steward.server;

import dev.steward.drift.traffic.DriftReport;
import dev.steward.drift.traffic.DriftReports;
import dev.steward.policies.DriftStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Gives approval gates the drift monitor's view: the {@code drift} variable of a promotion is the latest
 * closed window of the version deployed in the target environment, for example
 * {@code {"status": "alert", "reportId": 7, "windowStart": "...", "reasons": ["PSI of age 0.31 >= 0.25"]}},
 * or {@code {"status": "unknown", "reason": "..."}} while there is none.
 */
@Configuration(proxyBeanMethods = false)
class DriftStatusConfiguration {

  @Bean
  @Primary
  DriftStatus reportedDriftStatus(DriftReports reports) {
    return (environment, model, version) -> {
      if (version == null) {
        return Map.of("status", "unknown", "reason", "no version of " + model + " is deployed in " + environment);
      }
      return reports.list(new DriftReports.Query(model, version, environment, null, null, null, 0, 1)).stream()
          .findFirst()
          .map(DriftStatusConfiguration::status)
          .orElseGet(() -> Map.of("status", "unknown", "reason",
              "no drift report for " + model + "/" + version + " in " + environment + " yet"));
    };
  }

  private static Map<String, Object> status(DriftReport r) {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("status", r.status().id());
    status.put("reportId", r.id());
    status.put("version", (long) r.stream().version());
    status.put("windowStart", r.windowStart().toString());
    status.put("windowEnd", r.windowEnd().toString());
    status.put("rows", r.rows());
    status.put("reasons", r.reasons());
    return status;
  }
}
