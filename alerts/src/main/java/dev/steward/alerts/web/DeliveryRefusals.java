package dev.steward.alerts.web;

import dev.steward.alerts.AlertHistory;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records in the on-call history the Alertmanager deliveries refused before the receiver saw them: a missing
 * or wrong credential (401), a token without the role (403), a body over the size limit (413), another
 * content type (415), the API unavailable during an index rebuild (503). The reason is the refusal's problem
 * detail. Runs outside every other filter, so it sees what they answer.
 */
class DeliveryRefusals extends OncePerRequestFilter {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryRefusals.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final AlertHistory history;

  DeliveryRefusals(AlertHistory history) {
    this.history = history;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod()) || !request.getRequestURI().equals("/api/v1/alerts/alertmanager");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ContentCachingResponseWrapper wrapped = new ContentCachingResponseWrapper(response);
    try {
      chain.doFilter(request, wrapped);
    } finally {
      int status = wrapped.getStatus();
      if (status >= 400 && request.getAttribute(AlertController.RECORDED) == null) {
        record(request, status, wrapped.getContentAsByteArray());
      }
      wrapped.copyBodyToResponse();
    }
  }

  private void record(HttpServletRequest request, int status, byte[] body) {
    String reason;
    try {
      JsonNode problem = JSON.readTree(body);
      reason = problem.path("detail").isString() ? problem.path("detail").asString() : "answered " + status;
    } catch (RuntimeException notJson) {
      reason = "answered " + status;
    }
    try {
      history.refused(UUID.randomUUID().toString(), Instant.now(), request.getRemoteAddr(), reason, status);
    } catch (RuntimeException e) {
      LOG.warn("Could not record a refused Alertmanager delivery ({} {}) in the on-call history: {}", status, reason,
          e.getMessage());
    }
  }
}
