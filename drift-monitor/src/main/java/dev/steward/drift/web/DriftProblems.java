package dev.steward.drift.web;

import dev.steward.drift.traffic.InvalidTraffic;
import dev.steward.drift.traffic.JoinBufferFull;
import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Maps the drift API's refusals to RFC 9457 problem details; applies to this package's controllers only. */
@RestControllerAdvice(basePackageClasses = DriftProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class DriftProblems {
  private static final String TYPES = "https://steward.dev/problems/";

  @ExceptionHandler
  ProblemDetail invalidTraffic(InvalidTraffic e) {
    HttpStatusCode status = HttpStatusCode.valueOf(e.status());
    String type = switch (e.status()) {
      case 404 -> "not-found";
      case 409 -> "conflict";
      case 413 -> "batch-too-large";
      case 415 -> "unsupported-media-type";
      case 422 -> "inconsistent-request";
      case 403 -> "forbidden";
      default -> "invalid-request";
    };
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, e.getMessage());
    p.setType(URI.create(TYPES + type));
    p.setTitle(status instanceof HttpStatus s ? s.getReasonPhrase() : "Invalid request");
    p.setProperty("field", e.field());
    // the shape the rest of the API answers with: every field at fault in 'errors'
    if (e.field() != null) {
      p.setProperty("errors", java.util.List.of(java.util.Map.of("field", e.field(), "detail", e.getMessage())));
    }
    return p;
  }

  /** The KServe join buffer is full: 503 with the seconds until a waiting event expires and frees room. */
  @ExceptionHandler
  ResponseEntity<ProblemDetail> joinBufferFull(JoinBufferFull e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    p.setType(URI.create(TYPES + "join-buffer-full"));
    p.setTitle("KServe join buffer full");
    p.setProperty("field", e.field());
    p.setProperty("retryAfterSeconds", e.retryAfterSeconds());
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
        .body(p);
  }

  @ExceptionHandler
  ProblemDetail badInput(BadDriftInput e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    p.setType(URI.create(TYPES + "invalid-request"));
    p.setTitle("Invalid request");
    p.setProperty("field", e.field());
    return p;
  }

  /** The statistics refuse inconsistent samples (mismatched types, bad labels, options) this way. */
  @ExceptionHandler
  ProblemDetail illegalArgument(IllegalArgumentException e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    p.setType(URI.create(TYPES + "invalid-request"));
    p.setTitle("Invalid request");
    return p;
  }
}
