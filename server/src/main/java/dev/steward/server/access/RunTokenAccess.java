package dev.steward.server.access;

import dev.steward.registry.ProducedBy;
import dev.steward.retrain.RunAuthentication;
import dev.steward.retrain.RunIdentity;
import dev.steward.retrain.RunTokens;
import dev.steward.server.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.PathContainer;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Authenticates a retrain run's token ({@code stwr_...}) through the retrain module's {@link RunTokens}, as
 * role {@code retrain-run} with principal {@code retrain-run:<id>}. The access rules keep such a token to three
 * calls; this class checks what the rules cannot: a registration names the run's own model, and a run registers
 * one version at most (reserved before the call, given back if it is refused); a status report names the
 * run's own id. The version registered records {@code producedBy.retrainRun} from here, never from the body.
 * An MLflow import names its model in the body or in MLflow, so the import makes the same checks itself, with the
 * same reservation ({@code RunTokens.claimVersion}), from the {@link RunIdentity} left here.
 */
final class RunTokenAccess {
  private static final PathPattern REGISTER = PathPatternParser.defaultInstance.parse("/api/v1/models/{model}/versions");
  private static final PathPattern STATUS = PathPatternParser.defaultInstance.parse("/api/v1/retrain/runs/{id}/status");

  private final RunTokens tokens;

  RunTokenAccess(RunTokens tokens) {
    this.tokens = tokens;
  }

  static boolean isRunToken(String token) {
    return token.startsWith(RunTokens.PREFIX);
  }

  void filter(String token, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    RunIdentity identity;
    switch (tokens.authenticate(token)) {
      case RunAuthentication.Valid valid -> identity = valid.identity();
      case RunAuthentication.Ended ended -> {
        problem(response, HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated",
            "The run token no longer counts: " + ended.reason() + ".");
        return;
      }
      case RunAuthentication.Unknown unknown -> {
        problem(response, HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated",
            "The bearer token is not valid: it was never issued or has been revoked.");
        return;
      }
    }
    PathContainer path = PathContainer.parsePath(request.getRequestURI().substring(request.getContextPath().length()));
    boolean post = "POST".equals(request.getMethod());
    PathPattern.PathMatchInfo register = post ? REGISTER.matchAndExtract(path) : null;
    PathPattern.PathMatchInfo status = post ? STATUS.matchAndExtract(path) : null;
    if (register != null && !identity.model().equals(register.getUriVariables().get("model"))) {
      problem(response, HttpStatus.FORBIDDEN, "run-token-refused", "Run token refused", "This run token registers "
          + "versions of model " + identity.model() + " only (retrain run " + identity.runId() + "), not of "
          + register.getUriVariables().get("model") + ".");
      return;
    }
    if (status != null && !identity.runId().equals(status.getUriVariables().get("id"))) {
      problem(response, HttpStatus.FORBIDDEN, "run-token-refused", "Run token refused", "This run token reports the "
          + "status of retrain run " + identity.runId() + " only, not of " + status.getUriVariables().get("id") + ".");
      return;
    }
    boolean claimed = false;
    if (register != null) {
      if (!tokens.claimRegistration(identity.runId())) {
        problem(response, HttpStatus.CONFLICT, "conflict", "Conflict", "Retrain run " + identity.runId()
            + " has registered its model version already (or is registering it now); a run registers one version.");
        return;
      }
      claimed = true;
      request.setAttribute(ProducedBy.REQUEST_ATTRIBUTE, new ProducedBy(identity.runId()));
    }
    request.setAttribute(RunIdentity.REQUEST_ATTRIBUTE, identity);
    var authentication = UsernamePasswordAuthenticationToken.authenticated(identity.principal(), null,
        List.of(new SimpleGrantedAuthority("ROLE_" + Role.RETRAIN_RUN.id())));
    authentication.setDetails(new Identity(identity.principal(), Set.of(Role.RETRAIN_RUN), "run:" + identity.runId()));
    var context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(authentication);
    SecurityContextHolder.setContext(context);
    boolean registered = false;
    try {
      chain.doFilter(request, response);
      registered = response.getStatus() < 300;
    } finally {
      SecurityContextHolder.clearContext();
      if (claimed && !registered) {
        tokens.releaseRegistration(identity.runId());
      }
    }
  }

  private static void problem(HttpServletResponse response, HttpStatus status, String type, String title, String detail)
      throws IOException {
    ProblemDetail p = ProblemWriter.problem(status, type, title, detail);
    ProblemWriter.write(response, p);
  }
}
