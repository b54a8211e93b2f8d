package dev.steward.deployer;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How an environment rolls a new version out ({@code steward.environments[i].rollout.*}): all at once
 * ({@link Strategy#DIRECT}), or as a canary that takes {@code steps} percent of the traffic in turn
 * ({@code canaryTrafficPercent}), analysing each step {@code iterations} times every {@code interval}
 * (the drift monitor's status of the canary version and the {@code metrics}) before the next one, and
 * promoting after the last. More than {@code failureLimit} failed analyses abort the canary; a step that is
 * not in place within {@code progressDeadline} fails it.
 *
 * <pre>
 * steward.environments[2].rollout.strategy: canary
 * steward.environments[2].rollout.steps: 10, 50, 100
 * steward.environments[2].rollout.interval: 60s
 * steward.environments[2].rollout.metrics[0].name: error-rate
 * steward.environments[2].rollout.metrics[0].query: sum(rate(errors{revision="{{ revision }}"}[1m]))
 * steward.environments[2].rollout.metrics[0].max: 0.01
 * </pre>
 */
public record RolloutPolicy(
    Strategy strategy,
    List<Integer> steps,
    Duration interval,
    int iterations,
    int failureLimit,
    Duration progressDeadline,
    List<MetricCheck> metrics) {

  public static final RolloutPolicy DIRECT = new RolloutPolicy(Strategy.DIRECT, List.of(), Duration.ofSeconds(60), 1,
      0, Duration.ofMinutes(10), List.of());

  /** All traffic at once, or step by step with analysis in between. */
  public enum Strategy {
    DIRECT("direct"),
    CANARY("canary");

    private final String id;

    Strategy(String id) {
      this.id = id;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String id() {
      return id;
    }

    public static Strategy fromId(String id) {
      for (Strategy s : values()) {
        if (s.id.equals(id.toLowerCase(Locale.ROOT))) {
          return s;
        }
      }
      throw new IllegalArgumentException("Rollout strategy '" + id + "' is not one of direct, canary.");
    }
  }

  public RolloutPolicy {
    Objects.requireNonNull(strategy, "strategy");
    steps = List.copyOf(steps);
    metrics = List.copyOf(metrics);
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(progressDeadline, "progressDeadline");
    if (strategy == Strategy.CANARY && steps.isEmpty()) {
      throw new IllegalArgumentException("A canary rollout needs steps, for example 10, 50, 100.");
    }
    int last = 0;
    for (int step : steps) {
      if (step < 1 || step > 100) {
        throw new IllegalArgumentException("Canary step " + step + "% is outside 1..100; steps are percentages of the"
            + " traffic, for example 10, 50, 100.");
      }
      if (step <= last) {
        throw new IllegalArgumentException("Canary steps " + steps + " are out of order: each step must send more"
            + " traffic to the canary than the one before, for example 10, 50, 100.");
      }
      last = step;
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("The analysis interval must be positive, not " + interval + ".");
    }
    if (progressDeadline.isNegative() || progressDeadline.isZero()) {
      throw new IllegalArgumentException("The progress deadline must be positive, not " + progressDeadline + ".");
    }
    if (iterations < 1) {
      throw new IllegalArgumentException("Each canary step needs at least one analysis (iterations >= 1), not "
          + iterations + ".");
    }
    if (failureLimit < 0) {
      throw new IllegalArgumentException("The failure limit cannot be negative (" + failureLimit + ").");
    }
  }

  /** The steps that still split traffic; a last step of 100 is the promotion itself. */
  public List<Integer> splitSteps() {
    return !steps.isEmpty() && steps.getLast() == 100 ? steps.subList(0, steps.size() - 1) : steps;
  }
}
