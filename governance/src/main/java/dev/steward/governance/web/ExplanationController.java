package dev.steward.governance.web;

import dev.steward.governance.Explained;
import dev.steward.governance.ExplanationRequest;
import dev.steward.governance.Explanations;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/models/{name}/versions/{version}/explanations}: the reasons of one prediction (or a batch)
 * in business language, from the version's explanation template; any role may ask, nothing is recorded.
 */
@RestController
@RequestMapping("/api/v1")
class ExplanationController {
  private final Explanations explanations;

  ExplanationController(Explanations explanations) {
    this.explanations = explanations;
  }

  @PostMapping("/models/{name}/versions/{version}/explanations")
  Explained explain(@PathVariable String name, @PathVariable int version, @RequestBody ExplanationRequest request) {
    return explanations.explain(name, version, request);
  }
}
