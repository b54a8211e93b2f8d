package dev.steward.governance.web;

import dev.steward.governance.Costs;
import dev.steward.governance.ServingCost;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The cost of serving predictions: {@code GET /api/v1/costs} (the last closed window of each deployment in a
 * priced environment) and {@code GET /api/v1/costs/{environment}/{model}} (its last windows, newest first).
 */
@RestController
@RequestMapping("/api/v1/costs")
class CostController {
  private final Costs costs;

  CostController(Costs costs) {
    this.costs = costs;
  }

  @GetMapping
  List<ServingCost> latest(@Nullable @RequestParam(required = false) String environment,
      @Nullable @RequestParam(required = false) String model) {
    return costs.latest(environment, model);
  }

  @GetMapping("/{environment}/{model}")
  List<ServingCost> windows(@PathVariable String environment, @PathVariable String model,
      @Nullable @RequestParam(required = false) Integer version, @RequestParam(defaultValue = "24") int size) {
    return costs.windows(environment, model, version, size);
  }
}
