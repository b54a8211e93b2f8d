package dev.steward.policies.web;

import dev.steward.policies.ApprovalGates;
import dev.steward.policies.Environment;
import dev.steward.policies.NewPolicy;
import dev.steward.policies.Policy;
import dev.steward.policies.PolicyRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Registers, approves and reads policies; shows the environment ladder. */
@RestController
@RequestMapping("/api/v1")
class PolicyController {
  private final PolicyRegistry policies;
  private final ApprovalGates gates;

  PolicyController(PolicyRegistry policies, ApprovalGates gates) {
    this.policies = policies;
    this.gates = gates;
  }

  record DecisionBody(@Nullable String decision, @Nullable String comment) {}

  /** Registers the next version, proposed until a second policy admin approves it. */
  @PostMapping("/policies")
  ResponseEntity<Policy> register(@RequestBody NewPolicy request, HttpServletRequest http) {
    Policy p = policies.register(Callers.of(http), request);
    return ResponseEntity.created(URI.create("/api/v1/policies/" + p.name() + "/versions/" + p.version())).body(p);
  }

  /** Approves or rejects a proposed version; not by the one who registered it. */
  @PostMapping("/policies/{name}/versions/{version}/decisions")
  Policy decide(@PathVariable String name, @PathVariable int version, @RequestBody DecisionBody body,
      HttpServletRequest http) {
    return policies.decide(Callers.of(http), name, version, body.decision(), body.comment());
  }

  @GetMapping("/policies")
  List<Policy> list() {
    return policies.list();
  }

  @GetMapping("/policies/{name}/versions")
  List<Policy> versions(@PathVariable String name) {
    return policies.versions(name);
  }

  @GetMapping("/policies/{name}/versions/{version}")
  Policy policy(@PathVariable String name, @PathVariable int version) {
    return policies.get(name, version);
  }

  @GetMapping("/environments")
  List<Environment> environments() {
    return gates.environments().ladder();
  }
}
