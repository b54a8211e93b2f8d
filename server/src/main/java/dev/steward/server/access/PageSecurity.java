package dev.steward.server.access;

import dev.steward.ui.ActionRoles;
import dev.steward.ui.PageAction;
import dev.steward.ui.PageActions;
import dev.steward.ui.SignInOptions;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The web pages' own filter chain, beside the API's ({@link SecurityConfiguration}): a session after signing in
 * (with an API token in a form, or through OIDC when {@code spring.security.oauth2.client.registration.*} is
 * configured), CSRF tokens on every form, sign-out, and headers that keep the pages from running anything but their
 * own scripts or being framed. Which roles may use a page's form comes from the REST call it stands for
 * ({@link PageActions}, answered by {@link AccessRules}), so the pages and the API cannot disagree.
 */
@Configuration(proxyBeanMethods = false)
class PageSecurity {
  private static final Logger LOG = LoggerFactory.getLogger(PageSecurity.class);

  /** No inline script or style anywhere; only Steward's own files; never in a frame. */
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

  static final String[] PATHS = {"/", "/ui", "/ui/**", "/login", "/logout", "/oauth2/**", "/login/oauth2/**",
      "/webjars/**"};

  @Bean
  ActionRoles actionRoles() {
    return PageSecurity::roles;
  }

  static List<String> roles(PageAction action) {
    return AccessRules.decide(HttpMethod.valueOf(action.apiMethod()), action.api())
        .map(AccessRules.Rule::roleIds)
        .orElseThrow(() -> new IllegalStateException("No access rule covers " + action.apiMethod() + " " + action.api()
            + ", which the page form " + action.page() + " stands for."));
  }

  @Bean
  SignInOptions signInOptions(ObjectProvider<ClientRegistrationRepository> clients) {
    return () -> {
      List<SignInOptions.Provider> providers = new ArrayList<>();
      if (clients.getIfAvailable() instanceof Iterable<?> registrations) {
        for (Object r : registrations) {
          ClientRegistration c = (ClientRegistration) r;
          providers.add(new SignInOptions.Provider(c.getClientName(), "/oauth2/authorization/" + c.getRegistrationId()));
        }
      }
      return providers;
    };
  }

