package dev.steward.retrain.web;

import dev.steward.registry.Page;
import dev.steward.retrain.PlanRequest;
import dev.steward.retrain.RetrainPlan;
import dev.steward.retrain.RetrainRun;
import dev.steward.retrain.RetrainScheduler;
import dev.steward.retrain.RunIdentity;
import dev.steward.retrain.RunStatusReport;
import dev.steward.retrain.RunTokenRefused;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Retrain plans (register, read, remove), manual runs, the run list, and the status a run reports. */
@RestController
@RequestMapping("/api/v1/retrain")
class RetrainController {
  private final RetrainScheduler retrain;

  RetrainController(RetrainScheduler retrain) {
    this.retrain = retrain;
  }

  /** The body of a manual run: why it is wanted. */
  record RunRequest(@Nullable String reason) {}

  @PostMapping("/plans")
  ResponseEntity<RetrainPlan> register(@RequestBody PlanRequest request, Principal actor) {
    RetrainPlan plan = retrain.registerPlan(actor.getName(), request);
    return ResponseEntity.created(URI.create("/api/v1/retrain/plans/" + plan.model())).body(plan);
  }

  @GetMapping("/plans")
  List<RetrainPlan> plans() {
    return retrain.plans();
  }

  @GetMapping("/plans/{model}")
  RetrainPlan plan(@PathVariable String model) {
    return retrain.plan(model);
  }

  @DeleteMapping("/plans/{model}")
  ResponseEntity<Void> remove(@PathVariable String model, Principal actor) {
    retrain.removePlan(actor.getName(), model);
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/plans/{model}/runs")
  ResponseEntity<RetrainRun> trigger(@PathVariable String model, @RequestBody(required = false) @Nullable RunRequest body,
      Principal actor) {
    RetrainRun run = retrain.trigger(actor.getName(), model, body == null ? null : body.reason());
    return ResponseEntity.created(URI.create("/api/v1/retrain/runs/" + run.id())).body(run);
  }

  @GetMapping("/runs")
  Page<RetrainRun> runs(@Nullable @RequestParam(required = false) String model,
      @Nullable @RequestParam(required = false) String plan, @Nullable @RequestParam(required = false) String state,
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
    return retrain.runs(model, plan, state, page, size);
  }

  @GetMapping("/runs/{id}")
  RetrainRun run(@PathVariable String id) {
    return retrain.run(id);
  }

  /** A run reports its status with its own token (or an admin for it). */
  @PostMapping("/runs/{id}/status")
  RetrainRun status(@PathVariable String id, @RequestBody RunStatusReport report, HttpServletRequest request,
      @Nullable @RequestAttribute(name = RunIdentity.REQUEST_ATTRIBUTE, required = false) RunIdentity run) {
    if (run == null && request.getUserPrincipal() != null
        && request.getUserPrincipal().getName().startsWith(RunIdentity.PREFIX)) {
      throw new RunTokenRefused("the caller speaks for a retrain run but its run is unknown");
    }
    return retrain.report(run, id, report);
  }

  @ExceptionHandler
  ProblemDetail refused(RunTokenRefused e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
    p.setType(URI.create("https://steward.dev/problems/run-token-refused"));
    p.setTitle("Run token refused");
    return p;
  }
}
