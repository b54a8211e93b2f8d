package dev.steward.governance;

import dev.steward.deployer.Deployer;
import dev.steward.deployer.Deployment;
import dev.steward.drift.traffic.DriftReport;
import dev.steward.drift.traffic.DriftReports;
import dev.steward.registry.InvalidRequest;
import dev.steward.registry.Names;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The cost of serving predictions: a deployment's resources (CPU, memory and GPUs of the rendered
 * InferenceService's predictor, times its replicas) at its environment's prices ({@link CostProperties}), over
 * each closed drift window, divided by the predictions the drift monitor counted in that window. Environments
 * without prices have no cost.
 *
 * <pre>{@code
 * costs.latest("production", null);   // per model: the cost per 1,000 predictions of the last closed window
 * }</pre>
 */
public class Costs {
  private static final String GPU = "nvidia.com/gpu";

  private final Deployer deployer;
  private final DriftReports reports;
  private final CostProperties properties;

  Costs(Deployer deployer, DriftReports reports, CostProperties properties) {
    this.deployer = deployer;
    this.reports = reports;
    this.properties = properties;
  }

  /** The last closed window of the desired version of each deployment in a priced environment. */
  public List<ServingCost> latest(@Nullable String environment, @Nullable String model) {
    if (environment != null) {
      priced(environment);
    }
    List<ServingCost> costs = new ArrayList<>();
    for (Deployment d : deployer.deployments(environment)) {
      if ((model != null && !d.model().equals(model)) || !properties.prices().containsKey(d.environment())) {
        continue;
      }
      reports.list(new DriftReports.Query(d.model(), d.version(), d.environment(), null, null, null, 0, 1)).stream()
          .findFirst().ifPresent(r -> costs.add(cost(d, r)));
    }
    return costs;
  }

  /** The cost of each of the last {@code size} closed windows of a deployment, newest first. */
  public List<ServingCost> windows(String environment, String model, @Nullable Integer version, int size) {
    Names.requireName("model", model);
    if (size < 1 || size > 500) {
      throw new InvalidRequest("size", "must be between 1 and 500, not " + size);
    }
    priced(environment);
    Deployment d = deployer.deployment(environment, model);
    return reports.list(new DriftReports.Query(model, version == null ? d.version() : version, environment, null,
        null, null, 0, size)).stream().map(r -> cost(d, r)).toList();
  }

  /**
   * The cost of the last closed window of {@code model} version {@code version} in {@code environment}, at the
   * resources of the model's deployment there; empty when the environment has no prices, the model no deployment
   * there, or the version no closed window.
   */
  public Optional<ServingCost> last(String environment, String model, int version) {
    if (!properties.prices().containsKey(environment)) {
      return Optional.empty();
    }
    Optional<Deployment> d = deployer.deployments(environment).stream().filter(x -> x.model().equals(model))
        .findFirst();
    return d.flatMap(deployment -> reports.list(new DriftReports.Query(model, version, environment, null, null,
        null, 0, 1)).stream().findFirst().map(r -> cost(deployment, r)));
  }

  private void priced(String environment) {
    deployer.environments().get(environment);
    if (!properties.prices().containsKey(environment)) {
      throw new InvalidRequest("environment", "environment " + environment + " has no prices; set "
          + "steward.governance.costs.prices." + environment + ".cpu-hour, .gib-hour and .gpu-hour");
    }
  }

  /** The cost of one window of a deployment at its environment's prices. */
  ServingCost cost(Deployment d, DriftReport r) {
    return cost(d.environment(), d.model(), r.stream().version(), d.manifest(), r, properties.prices().get(d.environment()),
        properties.currency());
  }

  static ServingCost cost(String environment, String model, int version, Map<String, Object> manifest, DriftReport r,
      CostProperties.Prices prices, String currency) {
    Map<?, ?> predictor = map(map(manifest.get("spec")).get("predictor"));
    Map<?, ?> resources = map(map(predictor.get("model")).get("resources"));
    Map<?, ?> requests = map(resources.get("requests"));
    Map<?, ?> limits = map(resources.get("limits"));
    double cpu = quantity(requests, limits, "cpu", false);
    double memory = quantity(requests, limits, "memory", true);
    double gpu = quantity(requests, limits, GPU, false);
    Object min = predictor.get("minReplicas");
    int replicas = Math.max(1, min instanceof Number n ? n.intValue() : 1);
    double hours = Duration.between(r.windowStart(), r.windowEnd()).toMillis() / 3_600_000.0;
    double cost = replicas * hours * (cpu * prices.cpuHour() + memory * prices.gibHour() + gpu * prices.gpuHour());
    Double per1k = r.rows() == 0 ? null : cost / r.rows() * 1000;
    return new ServingCost(environment, model, version, r.windowStart(), r.windowEnd(), r.rows(), cpu, memory, gpu,
        replicas, "desired minReplicas", cost, per1k, currency);
  }

  /** A request, or else the limit (Kubernetes sets the request to the limit when only the limit is given). */
  private static double quantity(Map<?, ?> requests, Map<?, ?> limits, String name, boolean memory) {
    Object q = requests.get(name) != null ? requests.get(name) : limits.get(name);
    if (q == null) {
      return 0;
    }
    return memory ? Quantities.gib(String.valueOf(q)) : Quantities.parse(String.valueOf(q));
  }

  private static Map<?, ?> map(@Nullable Object o) {
    return o instanceof Map<?, ?> m ? m : Map.of();
  }
}