  @Bean
  @Order(1)
  SecurityFilterChain pages(HttpSecurity http, AccessTokens tokens, OidcIdentities identities,
      ObjectProvider<ClientRegistrationRepository> clients) throws Exception {
    String[] readers = roles(PageActions.READ).toArray(String[]::new);
    http.securityMatcher(PATHS)
        .authorizeHttpRequests(a -> {
          a.dispatcherTypeMatchers(DispatcherType.FORWARD, DispatcherType.ERROR).permitAll();
          a.requestMatchers("/login", "/ui/assets/**", "/webjars/**").permitAll();
          for (PageAction action : PageActions.ALL) {
            a.requestMatchers(HttpMethod.POST, action.page()).hasAnyRole(roles(action).toArray(String[]::new));
          }
          a.anyRequest().hasAnyRole(readers);
        })
        .authenticationProvider(new TokenSignIn(tokens))
        .formLogin(f -> f.loginPage("/login").usernameParameter("principal").passwordParameter("token")
            .defaultSuccessUrl("/ui", false).failureUrl("/login?error"))
        .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
        .headers(h -> h
            .contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY))
            .frameOptions(f -> f.deny())
            .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
        .exceptionHandling(e -> e
            .authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login"))
            .accessDeniedHandler(PageSecurity::denied))
        .addFilterAfter(new RevokedTokenSessions(tokens),
            org.springframework.security.web.context.SecurityContextHolderFilter.class);
    if (clients.getIfAvailable() != null) {
      http.oauth2Login(o -> o.loginPage("/login").failureUrl("/login?error").defaultSuccessUrl("/ui", false)
          .userInfoEndpoint(u -> u.oidcUserService(oidcUsers(identities))));
    }
    return http.build();
  }

  /** Signs in with an API token typed into the form: the token's principal and roles, for this session. */
  record TokenSignIn(AccessTokens tokens) implements AuthenticationProvider {
    @Override
    public Authentication authenticate(Authentication authentication) {
      Object credentials = authentication.getCredentials();
      String token = credentials == null ? "" : credentials.toString().strip();
      if (token.isEmpty()) {
        throw new BadCredentialsException("Enter an API token (stw_...).");
      }
      Identity identity = tokens.authenticate(token).orElseThrow(() -> new BadCredentialsException(
          "That API token is not valid: it was never issued or has been revoked."));
      List<SimpleGrantedAuthority> authorities = identity.roles().stream()
          .map(r -> new SimpleGrantedAuthority("ROLE_" + r.id())).toList();
      var signedIn = UsernamePasswordAuthenticationToken.authenticated(identity.principal(), null, authorities);
      signedIn.setDetails(identity);
      LOG.info("{} signed in to the pages with API token {}.", identity.principal(), identity.tokenId());
      return signedIn;
    }

    @Override
    public boolean supports(Class<?> authentication) {
      return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
  }

  /**
   * OIDC sign-in: the ID token's (and user info's) claims give the principal and roles ({@link OidcIdentities}); an
   * invalid principal, or groups that give no role, refuse the sign-in with a message on the sign-in page.
   */
  static OAuth2UserService<OidcUserRequest, OidcUser> oidcUsers(OidcIdentities identities) {
    OidcUserService delegate = new OidcUserService();
    return request -> {
      OidcUser user = delegate.loadUser(request);
      OidcIdentities.Resolved r;
      try {
        r = identities.resolve(user.getClaims());
      } catch (OidcIdentities.InvalidPrincipal e) {
        throw new OAuth2AuthenticationException(new OAuth2Error("invalid_principal", e.getMessage(), null),
            e.getMessage());
      }
      if (r.roles().isEmpty()) {
        String why = "You signed in as " + r.principal() + ", but Steward gives you no role. " + identities.noRole(r);
        throw new OAuth2AuthenticationException(new OAuth2Error("no_role", why, null), why);
      }
      List<GrantedAuthority> authorities = new ArrayList<>();
      r.roles().forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role.id())));
      LOG.info("{} signed in to the pages through OIDC with roles {}.", r.principal(), r.roles());
      return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), principalKey(user, r));
    };
  }

  private static String principalKey(OidcUser user, OidcIdentities.Resolved r) {
    return user.getClaims().entrySet().stream().filter(e -> r.principal().equals(e.getValue())).map(e -> e.getKey())
        .findFirst().orElse("sub");
  }

  /**
   * A refused page request: a form without a valid CSRF token, or roles that do not allow the form. The page says
   * which, and that nothing changed.
   */
  static void denied(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException, jakarta.servlet.ServletException {
    String reason;
    if (e instanceof CsrfException) {
      reason = "The form was not accepted: it carries no valid CSRF token (the page is old, your session ended, or the "
          + "form was not sent from Steward's own page). Nothing was changed; reload the page and try again.";
    } else {
      String path = request.getRequestURI().substring(request.getContextPath().length());
      PageAction action = "POST".equals(request.getMethod()) ? PageActions.of(path).orElse(PageActions.READ)
          : PageActions.READ;
      Set<String> held = new TreeSet<>();
      Authentication auth = org.springframework.security.core.context.SecurityContextHolder.getContext()
          .getAuthentication();
      if (auth != null) {
        auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).filter(a -> a.startsWith("ROLE_"))
            .map(a -> a.substring(5)).forEach(held::add);
      }
      reason = capitalised(action.what()) + " needs one of the roles " + String.join(", ", roles(action))
          + "; you have " + (held.isEmpty() ? "no role" : String.join(", ", held)) + ". Nothing was changed.";
    }
    LOG.info("Refused page request {} {}: {}", request.getMethod(), request.getRequestURI(), reason);
    request.setAttribute(PageActions.DENIED_REASON, reason);
    request.getRequestDispatcher(PageActions.DENIED_PAGE).forward(request, response);
  }

  private static String capitalised(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
