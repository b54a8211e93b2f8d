package dev.steward.deployer.web;

import dev.steward.deployer.Deployer;
import dev.steward.deployer.Deployment;
import dev.steward.deployer.DeploymentStatus;
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

/** Desired deployments per environment, their KServe manifests, rollout status and controls, and rollback. */
@RestController
@RequestMapping("/api/v1/deployments")
class DeploymentController {
  private final Deployer deployer;

  DeploymentController(Deployer deployer) {
    this.deployer = deployer;
  }

  record RollbackBody(@Nullable String reason) {}

  /** Why a person steers a rollout; optional. */
  record ControlBody(@Nullable String reason) {}

  @GetMapping
  List<Deployment> list(@Nullable @RequestParam(required = false) String environment) {
    return deployer.deployments(environment);
  }

  /** The desired state and, for the cluster target, the observed service and the rollout, side by side. */
  @GetMapping("/{environment}/{model}")
  DeploymentStatus get(@PathVariable String environment, @PathVariable String model) {
    return deployer.status(environment, model);
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

  @PostMapping("/{environment}/{model}/promote")
  DeploymentStatus promote(@PathVariable String environment, @PathVariable String model,
      @RequestBody(required = false) @Nullable ControlBody body, Principal actor) {
    return deployer.promote(environment, model, actor.getName(), reason(body));
  }

  @PostMapping("/{environment}/{model}/abort")
  DeploymentStatus abort(@PathVariable String environment, @PathVariable String model,
      @RequestBody(required = false) @Nullable ControlBody body, Principal actor) {
    return deployer.abort(environment, model, actor.getName(), reason(body));
  }

  @PostMapping("/{environment}/{model}/pause")
  DeploymentStatus pause(@PathVariable String environment, @PathVariable String model,
      @RequestBody(required = false) @Nullable ControlBody body, Principal actor) {
    return deployer.pause(environment, model, actor.getName(), reason(body));
  }

  @PostMapping("/{environment}/{model}/resume")
  DeploymentStatus resume(@PathVariable String environment, @PathVariable String model,
      @RequestBody(required = false) @Nullable ControlBody body, Principal actor) {
    return deployer.resume(environment, model, actor.getName(), reason(body));
  }

  private static @Nullable String reason(@Nullable ControlBody body) {
    return body == null ? null : body.reason();
  }
}
