package dev.steward.server.web;

import dev.steward.registry.InvalidRequest;
import dev.steward.registry.InvalidRequest.FieldError;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;

/**
 * Problem details for what the framework refuses before or around a controller, with a detail that says
 * what was wrong and what to send instead: a body that is not valid or strict JSON (naming the field,
 * {@link JsonBodyErrors}), a body over the size limit (413, also when it came chunked), a multipart body
 * that cannot be parsed, another content type (415), an unknown path (404) or method (405), a query or
 * path parameter of the wrong type. Applies to every module's controllers and to requests no controller
 * matched.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiProblems extends ResponseEntityExceptionHandler {
  private static final Pattern JAVA_NAME = Pattern.compile("\\b[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*\\.[A-Za-z_$][\\w$.]*");

  @Override
  protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    RequestSizeLimit.BodyTooLarge tooLarge = cause(ex, RequestSizeLimit.BodyTooLarge.class);
    if (tooLarge != null) {
      return tooLarge(tooLarge);
    }
    JacksonException json = cause(ex, JacksonException.class);
    InvalidRequest invalid = cause(ex, InvalidRequest.class);
    if (invalid != null) {
      // a record refused its values while the body was bound: name its fields from the body's root
      String at = json == null ? "" : JsonBodyErrors.field(json);
      List<FieldError> errors = invalid.errors().stream()
          .map(e -> new FieldError(at.isEmpty() ? e.field() : at + "." + e.field(), e.detail())).toList();
      return ResponseEntity.status(invalid.unprocessable() ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.BAD_REQUEST)
          .body(fieldProblem(invalid.unprocessable() ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.BAD_REQUEST,
              invalid.unprocessable() ? "inconsistent-request" : "invalid-request", "Invalid request", errors));
    }
    if (json != null) {
      FieldError error = JsonBodyErrors.describe(json);
      IllegalArgumentException refused = cause(ex, IllegalArgumentException.class);
      if (refused != null && refused.getMessage() != null && !looksInternal(refused.getMessage())) {
        error = new FieldError(error.field(), refused.getMessage());
      }
      return ResponseEntity.badRequest().body(fieldProblem(HttpStatus.BAD_REQUEST, "malformed-request",
          "Malformed request", List.of(error)));
    }
    return ResponseEntity.badRequest().body(ProblemWriter.problem(HttpStatus.BAD_REQUEST, "malformed-request",
        "Malformed request", "The request needs a JSON body (Content-Type: application/json)."));
  }

  /** A body streamed without a length grew past the limit while a controller read it. */
  @ExceptionHandler
  ResponseEntity<Object> bodyTooLarge(RequestSizeLimit.BodyTooLarge e) {
    return tooLarge(e);
  }

  /**
   * A multipart body Tomcat cannot parse: no boundary in the Content-Type, or a truncated part. Spring
   * parses multipart bodies before it looks for a controller, so this applies to every path.
   */
  @ExceptionHandler
  ProblemDetail unparseableMultipart(MultipartException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String why = root.getMessage() == null || looksInternal(root.getMessage()) ? "it is malformed" : root.getMessage();
    return ProblemWriter.problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
        "The multipart/form-data body could not be parsed (" + why + "); send a Content-Type with a boundary, "
            + "for example 'multipart/form-data; boundary=x', and parts separated by it.");
  }

  /** Tomcat refuses a query string it cannot parse (a parameter without a name, a bad %-escape) when it is read. */
  @ExceptionHandler
  ProblemDetail unparseableParameters(InvalidParameterException e) {
    String why = e.getMessage() == null || looksInternal(e.getMessage()) ? "" : " (" + abbreviate(e.getMessage()) + ")";
    return ProblemWriter.problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
        "The query string could not be parsed" + why + "; send name=value pairs separated by '&', with names and "
            + "values %-encoded.");
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String sent = request.getHeader(HttpHeaders.CONTENT_TYPE);
    List<String> accepted = ex.getSupportedMediaTypes().stream()
        .filter(t -> !t.isWildcardType() && !t.getSubtype().contains("*"))
        .map(t -> t.getType() + "/" + t.getSubtype()).distinct().toList();
    String send = accepted.isEmpty() ? MediaType.APPLICATION_JSON_VALUE : String.join(" or ", accepted);
    String detail = sent == null || sent.isBlank()
        ? "The request body has no Content-Type; send it as " + send + "."
        : "Content-Type '" + abbreviate(sent) + "' is not accepted here; send the body as " + send + ".";
    ProblemDetail p = ProblemWriter.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
        "Unsupported media type", detail);
    p.setProperty("accepted", accepted.isEmpty() ? List.of(MediaType.APPLICATION_JSON_VALUE) : accepted);
    return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).headers(headers).body(p);
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    // the answer cannot honour the Accept header either way: say so in the one format there is
    return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(ProblemWriter.problem(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "Not acceptable",
            "This API answers application/json (errors as application/problem+json); send Accept: application/json."));
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    Set<HttpMethod> allowed = ex.getSupportedHttpMethods() == null ? Set.of() : ex.getSupportedHttpMethods();
    String list = allowed.stream().map(HttpMethod::name).sorted().collect(Collectors.joining(", "));
    ProblemDetail p = ProblemWriter.problem(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed",
        ex.getMethod() + " is not allowed on " + path(request) + (list.isEmpty() ? "." : "; allowed: " + list + "."));
    return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).headers(headers).body(p);
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).headers(headers).body(ProblemWriter.problem(HttpStatus.NOT_FOUND,
        "not-found", "Not found", "There is no " + ex.getHttpMethod().name() + " " + path(request)
            + "; the API is described at /v3/api-docs."));
  }

  /** No handler at all (only {@code /ui/assets/**} is served as files, so other paths end here). */
  @Override
  protected @Nullable ResponseEntity<Object> handleNoHandlerFoundException(NoHandlerFoundException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).headers(headers).body(ProblemWriter.problem(HttpStatus.NOT_FOUND,
        "not-found", "Not found", "There is no " + ex.getHttpMethod() + " " + path(request)
            + "; the API is described at /v3/api-docs."));
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    String name = ex instanceof MethodArgumentTypeMismatchException m ? m.getName()
        : ex.getPropertyName() == null ? "parameter" : ex.getPropertyName();
    String value = String.valueOf(ex.getValue());
    ProblemDetail p = ProblemWriter.problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
        "'" + name + "' must be " + JsonBodyErrors.expected(ex.getRequiredType(), null) + ", was '" + abbreviate(value) + "'");
    p.setProperty("field", name);
    p.setProperty("errors", List.of(new FieldError(name, "must be " + JsonBodyErrors.expected(ex.getRequiredType(), null))));
    return ResponseEntity.badRequest().body(p);
  }

  /** Every other problem Spring MVC makes gets a type, and no detail that names Java types. */
  @Override
  protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
      HttpStatusCode statusCode, WebRequest request) {
    if (body == null && ex instanceof ErrorResponse error) {
      body = error.updateAndGetBody(getMessageSource(), LocaleContextHolder.getLocale());
    }
    if (body instanceof ProblemDetail p) {
      if (p.getType() == null || "about:blank".equals(p.getType().toString())) {
        p.setType(java.net.URI.create(ProblemWriter.TYPES + typeOf(statusCode.value())));
      }
      if (p.getDetail() != null && looksInternal(p.getDetail())) {
        p.setDetail(HttpStatus.resolve(statusCode.value()) == null ? "The request was refused."
            : HttpStatus.resolve(statusCode.value()).getReasonPhrase() + ".");
      }
    }
    return super.handleExceptionInternal(ex, body, headers, statusCode, request);
  }

  private static ProblemDetail fieldProblem(HttpStatus status, String type, String title, List<FieldError> errors) {
    String detail = errors.stream().map(e -> e.field().isEmpty() ? "The body " + e.detail() : "'" + e.field() + "' " + e.detail())
        .collect(Collectors.joining("; "));
    ProblemDetail p = ProblemWriter.problem(status, type, title, detail);
    List<FieldError> named = new ArrayList<>(errors.stream().filter(e -> !e.field().isEmpty()).toList());
    if (!named.isEmpty()) {
      p.setProperty("field", named.getFirst().field());
    }
    p.setProperty("errors", errors);
    return p;
  }

  private static ResponseEntity<Object> tooLarge(RequestSizeLimit.BodyTooLarge e) {
    return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(RequestSizeLimit.problem(e.limit()));
  }

  static String typeOf(int status) {
    return switch (status) {
      case 400 -> "malformed-request";
      case 401 -> "unauthenticated";
      case 403 -> "forbidden";
      case 404 -> "not-found";
      case 405 -> "method-not-allowed";
      case 406 -> "not-acceptable";
      case 409 -> "conflict";
      case 413 -> "body-too-large";
      case 415 -> "unsupported-media-type";
      case 422 -> "inconsistent-request";
      case 503 -> "unavailable";
      default -> status >= 500 ? "internal-error" : "invalid-request";
    };
  }

  /** True for messages that name Java classes or packages, which mean nothing to a caller. */
  static boolean looksInternal(String message) {
    return JAVA_NAME.matcher(message).find() || message.contains("`") || message.contains("Exception");
  }

  private static String path(WebRequest request) {
    if (request instanceof NativeWebRequest n && n.getNativeRequest() instanceof HttpServletRequest http) {
      return abbreviate(http.getRequestURI());
    }
    return "this path";
  }

  private static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 117) + "...";
  }

  private static <T extends Throwable> @Nullable T cause(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }
}
