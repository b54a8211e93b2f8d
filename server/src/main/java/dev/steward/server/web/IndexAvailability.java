package dev.steward.server.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.BooleanSupplier;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 503 with {@code Retry-After} to API calls while the registry index is rebuilt from Git. Until
 * the rebuild completes the index is missing entities and tokens, so any answer from it would be wrong;
 * the call that started the rebuild is already past this filter and waits for it.
 */
public class IndexAvailability extends OncePerRequestFilter {
  static final int RETRY_AFTER_SECONDS = 5;

  private final BooleanSupplier rebuilding;

  public IndexAvailability(BooleanSupplier rebuilding) {
    this.rebuilding = rebuilding;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!rebuilding.getAsBoolean()) {
      chain.doFilter(request, response);
      return;
    }
    response.setHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
    ProblemWriter.write(response, ProblemWriter.problem(HttpStatus.SERVICE_UNAVAILABLE, "index-rebuilding",
        "Index being rebuilt", "The registry index is being rebuilt from the lineage repository; retry in "
            + RETRY_AFTER_SECONDS + " seconds."));
  }
}
