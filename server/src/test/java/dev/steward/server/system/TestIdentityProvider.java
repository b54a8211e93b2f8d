package dev.steward.server.system;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * Spring Authorization Server as the OIDC identity provider of page tests, in this JVM on 127.0.0.1: users with
 * passwords and groups (a {@code groups} claim in ID and access tokens), one client for Steward's sign-in, and a
 * signing key the test also uses to mint bearer JWTs (and a second key to forge them).
 */
final class TestIdentityProvider implements AutoCloseable {
  static final String PASSWORD = "correct horse battery staple";
  static final String CLIENT = "steward";
  static final String SECRET = "steward-test-secret";
  /** Users and their groups; {@code steward-reviewers} is mapped to role reviewer by the test's Steward. */
  static final Map<String, List<String>> USERS = Map.of(
      "rita", List.of("steward-reviewers"),
      "olga", List.of("oncall"),
      "nobody", List.of("marketing"));

  static final KeyPair KEY = rsa();
  static final KeyPair FORGER = rsa();

  private final ConfigurableApplicationContext context;
  private final String issuer;

  private TestIdentityProvider(ConfigurableApplicationContext context, String issuer) {
    this.context = context;
    this.issuer = issuer;
  }

  /** Starts the provider on {@code port}, redirecting sign-ins back to Steward at {@code stewardBase}. */
  static TestIdentityProvider start(int port, String stewardBase) {
    String issuer = "http://127.0.0.1:" + port;
    SpringApplication app = new SpringApplication(Provider.class);
    app.setWebApplicationType(WebApplicationType.SERVLET);
    String p = "spring.security.oauth2.authorizationserver.client.steward.";
    ConfigurableApplicationContext context = app.run(
        // Steward's application.yaml is on this classpath too; the provider reads none of it
        "--spring.config.name=steward-test-idp",
        "--server.port=" + port, "--server.address=127.0.0.1",
        // same host as Steward: a cookie name of its own keeps the two sessions apart
        "--server.servlet.session.cookie.name=IDPSESSION",
        "--spring.main.banner-mode=off", "--logging.level.root=WARN",
        "--spring.security.oauth2.authorizationserver.issuer=" + issuer,
        "--" + p + "registration.client-id=" + CLIENT,
        "--" + p + "registration.client-secret={noop}" + SECRET,
        "--" + p + "registration.client-authentication-methods=client_secret_basic",
        "--" + p + "registration.authorization-grant-types=authorization_code,refresh_token",
        "--" + p + "registration.redirect-uris=" + stewardBase + "/login/oauth2/code/idp",
        "--" + p + "registration.scopes=openid,profile",
        "--" + p + "require-authorization-consent=false");
    return new TestIdentityProvider(context, issuer);
  }

  String issuer() {
    return issuer;
  }

  /** A bearer JWT as the provider would issue it, signed with its key (or the forger's), with these claims. */
  String jwt(String subject, List<String> groups, Instant expiresAt, boolean forged) {
    RSAKey key = new RSAKey.Builder((RSAPublicKey) (forged ? FORGER : KEY).getPublic())
        .privateKey((RSAPrivateKey) (forged ? FORGER : KEY).getPrivate()).keyID(forged ? "forger" : "test").build();
    NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
    JwtClaimsSet claims = JwtClaimsSet.builder().issuer(issuer).subject(subject).audience(List.of(CLIENT))
        .issuedAt(expiresAt.minus(Duration.ofMinutes(10))).expiresAt(expiresAt).claim("groups", groups)
        .id(UUID.randomUUID().toString()).build();
    return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).keyId(key.getKeyID())
        .build(), claims)).getTokenValue();
  }

  @Override
  public void close() {
    context.close();
  }

  private static KeyPair rsa() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The provider's beans. Not a {@code @Configuration}: Steward's own component scan, which covers this package on
   * the test classpath, must not pick it up.
   */
  @EnableAutoConfiguration(exclude = DataSourceAutoConfiguration.class,
      // Steward's durable events need its database; the provider has none
      excludeName = {"org.springframework.modulith.events.jdbc.JdbcEventPublicationAutoConfiguration",
          "org.springframework.modulith.events.config.EventPublicationAutoConfiguration"})
  static class Provider {
    @Bean
    UserDetailsService users() {
      InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
      USERS.keySet().forEach(name -> users.createUser(User.withUsername(name).password("{noop}" + PASSWORD)
          .roles("USER").build()));
      return users;
    }

    @Bean
    JWKSource<SecurityContext> jwkSource() {
      RSAKey key = new RSAKey.Builder((RSAPublicKey) KEY.getPublic()).privateKey((RSAPrivateKey) KEY.getPrivate())
          .keyID("test").build();
      return new ImmutableJWKSet<>(new JWKSet(key));
    }

    /** Adds the user's groups to ID and access tokens, as a directory-backed provider would. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> groups() {
      return context -> {
        List<String> groups = USERS.get(context.getPrincipal().getName());
        if (groups != null) {
          context.getClaims().claim("groups", groups);
        }
      };
    }
  }
}
