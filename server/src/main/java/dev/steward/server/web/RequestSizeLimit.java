package dev.steward.server.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over the configured size with 413, whether the client declared the length or
 * streams the body chunked (then the read fails once the limit is passed and the request is refused).
 */
public class RequestSizeLimit extends OncePerRequestFilter {
  private final long defaultLimit;
  private final String largerPrefix;
  private final long largerLimit;

  /**
   * @param defaultLimit the most bytes a request body may have
   * @param largerPrefix requests under this path (traffic batches, reference samples) may send up to {@code largerLimit}
   */
  public RequestSizeLimit(long defaultLimit, String largerPrefix, long largerLimit) {
    this.defaultLimit = defaultLimit;
    this.largerPrefix = largerPrefix;
    this.largerLimit = largerLimit;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long limit = request.getRequestURI().startsWith(largerPrefix) ? largerLimit : defaultLimit;
    if (request.getContentLengthLong() > limit) {
      reject(response, limit);
      return;
    }
    if (request.getContentLengthLong() >= 0) {
      chain.doFilter(request, response);
      return;
    }
    try {
      chain.doFilter(new Limited(request, limit), response);
    } catch (ServletException | IOException | RuntimeException e) {
      // normally ApiProblems answers 413 before this; a reader that escaped it still gets a problem
      if (!hasCause(e, BodyTooLarge.class)) {
        throw e;
      }
      if (!response.isCommitted()) {
        response.reset();
        reject(response, limit);
      }
    }
  }

  private static boolean hasCause(Throwable t, Class<?> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  private static void reject(HttpServletResponse response, long limit) throws IOException {
    ProblemWriter.write(response, problem(limit));
  }

  /** The 413 answer, with or without a declared length. */
  static ProblemDetail problem(long limit) {
    return ProblemWriter.problem(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "Request body too large",
        "The request body is larger than the limit of " + limit + " bytes (steward.max-request-size, or "
            + "steward.max-traffic-request-size under /api/v1/drift); send less per request.");
  }

  /** Thrown by the body's stream once more than the limit has been read. */
  static final class BodyTooLarge extends IOException {
    private final long limit;

    BodyTooLarge(long limit) {
      super("request body larger than " + limit + " bytes");
      this.limit = limit;
    }

    long limit() {
      return limit;
    }
  }

  private static final class Limited extends HttpServletRequestWrapper {
    private final long limit;

    Limited(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      ServletInputStream in = super.getInputStream();
      return new ServletInputStream() {
        private long read;

        @Override
        public int read() throws IOException {
          int b = in.read();
          if (b >= 0) {
            count(1);
          }
          return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
          int n = in.read(buf, off, len);
          if (n > 0) {
            count(n);
          }
          return n;
        }

        private void count(int n) throws IOException {
          read += n;
          if (read > limit) {
            throw new BodyTooLarge(limit);
          }
        }

        @Override
        public boolean isFinished() {
          return in.isFinished();
        }

        @Override
        public boolean isReady() {
          return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
          in.setReadListener(listener);
        }
      };
    }
  }
}
