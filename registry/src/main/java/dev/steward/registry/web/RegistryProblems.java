package dev.steward.registry.web;

import dev.steward.lineage.LineageUnavailable;
import dev.steward.registry.EntityNotFound;
import dev.steward.registry.IndexRefused;
import dev.steward.registry.InvalidRequest;
import dev.steward.registry.RegistryConflict;
import dev.steward.registry.UnresolvedReference;
import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Maps the registry's exceptions to RFC 9457 problem details. Other modules throw {@link InvalidRequest} too,
 * so this advice applies to every controller.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RegistryProblems {
  private static final String TYPES = "https://steward.dev/problems/";

  /** Names every field at fault in {@code errors} ({@code [{"field", "detail"}]}); {@code field} is the first. */
  @ExceptionHandler
  ProblemDetail invalid(InvalidRequest e) {
    ProblemDetail p = problem(e.unprocessable() ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.BAD_REQUEST,
        e.unprocessable() ? "inconsistent-request" : "invalid-request", "Invalid request", e.getMessage());
    p.setProperty("field", e.field());
    p.setProperty("errors", e.errors());
    return p;
  }

  @ExceptionHandler
  ProblemDetail unresolved(UnresolvedReference e) {
    ProblemDetail p = problem(HttpStatus.UNPROCESSABLE_CONTENT, "unresolved-reference", "Unresolved reference",
        e.getMessage());
    p.setProperty("field", e.field());
    p.setProperty("reference", e.ref());
    p.setProperty("errors", e.errors());
    return p;
  }

  @ExceptionHandler
  ProblemDetail notFound(EntityNotFound e) {
    ProblemDetail p = problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
    if (e.field() != null) {
      p.setProperty("field", e.field());
    }
    return p;
  }

  @ExceptionHandler
  ProblemDetail conflict(RegistryConflict e) {
    return problem(HttpStatus.CONFLICT, "conflict", "Conflict", e.getMessage());
  }

  @ExceptionHandler
  ProblemDetail unavailable(LineageUnavailable e) {
    return problem(HttpStatus.SERVICE_UNAVAILABLE, "repository-unavailable", "Registry repository unavailable",
        "The change was not recorded: " + e.getMessage());
  }

  @ExceptionHandler
  ProblemDetail refused(IndexRefused e) {
    var refusal = e.refusal();
    ProblemDetail p = problem(HttpStatus.SERVICE_UNAVAILABLE, "untrusted-commit", "Untrusted commit in the registry repository",
        "Commit " + refusal.commitId() + " failed verification: " + refusal.reason() + " The index stops at "
            + (refusal.lastIndexedCommit() == null ? "an empty registry" : "commit " + refusal.lastIndexedCommit())
            + " and serves no other calls. Remove the commit from main (or trust the key that signed it, see"
            + " steward.lineage.signing), then rebuild the index; GET /api/v1/lineage/verify lists every problem.");
    p.setProperty("commit", refusal.commitId());
    p.setProperty("reason", refusal.reason());
    if (refusal.lastIndexedCommit() != null) {
      p.setProperty("lastIndexedCommit", refusal.lastIndexedCommit());
    }
    return p;
  }

  static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setType(URI.create(TYPES + type));
    p.setTitle(title);
    return p;
  }
}
