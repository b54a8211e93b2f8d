package dev.steward.ui.web;

import dev.steward.drift.traffic.InvalidTraffic;
import dev.steward.lineage.LineageUnavailable;
import dev.steward.policies.DecisionRefused;
import dev.steward.registry.EntityNotFound;
import dev.steward.registry.IndexRefused;
import dev.steward.registry.InvalidRequest;
import dev.steward.registry.RegistryConflict;
import dev.steward.registry.UnresolvedReference;
import java.util.List;

/**
 * A refusal or failure as a page shows it: the HTTP status the API would answer for the same refusal, a title and
 * what to do. Module exceptions carry no status; this is the pages' catalogue, matching the API's.
 */
record Problem(int status, String title, String detail, List<String> errors) {
  Problem {
    errors = List.copyOf(errors);
  }

  static Problem of(RuntimeException e) {
    return switch (e) {
      case UnresolvedReference u -> new Problem(422, "Unresolved reference", u.getMessage(), List.of());
      case InvalidRequest i -> new Problem(i.unprocessable() ? 422 : 400, "Invalid input",
          "Nothing was changed. Correct the input and try again.", i.errors().stream()
              .map(f -> f.field() + ": " + f.detail()).toList());
      case EntityNotFound n -> new Problem(404, "Not found", sentence(n.getMessage()) + ".", List.of());
      case RegistryConflict c -> new Problem(409, "Conflict", sentence(c.getMessage())
          + ". Nothing was changed; reload the page to see where things stand now.", List.of());
      case DecisionRefused r -> new Problem(403, "Not allowed", sentence(r.getMessage()) + ". Nothing was changed.",
          List.of());
      case InvalidTraffic t -> new Problem(t.status(), "Invalid input", t.getMessage(), List.of());
      case IndexRefused r -> new Problem(503, "Registry unavailable", r.getMessage(), List.of());
      case LineageUnavailable u -> new Problem(503, "Registry repository unavailable",
          "Nothing was recorded: " + u.getMessage(), List.of());
      default -> new Problem(500, "Steward failed", "Steward failed to answer this page; the failure is logged. "
          + "Retry, or report it.", List.of());
    };
  }

  /** A module's message as a sentence: it starts as written (often with a name) and ends with one full stop. */
  static String sentence(String s) {
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
