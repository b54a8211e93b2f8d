package dev.steward.alerts.web;

import dev.steward.alerts.AlertHistory;
import dev.steward.alerts.AlertReceiver;
import dev.steward.alerts.AlertsUnavailable;
import dev.steward.alerts.InvalidAlertDelivery;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/alerts/alertmanager}: Alertmanager's webhook (payload v4, bearer token of role
 * {@code alertmanager}); answers 200 with what was done per alert, 4xx when the delivery is refused as a
 * whole (nothing done; Alertmanager does not retry), 503 for a transient failure (Alertmanager retries).
 * {@code GET /api/v1/alerts}: the on-call history, newest first.
 */
@RestController
@RequestMapping("/api/v1/alerts")
class AlertController {
  /** Set once the receiver recorded the delivery, so that {@link DeliveryRefusals} does not record it again. */
  static final String RECORDED = AlertController.class.getName() + ".recorded";
  private static final String TYPES = "https://steward.dev/problems/";

  private final AlertReceiver receiver;
  private final AlertHistory history;

  AlertController(AlertReceiver receiver, AlertHistory history) {
    this.receiver = receiver;
    this.history = history;
  }

  /** What was done with one alert of a delivery. */
  record AlertResult(String fingerprint, String startsAt, String status, String alertname, String model,
      String environment, @Nullable Integer version, String action, String outcome, @Nullable String reason,
      @Nullable String commit) {
    static AlertResult of(AlertReceiver.Handled h) {
      var a = h.alert();
      return new AlertResult(a.fingerprint(), a.startsAtKey(), a.status().id(), a.alertname(), a.model(),
          a.environment(), a.version(), a.action().id(), h.outcome().id(), h.reason(), h.commit());
    }
  }

  /** The answer to a delivery. */
  record DeliveryResult(String delivery, int truncatedAlerts, List<AlertResult> alerts) {
    static DeliveryResult of(AlertReceiver.Receipt r) {
      return new DeliveryResult(r.delivery(), r.truncatedAlerts(), r.alerts().stream().map(AlertResult::of).toList());
    }
  }

  @PostMapping(path = "/alertmanager", consumes = MediaType.APPLICATION_JSON_VALUE)
  DeliveryResult alertmanager(HttpServletRequest request, Principal principal) throws IOException {
    byte[] body = request.getInputStream().readAllBytes();
    request.setAttribute(RECORDED, Boolean.TRUE);
    return DeliveryResult.of(receiver.receive(body, principal.getName(), request.getRemoteAddr()));
  }

  /**
   * One line of the on-call history: the alert (absent on a refused delivery), what was done and why, the
   * commit that recorded the action, and links to the deployment and its history of desired states.
   */
  record HistoryLine(long id, String delivery, java.time.Instant receivedAt, String source,
      @Nullable String principal, @Nullable String remoteAddress, @Nullable String receiver,
      @Nullable Integer truncatedAlerts, @Nullable String fingerprint, @Nullable String startsAt,
      @Nullable String status, @Nullable String alertname, @Nullable String model, @Nullable String environment,
      @Nullable Integer version, @Nullable String action, String outcome, @Nullable String reason,
      @Nullable String commit, int httpStatus, Map<String, String> links) {
    static HistoryLine of(AlertHistory.Entry e) {
      return new HistoryLine(e.id(), e.delivery(), e.receivedAt(), e.source(), e.principal(), e.remoteAddress(),
          e.receiver(), e.truncatedAlerts(), e.fingerprint(), e.startsAt(), e.status(), e.alertname(), e.model(),
          e.environment(), e.version(), e.action(), e.outcome(), e.reason(), e.commit(), e.httpStatus(),
          AlertController.links(e));
    }
  }

  @GetMapping
  List<HistoryLine> list(@RequestParam(required = false) @Nullable String model,
      @RequestParam(required = false) @Nullable String environment,
      @RequestParam(required = false) @Nullable String outcome,
      @RequestParam(required = false) @Nullable String fingerprint,
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
    if (outcome != null && java.util.Arrays.stream(AlertHistory.Outcome.values()).noneMatch(o -> o.id().equals(outcome))) {
      throw new IllegalArgumentException("outcome must be one of acted, duplicate, resolved, ignored, rejected, failed");
    }
    return history.list(new AlertHistory.Query(model, environment, outcome, fingerprint, page, size)).stream()
        .map(HistoryLine::of).toList();
  }

  private static Map<String, String> links(AlertHistory.Entry e) {
    Map<String, String> links = new LinkedHashMap<>();
    if (e.model() != null && e.environment() != null) {
      String deployment = "/api/v1/deployments/" + e.environment() + "/" + e.model();
      links.put("deployment", deployment);
      links.put("deploymentHistory", deployment + "/history");
    }
    return links;
  }

  @ExceptionHandler
  ProblemDetail invalid(InvalidAlertDelivery e) {
    HttpStatusCode status = HttpStatusCode.valueOf(e.status());
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, e.getMessage());
    p.setType(URI.create(TYPES + (e.status() == 422 ? "inconsistent-request" : "invalid-request")));
    p.setTitle(e.status() == 422 ? "Unknown model or environment" : "Invalid Alertmanager payload");
    if (!e.errors().isEmpty()) {
      p.setProperty("errors", e.errors().stream().map(f -> Map.of("field", f.field(), "detail", f.detail())).toList());
    }
    return p;
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> unavailable(AlertsUnavailable e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    p.setType(URI.create(TYPES + "unavailable"));
    p.setTitle("Alerts could not be handled for now");
    p.setProperty("alerts", DeliveryResult.of(e.receipt()).alerts());
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(p);
  }

  @ExceptionHandler
  ProblemDetail badQuery(IllegalArgumentException e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    p.setType(URI.create(TYPES + "invalid-request"));
    p.setTitle("Invalid request");
    return p;
  }
}
