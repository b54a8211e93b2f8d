package dev.steward.governance;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code steward_revoked_input_deployment{environment, model, version}}: 1 for each deployment serving a model
 * version with revoked inputs, absent otherwise. The shipped alert rule {@code StewardRevokedInputServing}
 * reads it and tells on-call ({@code steward_action: notify}). Refreshed after each revocation, after each
 * change of a desired state, and every minute.
 */
final class RevocationMetrics {
  private static final Logger LOG = LoggerFactory.getLogger(RevocationMetrics.class);

  private final Revocations revocations;
  private final MultiGauge gauge;

  RevocationMetrics(Revocations revocations, MeterRegistry meters) {
    this.revocations = revocations;
    this.gauge = MultiGauge.builder("steward.revoked.input.deployment")
        .description("1 for each deployment serving a model version whose inputs had their consent revoked")
        .register(meters);
  }

  /** Recomputes the gauge from the index; a failure (the index being rebuilt) keeps the last values. */
  synchronized void refresh() {
    try {
      List<RevokedInputServing> serving = revocations.servingRevokedInputs();
      gauge.register(serving.stream().map(s -> MultiGauge.Row.of(Tags.of("environment", s.environment(),
          "model", s.model(), "version", String.valueOf(s.version())), 1)).toList(), true);
    } catch (RuntimeException e) {
      LOG.debug("Could not refresh the revoked-input deployments; keeping the last values: {}", e.getMessage());
    }
  }
}
