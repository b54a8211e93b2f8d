package dev.steward.governance;

import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code steward.governance.costs.*}: what serving costs, per environment: the price of a CPU-hour, of a
 * GiB-hour of memory and of a GPU-hour, in {@code currency}. An environment without prices has no cost.
 *
 * <pre>
 * steward.governance.costs.currency: EUR
 * steward.governance.costs.prices.production: {cpu-hour: 0.04, gib-hour: 0.005, gpu-hour: 2.10}
 * </pre>
 */
@ConfigurationProperties("steward.governance.costs")
record CostProperties(@DefaultValue("USD") String currency, Map<String, Prices> prices) {

  CostProperties {
    if (currency.isBlank()) {
      throw new IllegalArgumentException("steward.governance.costs.currency must not be blank (for example USD).");
    }
    prices = prices == null ? Map.of() : Map.copyOf(new TreeMap<>(prices));
    prices.forEach((environment, p) -> p.check("steward.governance.costs.prices." + environment));
  }

  /** The prices of one environment; each one a finite amount of at least zero. */
  record Prices(@DefaultValue("0") double cpuHour, @DefaultValue("0") double gibHour,
      @DefaultValue("0") double gpuHour) {

    void check(String prefix) {
      require(prefix + ".cpu-hour", cpuHour);
      require(prefix + ".gib-hour", gibHour);
      require(prefix + ".gpu-hour", gpuHour);
    }

    private static void require(String property, double price) {
      if (!Double.isFinite(price) || price < 0) {
        throw new IllegalArgumentException(property + " is " + price + "; a price must be a number >= 0.");
      }
    }
  }
}
