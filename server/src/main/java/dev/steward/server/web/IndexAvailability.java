package dev.steward.server.web;

import dev.steward.registry.RegistryIndex;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 503 to API calls while the registry index cannot be trusted to answer:
 * <ul>
 * <li>while it is rebuilt from Git, with {@code Retry-After}: until the rebuild completes the index is missing
 * entities and tokens, so any answer from it would be wrong; the call that started the rebuild is already past
 * this filter and waits for it;</li>
 * <li>while it has stopped before a commit that failed verification (see {@link RegistryIndex#refusal()}), with
 * a problem naming the commit: the index is behind Git, and a write would land on top of the untrusted commit.
 * Only {@code GET /api/v1/lineage/verify} (to see what is wrong) and {@code POST /api/v1/admin/index/rebuild}
 * (to get past it once the repository is repaired) go through.</li>
 * </ul>
 */
public class IndexAvailability extends OncePerRequestFilter {
  static final int RETRY_AFTER_SECONDS = 5;

  private final BooleanSupplier rebuilding;
  private final Supplier<Optional<RegistryIndex.Refusal>> refusal;

  public IndexAvailability(BooleanSupplier rebuilding, Supplier<Optional<RegistryIndex.Refusal>> refusal) {
    this.rebuilding = rebuilding;
    this.refusal = refusal;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (rebuilding.getAsBoolean()) {
      response.setHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
      ProblemWriter.write(response, ProblemWriter.problem(HttpStatus.SERVICE_UNAVAILABLE, "index-rebuilding",
          "Index being rebuilt", "The registry index is being rebuilt from the lineage repository; retry in "
              + RETRY_AFTER_SECONDS + " seconds."));
      return;
    }
    Optional<RegistryIndex.Refusal> refused = refusal.get();
    if (refused.isEmpty() || allowedWhileRefused(request)) {
      chain.doFilter(request, response);
      return;
    }
    RegistryIndex.Refusal r = refused.get();
    ProblemDetail p = ProblemWriter.problem(HttpStatus.SERVICE_UNAVAILABLE, "untrusted-commit",
        "Untrusted commit in the registry repository", "Commit " + r.commitId()
            + " of the registry repository failed verification: " + r.reason() + " The index stops at "
            + (r.lastIndexedCommit() == null ? "an empty registry" : "commit " + r.lastIndexedCommit())
            + " and serves no calls until the commit is removed from main (or the key that signed it is trusted,"
            + " see steward.lineage.signing) and the index is rebuilt (POST /api/v1/admin/index/rebuild) or"
            + " Steward restarted. GET /api/v1/lineage/verify lists every problem.");
    p.setProperty("commit", r.commitId());
    p.setProperty("reason", r.reason());
    if (r.lastIndexedCommit() != null) {
      p.setProperty("lastIndexedCommit", r.lastIndexedCommit());
    }
    ProblemWriter.write(response, p);
  }

  private static boolean allowedWhileRefused(HttpServletRequest request) {
    String path = request.getRequestURI();
    return ("GET".equals(request.getMethod()) && "/api/v1/lineage/verify".equals(path))
        || ("POST".equals(request.getMethod()) && "/api/v1/admin/index/rebuild".equals(path));
  }
}
