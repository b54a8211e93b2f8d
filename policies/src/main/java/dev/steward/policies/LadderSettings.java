package dev.steward.policies;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The promotion ladder, {@code steward.environments[i].{name, policy}} in order; the deployer reads the
 * same list for where each environment serves. Without configuration: {@code dev -> staging ->
 * production}, each gated by {@code <name>-gate}.
 *
 * <pre>
 * steward.environments[0].name: dev
 * steward.environments[0].policy: dev-gate      # default &lt;name&gt;-gate
 * </pre>
 */
@ConfigurationProperties("steward")
record LadderSettings(@Nullable List<Rung> environments) {

  /** One environment as configured; the deployer's settings of the same entry are ignored here. */
  record Rung(String name, @Nullable String policy) {}

  static final List<String> DEFAULT_LADDER = List.of("dev", "staging", "production");

  Environments ladder() {
    List<Rung> configured = environments == null || environments.isEmpty()
        ? DEFAULT_LADDER.stream().map(n -> new Rung(n, null)).toList()
        : environments;
    List<Environment> ladder = new ArrayList<>();
    for (Rung r : configured) {
      if (r.name() == null) {
        throw new IllegalArgumentException("Every entry of steward.environments needs a name.");
      }
      ladder.add(new Environment(r.name(), r.policy() == null ? r.name() + "-gate" : r.policy()));
    }
    return new Environments(ladder);
  }
}
