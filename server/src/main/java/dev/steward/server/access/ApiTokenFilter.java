package dev.steward.server.access;

import dev.steward.server.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>} against the API tokens, and a retrain run's token
 * ({@code stwr_...}) through {@link RunTokenAccess}; an OIDC JWT is verified before, by the resource server. A missing header leaves the
 * request anonymous (the authorization rules then answer 401); a wrong token is answered 401 at once.
 */
class ApiTokenFilter extends OncePerRequestFilter {
  private final AccessTokens tokens;
  private final @Nullable RunTokenAccess runs;

  ApiTokenFilter(AccessTokens tokens, @Nullable RunTokenAccess runs) {
    this.tokens = tokens;
    this.runs = runs;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    var earlier = SecurityContextHolder.getContext().getAuthentication();
    if (header == null || (earlier != null && earlier.isAuthenticated())) {
      // no token (the rules answer 401), or a JWT the resource server already verified
      chain.doFilter(request, response);
      return;
    }
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
      unauthenticated(response, "The Authorization header must be 'Bearer <token>'.");
      return;
    }
    String token = header.substring(7).strip();
    if (runs != null && RunTokenAccess.isRunToken(token)) {
      runs.filter(token, request, response, chain);
      return;
    }
    var identity = tokens.authenticate(token);
    if (identity.isEmpty()) {
      unauthenticated(response, "The bearer token is not valid: it was never issued or has been revoked.");
      return;
    }
    List<SimpleGrantedAuthority> authorities = identity.get().roles().stream()
        .map(r -> new SimpleGrantedAuthority("ROLE_" + r.id()))
        .toList();
    var authentication = UsernamePasswordAuthenticationToken.authenticated(identity.get().principal(), null, authorities);
    authentication.setDetails(identity.get());
    var context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(authentication);
    SecurityContextHolder.setContext(context);
    try {
      chain.doFilter(request, response);
    } finally {
      SecurityContextHolder.clearContext();
    }
  }

  private static void unauthenticated(HttpServletResponse response, String detail) throws IOException {
    ProblemWriter.write(response, ProblemWriter.problem(HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated",
        detail));
  }
}
