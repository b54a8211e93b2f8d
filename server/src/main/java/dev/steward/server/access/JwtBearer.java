package dev.steward.server.access;

import dev.steward.server.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * OIDC JWT bearer tokens on the API, beside API tokens: a bearer value shaped like a JWT (three dot-separated parts,
 * not {@code stw_...}) goes to Spring Security's resource server, everything else to {@link ApiTokenFilter}. The
 * token's principal claim becomes the actor (checked by {@link OidcIdentities}), its groups the roles.
 */
final class JwtBearer {
  private static final Logger LOG = LoggerFactory.getLogger(JwtBearer.class);
  private final OidcIdentities identities;

  JwtBearer(OidcIdentities identities) {
    this.identities = identities;
  }

  /** Picks JWTs only, so API tokens never reach the JWT decoder. */
  static BearerTokenResolver jwtOnly() {
    return (HttpServletRequest request) -> {
      String header = request.getHeader("Authorization");
      if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        return null;
      }
      String token = header.substring(7).strip();
      return looksLikeJwt(token) ? token : null;
    };
  }

  static boolean looksLikeJwt(String token) {
    return !token.startsWith("stw") && token.chars().filter(c -> c == '.').count() == 2;
  }

  /** The authentication of a verified JWT: principal and roles, or a 401 saying why the principal is refused. */
  Converter<Jwt, AbstractAuthenticationToken> converter() {
    return jwt -> {
      OidcIdentities.Resolved r;
      try {
        r = identities.resolve(jwt.getClaims());
      } catch (OidcIdentities.InvalidPrincipal e) {
        throw new InvalidBearerTokenException(e.getMessage());
      }
      List<SimpleGrantedAuthority> authorities = r.roles().stream()
          .map(role -> new SimpleGrantedAuthority("ROLE_" + role.id())).toList();
      JwtAuthenticationToken token = new JwtAuthenticationToken(jwt, authorities, r.principal());
      token.setDetails(r);
      return token;
    };
  }

  /** Why a 403 happened to a JWT whose groups gave no role; null for any other caller. */
  @Nullable String noRole(@Nullable Object details) {
    return details instanceof OidcIdentities.Resolved r && r.roles().isEmpty() ? identities.noRole(r) : null;
  }

  /** A refused JWT (expired, forged, wrong issuer or audience, an invalid principal) as a 401 problem. */
  static AuthenticationEntryPoint entryPoint() {
    return (request, response, e) -> ProblemWriter.write(response, ProblemWriter.problem(HttpStatus.UNAUTHORIZED,
        "unauthenticated", "Unauthenticated", "The bearer JWT is not accepted: " + reason(e)));
  }

  /**
   * How a refused bearer JWT is answered: 401 through {@link #entryPoint()} when the token is bad, 503 when it
   * could not be checked at all because the identity provider's key set could not be fetched (Spring Security
   * reports that as an {@link AuthenticationServiceException}, which would otherwise surface as a 500).
   */
  static AuthenticationFailureHandler failureHandler() {
    AuthenticationEntryPoint unauthorized = entryPoint();
    return (request, response, e) -> {
      if (e instanceof AuthenticationServiceException) {
        LOG.warn("A bearer JWT could not be checked: {}", reason(e));
        response.setHeader("Retry-After", "30");
        ProblemWriter.write(response, ProblemWriter.problem(HttpStatus.SERVICE_UNAVAILABLE,
            "identity-provider-unavailable", "Identity provider unavailable",
            "The bearer JWT could not be checked because the identity provider's key set could not be fetched ("
                + reason(e) + ") Your token may be fine: try again shortly, or use an API token."));
        return;
      }
      unauthorized.commence(request, response, e);
    };
  }

  private static String reason(AuthenticationException e) {
    String m = e.getMessage() == null ? "it could not be verified" : e.getMessage();
    m = m.replace("An error occurred while attempting to decode the Jwt: ", "");
    return m.endsWith(".") ? m : m + ".";
  }
}
