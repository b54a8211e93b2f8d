package dev.steward.server.ha;

import dev.steward.server.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * On a follower, sends every API call that may write to the leader and relays its answer unchanged: the
 * method, path, query, headers (the caller's token included: the leader authenticates and authorizes) and
 * body. Reads are served here. While no leader is known (a takeover) the call waits, up to the forward
 * timeout; if this replica becomes the leader meanwhile it serves the call itself. A call the leader never
 * received (connection refused) is sent again to the next leader; one that broke after it was sent is
 * answered 502, never repeated: it may have been recorded.
 */
final class WriteForwarding extends OncePerRequestFilter {
  private static final Logger LOG = LoggerFactory.getLogger(WriteForwarding.class);
  /** Marks a forwarded call, so that a replica that is no longer the leader does not pass it on again. */
  static final String FORWARDED = "Steward-Forwarded-By";
  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
  /** Reads that look at the local clone of the repository rather than the shared index. */
  private static final Set<String> GIT_READS = Set.of("/api/v1/lineage/verify");
  private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-connection",
      "transfer-encoding", "te", "trailer", "upgrade", "host", "content-length", "expect", "http2-settings");
  private static final Set<String> NOT_RELAYED = Set.of("connection", "keep-alive", "transfer-encoding",
      "content-length", "trailer", "upgrade", ":status");

  private final BooleanSupplier leading;
  private final Leaders leaders;
  private final URI self;
  private final List<String> localPaths;
  private final Duration timeout;
  private final long maxBody;
  private final HttpClient http;

  WriteForwarding(BooleanSupplier leading, Leaders leaders, URI self, List<String> localPaths, Duration timeout,
      long maxBody) {
    this.leading = leading;
    this.leaders = leaders;
    this.self = self;
    this.localPaths = List.copyOf(localPaths);
    this.timeout = timeout;
    this.maxBody = maxBody;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2)).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (leading.getAsBoolean() || !forwards(request)) {
      chain.doFilter(request, response);
      return;
    }
    if (request.getHeader(FORWARDED) != null) {
      // sent here by a replica that took this one for the leader: the caller's next try finds the new one
      response.setHeader("Retry-After", "1");
      ProblemWriter.write(response, ProblemWriter.problem(HttpStatus.SERVICE_UNAVAILABLE, "not-leader",
          "Leadership moved", "This replica no longer writes the registry; nothing was recorded. Send the call"
              + " again: it reaches the new leader."));
      return;
    }
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBody + 1));
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (leading.getAsBoolean()) {
        // became the leader while the call waited: serve it here, with the body already read
        chain.doFilter(new BufferedRequest(request, body), response);
        return;
      }
      Optional<Leaders.Leader> leader = leaders.current();
      if (leader.isPresent() && !leader.get().url().equals(self)) {
        try {
          relay(send(request, body, leader.get().url()), response);
          return;
        } catch (ConnectException | HttpConnectTimeoutException e) {
          // the leader is gone and never saw the call: wait for the next one
          leaders.forget();
          LOG.debug("The leader at {} did not take the connection ({}); waiting for the next.", leader.get().url(),
              e.toString());
        } catch (IOException e) {
          LOG.warn("The leader at {} failed while answering a forwarded {} {}: {}", leader.get().url(),
              request.getMethod(), request.getRequestURI(), e.toString());
          ProblemWriter.write(response, ProblemWriter.problem(HttpStatus.BAD_GATEWAY, "leader-failed",
              "The leader failed", "The replica that writes the registry failed while handling this call; it may or"
                  + " may not have been recorded. Look before sending it again."));
          return;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("Interrupted while forwarding to the leader", e);
        }
      }
      if (System.nanoTime() > deadline) {
        response.setHeader("Retry-After", "5");
        ProblemWriter.write(response, ProblemWriter.problem(HttpStatus.SERVICE_UNAVAILABLE, "no-leader",
            "No leader", "No replica has written the registry for " + timeout.toSeconds() + " s (an election is"
                + " under way or the replicas cannot reach the database or the Git remote); nothing was recorded."
                + " Try again shortly."));
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("Interrupted while waiting for a leader", e);
      }
    }
  }

  private boolean forwards(HttpServletRequest request) {
    String path = request.getRequestURI();
    if (!path.startsWith("/api/")) {
      return false;
    }
    if (READS.contains(request.getMethod())) {
      return "GET".equals(request.getMethod()) && GIT_READS.contains(path);
    }
    return localPaths.stream().noneMatch(path::startsWith);
  }

  private HttpResponse<InputStream> send(HttpServletRequest request, byte[] body, URI leader)
      throws IOException, InterruptedException {
    String query = request.getQueryString();
    URI target = leader.resolve(request.getRequestURI() + (query == null ? "" : "?" + query));
    HttpRequest.Builder forward = HttpRequest.newBuilder(target).timeout(timeout)
        .method(request.getMethod(), body.length == 0 && request.getContentType() == null
            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    for (String name : Collections.list(request.getHeaderNames())) {
      if (NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) || name.equalsIgnoreCase(FORWARDED)) {
        continue;
      }
      for (String value : Collections.list(request.getHeaders(name))) {
        try {
          forward.header(name, value);
        } catch (IllegalArgumentException restricted) {
          // a header the JDK client sets itself
        }
      }
    }
    forward.header(FORWARDED, self.toString());
    forward.header("X-Forwarded-For", request.getRemoteAddr());
    return http.send(forward.build(), HttpResponse.BodyHandlers.ofInputStream());
  }

  private static void relay(HttpResponse<InputStream> answer, HttpServletResponse response) throws IOException {
    response.setStatus(answer.statusCode());
    answer.headers().map().forEach((name, values) -> {
      if (!NOT_RELAYED.contains(name.toLowerCase(Locale.ROOT))) {
        values.forEach(value -> response.addHeader(name, value));
      }
    });
    try (InputStream in = answer.body(); OutputStream out = response.getOutputStream()) {
      in.transferTo(out);
    }
  }

  /** The request with its body read already, for a call this replica serves after all. */
  private static final class BufferedRequest extends jakarta.servlet.http.HttpServletRequestWrapper {
    private final byte[] body;

    BufferedRequest(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public jakarta.servlet.ServletInputStream getInputStream() {
      java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(body);
      return new jakarta.servlet.ServletInputStream() {
        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(jakarta.servlet.ReadListener listener) {
          throw new UnsupportedOperationException("Blocking reads only");
        }

        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }
      };
    }

    @Override
    public java.io.BufferedReader getReader() {
      return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(),
          java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
