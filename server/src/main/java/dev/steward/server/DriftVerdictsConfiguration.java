package dev.steward.server;

import dev.steward.deployer.DriftVerdicts;
import dev.steward.drift.traffic.DriftReport;
import dev.steward.drift.traffic.DriftReports;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Gives canary analysis the drift monitor's view: the status of the latest window of the canary version's
 * own traffic in the environment that closed after the canary started, for example {@code alert} with
 * "report 12 (1,204 rows, 10:00-11:00): PSI of tenure 0.31 >= 0.25"; unknown while no such window closed.
 */
@Configuration(proxyBeanMethods = false)
class DriftVerdictsConfiguration {

  @Bean
  DriftVerdicts driftVerdicts(DriftReports reports) {
    return (environment, model, version, since) -> reports
        .list(new DriftReports.Query(model, version, environment, null, null, null, 0, 1)).stream()
        .findFirst()
        .filter(r -> r.windowEnd().isAfter(since))
        .map(DriftVerdictsConfiguration::verdict)
        .orElseGet(() -> new DriftVerdicts.Verdict(DriftVerdicts.Status.UNKNOWN, "no drift window of " + model
            + " version " + version + " in " + environment + " has closed since " + since));
  }

  private static DriftVerdicts.Verdict verdict(DriftReport r) {
    DriftVerdicts.Status status = switch (r.status()) {
      case OK -> DriftVerdicts.Status.OK;
      case WARN -> DriftVerdicts.Status.WARN;
      case ALERT -> DriftVerdicts.Status.ALERT;
    };
    String reasons = r.reasons().isEmpty() ? "no threshold crossed" : String.join("; ", r.reasons());
    return new DriftVerdicts.Verdict(status, "report " + r.id() + " (" + r.rows() + " rows, " + r.windowStart() + " to "
        + r.windowEnd() + "): " + reasons);
  }
}
