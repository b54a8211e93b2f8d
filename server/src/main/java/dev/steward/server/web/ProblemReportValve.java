package dev.steward.server.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Tomcat's error report as a problem detail instead of an HTML page. Tomcat answers some requests itself,
 * before any filter or controller sees them: an encoded slash ({@code %2F}) or backslash ({@code %5C}),
 * a NUL ({@code %00}) or an invalid %-escape in the path, a malformed request line or header. Errors
 * inside the application go to {@link ProblemErrorController} instead.
 */
final class ProblemReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    ProblemDetail problem = ProblemErrorController.problemFor(status, response.getMessage(), request.getRequestURI());
    try {
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      PrintWriter writer = response.getReporter();
      if (writer != null) {
        writer.write(new String(ProblemWriter.toJson(problem), StandardCharsets.UTF_8));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // the client is gone or the response already went out; there is nobody left to tell
    }
  }

  static HttpStatus statusOf(int code) {
    HttpStatus status = HttpStatus.resolve(code);
    return status == null ? HttpStatus.BAD_REQUEST : status;
  }
}
