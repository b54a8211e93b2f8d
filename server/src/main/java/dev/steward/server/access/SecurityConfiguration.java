package dev.steward.server.access;

import dev.steward.retrain.RunTokens;
import dev.steward.server.web.ProblemWriter;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Enforces {@link AccessRules}: reading needs any role, registering needs {@code ml-engineer} or
 * {@code admin}, {@code /api/v1/admin/**} needs {@code admin}; scored traffic and labels may also come
 * from a service token with role {@code ingest}; decisions need {@code reviewer}, rollbacks
 * and rollout controls (promote, abort, pause, resume) {@code oncall}, policies {@code policy-admin}. Health and the OpenAPI document are open. A 401 says how to authenticate, a 403 which
 * roles the call needs.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  @Bean
  OidcIdentities oidcIdentities(OidcProperties properties) {
    return new OidcIdentities(properties);
  }

  /**
   * The API (everything the pages' chain, {@link PageSecurity}, does not claim). Stateless: every call carries a
   * bearer token, an API token or, with {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} set, an OIDC
   * JWT; a browser's session cookie does not count here, so the API needs no CSRF protection.
   */
  @Bean
  @Order(2)
  SecurityFilterChain api(HttpSecurity http, AccessTokens tokens, ObjectProvider<RunTokens> runTokens,
      ObjectProvider<JwtDecoder> jwtDecoder, OidcIdentities identities) throws Exception {
    RunTokens runs = runTokens.getIfAvailable();
    JwtBearer jwt = new JwtBearer(identities);
    if (jwtDecoder.getIfAvailable() != null) {
      http.oauth2ResourceServer(o -> o
          .bearerTokenResolver(JwtBearer.jwtOnly())
          .jwt(j -> j.decoder(jwtDecoder.getObject()).jwtAuthenticationConverter(jwt.converter()))
          .authenticationEntryPoint(JwtBearer.entryPoint())
          .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
            @Override
            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
              filter.setAuthenticationFailureHandler(JwtBearer.failureHandler());
              return filter;
            }
          }));
    }
    http.csrf(c -> c.disable())
        .httpBasic(b -> b.disable())
        .formLogin(f -> f.disable())
        .logout(l -> l.disable())
        .requestCache(c -> c.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(a -> {
          for (AccessRules.Rule rule : AccessRules.RULES) {
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizedUrl url = a.requestMatchers(rule.matcher());
            if (rule.open()) {
              url.permitAll();
            } else {
              url.hasAnyRole(rule.roleIds().toArray(String[]::new));
            }
          }
        })
        .addFilterBefore(new ApiTokenFilter(tokens, runs == null ? null : new RunTokenAccess(runs)),
            AnonymousAuthenticationFilter.class)
        .exceptionHandling(e -> e
            .authenticationEntryPoint((request, response, ex) -> ProblemWriter.write(response,
                ProblemWriter.problem(HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated",
                    "This call needs 'Authorization: Bearer <token>'.")))
            .accessDeniedHandler((request, response, ex) -> {
              AccessRules.Rule rule = AccessRules.decide(request);
              Set<String> held = new TreeSet<>();
              Authentication auth = SecurityContextHolder.getContext().getAuthentication();
              if (auth != null) {
                auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                    .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5)).forEach(held::add);
              }
              String noRole = auth == null ? null : jwt.noRole(auth.getDetails());
              ProblemDetail p = ProblemWriter.problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                  request.getMethod() + " " + request.getRequestURI() + " needs " + rule.describeRoles()
                      + " (" + rule.why() + "); your token has " + (held.isEmpty() ? "no role" : String.join(", ", held))
                      + "." + (noRole == null ? "" : " " + noRole));
              p.setProperty("requiredRoles", rule.roleIds());
              ProblemWriter.write(response, p);
            }));
    return http.build();
  }
}
