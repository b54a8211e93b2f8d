package dev.steward.server.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The error page ({@code /error}) as a problem detail, for every error that reaches it: a
 * {@code sendError} from a filter or from Tomcat inside the application, an exception no advice handled.
 * Replaces Spring Boot's page, whose {@code {"timestamp", "error", "path"}} body is no problem detail.
 */
@Controller
class ProblemErrorController implements ErrorController {
  private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorController.class);

  @RequestMapping("${server.error.path:/error}")
  void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer i ? i : HttpStatus.INTERNAL_SERVER_ERROR.value();
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
    if (status >= 500 && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable t) {
      LOG.error("Request {} {} failed with {}.", request.getMethod(), uri, status, t);
    }
    ProblemWriter.write(response, problemFor(status, message == null ? null : message.toString(),
        uri == null ? null : uri.toString()));
  }

  /** The problem for an error status that no handler described: a generic detail per status. */
  static ProblemDetail problemFor(int code, @Nullable String message, @Nullable String uri) {
    HttpStatus status = ProblemReportValve.statusOf(code);
    String detail = switch (code) {
      case 400 -> "The request is malformed" + reason(message) + ". Paths must not contain an encoded '/' (%2F) or "
          + "'\\' (%5C), NUL (%00), '..', ';' or invalid %-escapes; headers must be well formed.";
      case 401 -> "This call needs 'Authorization: Bearer <token>'.";
      case 403 -> "Your roles do not allow this call.";
      case 404 -> "There is nothing at " + (uri == null ? "this path" : uri) + "; the API is described at /v3/api-docs.";
      case 405 -> "This method is not allowed here; the API is described at /v3/api-docs.";
      case 413 -> "The request is too large" + reason(message) + ".";
      case 414 -> "The request URI is too long.";
      case 431 -> "The request headers are too large.";
      case 503 -> "Steward cannot answer right now; retry shortly.";
      default -> code >= 500 ? "Steward failed to answer this request; the failure is logged. Retry, or report it."
          : status.getReasonPhrase() + reason(message) + ".";
    };
    ProblemDetail p = ProblemWriter.problem(status, ApiProblems.typeOf(code), status.getReasonPhrase(), detail);
    p.setStatus(code);
    return p;
  }

  private static String reason(@Nullable String message) {
    if (message == null || message.isBlank() || ApiProblems.looksInternal(message)) {
      return "";
    }
    String m = message.length() > 160 ? message.substring(0, 157) + "..." : message;
    return " (" + m + ")";
  }
}
