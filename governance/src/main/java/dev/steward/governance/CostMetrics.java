package dev.steward.governance;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code steward_cost_per_1k_predictions{environment, model, version, currency}}: the cost of 1,000 predictions in
 * the last closed drift window of each deployment in a priced environment. Refreshed every minute.
 */
final class CostMetrics {
  private static final Logger LOG = LoggerFactory.getLogger(CostMetrics.class);

  private final Costs costs;
  private final MultiGauge gauge;

  CostMetrics(Costs costs, MeterRegistry meters) {
    this.costs = costs;
    this.gauge = MultiGauge.builder("steward.cost.per.1k.predictions")
        .description("Cost of 1,000 predictions in the last closed drift window of a deployment").register(meters);
  }

  synchronized void refresh() {
    try {
      gauge.register(costs.latest(null, null).stream().filter(c -> c.costPer1kPredictions() != null)
          .map(c -> MultiGauge.Row.of(Tags.of("environment", c.environment(), "model", c.model(), "version",
              String.valueOf(c.version()), "currency", c.currency()), c.costPer1kPredictions())).toList(), true);
    } catch (RuntimeException e) {
      LOG.debug("Could not refresh the cost per 1,000 predictions; keeping the last values: {}", e.getMessage());
    }
  }
}
