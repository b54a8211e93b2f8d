package dev.steward.deployer;

import java.time.Instant;
import java.util.Objects;

/**
 * What canary analysis needs from the drift monitor (the server implements it over the drift reports): the
 * status of a model version's scored traffic in an environment, from the latest window that closed after
 * {@code since}. The canary's traffic counts for the canary's version, because the rendered service's payload
 * logger forwards the revision's {@code steward.dev/model-version} annotation.
 */
@FunctionalInterface
public interface DriftVerdicts {

  Verdict latest(String environment, String model, int version, Instant since);

  /** No drift monitor: every verdict is unknown, which does not count against a canary. */
  DriftVerdicts NONE = (environment, model, version, since) -> new Verdict(Status.UNKNOWN,
      "no drift monitor answers for " + model + " version " + version + " in " + environment);

  enum Status { OK, WARN, ALERT, UNKNOWN }

  /** @param summary the status in words, with the report and its reasons */
  record Verdict(Status status, String summary) {
    public Verdict {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(summary, "summary");
    }
  }
}
