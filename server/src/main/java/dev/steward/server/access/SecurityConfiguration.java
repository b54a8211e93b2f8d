package dev.steward.server.access;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Who may call what: reading needs any role, registering needs {@code ml-engineer} or {@code admin},
 * {@code /api/v1/admin/**} needs {@code admin}; scored traffic and labels may also come from a service
 * token with role {@code ingest}; decisions need {@code reviewer}, rollbacks and rollout controls
 * (promote, abort, pause, resume) {@code oncall}. Health and
 * the OpenAPI document are open.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {
  private static final String[] ANY_ROLE = {"ml-engineer", "reviewer", "oncall", "admin"};

  @Bean
  SecurityFilterChain api(HttpSecurity http, AccessTokens tokens) throws Exception {
    ProblemResponses problems = new ProblemResponses();
    http.csrf(c -> c.disable())
        .httpBasic(b -> b.disable())
        .formLogin(f -> f.disable())
        .logout(l -> l.disable())
        .requestCache(c -> c.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(a -> a
            .requestMatchers("/actuator/health/**", "/actuator/health", "/v3/api-docs/**", "/v3/api-docs",
                "/swagger-ui/**", "/swagger-ui.html", "/error").permitAll()
            .requestMatchers("/api/v1/admin/**").hasRole("admin")
            // KServe's payload logger sends no bearer token: the path carries a key the drift module checks
            .requestMatchers(HttpMethod.POST, "/api/v1/drift/kserve/**").permitAll()
            .requestMatchers(HttpMethod.POST, "/api/v1/drift/rows", "/api/v1/drift/labels")
                .hasAnyRole("ingest", "ml-engineer", "admin")
            // comparing two samples changes nothing, so any role may
            .requestMatchers(HttpMethod.POST, "/api/v1/drift/compare").hasAnyRole(ANY_ROLE)
            .requestMatchers(HttpMethod.POST, "/api/v1/promotions/*/decisions").hasAnyRole("reviewer", "admin")
            .requestMatchers(HttpMethod.POST, "/api/v1/deployments/*/*/rollback", "/api/v1/deployments/*/*/promote",
                "/api/v1/deployments/*/*/abort", "/api/v1/deployments/*/*/pause", "/api/v1/deployments/*/*/resume")
                .hasAnyRole("oncall", "admin")
            .requestMatchers(HttpMethod.GET, "/api/v1/**").hasAnyRole(ANY_ROLE)
            .requestMatchers(HttpMethod.POST, "/api/v1/**").hasAnyRole("ml-engineer", "admin")
            .requestMatchers(HttpMethod.PUT, "/api/v1/**").hasAnyRole("ml-engineer", "admin")
            .requestMatchers(HttpMethod.DELETE, "/api/v1/**").hasAnyRole("ml-engineer", "admin")
            .anyRequest().hasAnyRole(ANY_ROLE))
        .addFilterBefore(new ApiTokenFilter(tokens, problems), AnonymousAuthenticationFilter.class)
        .exceptionHandling(e -> e
            .authenticationEntryPoint((request, response, ex) -> problems.write(response, 401, "unauthenticated",
                "Unauthenticated", "This call needs 'Authorization: Bearer <token>'."))
            .accessDeniedHandler((request, response, ex) -> problems.write(response, 403, "forbidden", "Forbidden",
                "Your roles do not allow " + request.getMethod() + " " + request.getRequestURI() + ".")));
    return http.build();
  }
}
