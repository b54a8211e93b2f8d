package dev.steward.server.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes RFC 9457 problem details where no controller advice applies: servlet filters, the security
 * chain, the error page and Tomcat's own error report. Fields that are not set are left out, and extra
 * properties ({@code field}, {@code errors}) sit beside the standard ones, as Spring MVC writes them.
 *
 * <pre>{@code
 * ProblemWriter.write(response, ProblemWriter.problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "..."));
 * }</pre>
 */
public final class ProblemWriter {
  /** Where problem types live: {@code https://steward.dev/problems/<type>}. */
  public static final String TYPES = "https://steward.dev/problems/";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ProblemWriter() {}

  public static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setType(URI.create(TYPES + type));
    p.setTitle(title);
    return p;
  }

  /** The problem as the JSON members it is written with, in the order of RFC 9457. */
  public static Map<String, Object> members(ProblemDetail p) {
    Map<String, Object> members = new LinkedHashMap<>();
    put(members, "type", p.getType() == null ? null : p.getType().toString());
    put(members, "title", p.getTitle());
    members.put("status", p.getStatus());
    put(members, "detail", p.getDetail());
    put(members, "instance", p.getInstance() == null ? null : p.getInstance().toString());
    if (p.getProperties() != null) {
      p.getProperties().forEach((k, v) -> put(members, k, v));
    }
    return members;
  }

  public static byte[] toJson(ProblemDetail p) {
    return JSON.writeValueAsBytes(members(p));
  }

  /** Replaces whatever the response holds with the problem; a 401 also says how to authenticate. */
  public static void write(HttpServletResponse response, ProblemDetail p) throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    response.setStatus(p.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    if (p.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
      response.setHeader("WWW-Authenticate", "Bearer realm=\"steward\"");
    }
    byte[] body = toJson(p);
    response.setContentLength(body.length);
    try {
      response.getOutputStream().write(body);
    } catch (IllegalStateException writerInUse) {
      response.getWriter().write(new String(body, java.nio.charset.StandardCharsets.UTF_8));
    }
    response.flushBuffer();
  }

  private static void put(Map<String, Object> members, String key, @Nullable Object value) {
    if (value != null) {
      members.put(key, value);
    }
  }
}
