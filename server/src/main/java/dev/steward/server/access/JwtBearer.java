package dev.steward.server.access;

import dev.steward.server.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * OIDC JWT bearer tokens on the API, beside API tokens: a bearer value shaped like a JWT (three dot-separated parts,
 * not {@code stw_...}) goes to Spring Security's resource server, everything else to {@link ApiTokenFilter}. The
 * token's principal claim becomes the actor (checked by {@link OidcIdentities}), its groups the roles.
 */
final class JwtBearer {
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

  private static String reason(AuthenticationException e) {
    String m = e.getMessage() == null ? "it could not be verified" : e.getMessage();
    m = m.replace("An error occurred while attempting to decode the Jwt: ", "");
    return m.endsWith(".") ? m : m + ".";
  }
}
