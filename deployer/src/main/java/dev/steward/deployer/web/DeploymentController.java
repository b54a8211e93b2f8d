package dev.steward.deployer.web;

import dev.steward.deployer.Deployer;
import dev.steward.deployer.Deployment;
import dev.steward.deployer.Rollback;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Desired deployments per environment, their KServe manifests, and rollback. */
@RestController
@RequestMapping("/api/v1/deployments")
class DeploymentController {
  private final Deployer deployer;

  DeploymentController(Deployer deployer) {
    this.deployer = deployer;
  }

  record RollbackBody(@Nullable String reason) {}

  @GetMapping
  List<Deployment> list(@Nullable @RequestParam(required = false) String environment) {
    return deployer.deployments(environment);
  }

  @GetMapping("/{environment}/{model}")
  Deployment get(@PathVariable String environment, @PathVariable String model) {
    return deployer.deployment(environment, model);
  }

  @GetMapping("/{environment}/{model}/manifest")
  Map<String, Object> manifest(@PathVariable String environment, @PathVariable String model) {
    return deployer.deployment(environment, model).manifest();
  }

  /** Every desired state the model had there, oldest first, with the commit that wrote it. */
  @GetMapping("/{environment}/{model}/history")
  List<Deployer.HistoryEntry> history(@PathVariable String environment, @PathVariable String model) {
    return deployer.changes(environment, model);
  }

  @PostMapping("/{environment}/{model}/rollback")
  Rollback rollback(@PathVariable String environment, @PathVariable String model, @RequestBody RollbackBody body,
      Principal actor) {
    return deployer.rollback(environment, model, actor.getName(), body.reason());
  }
}
