package dev.steward.server.access;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How OIDC identities become Steward principals and roles, for the pages' OIDC sign-in and for JWT bearer tokens on
 * the API. Where the identity provider is, is Spring Boot's own configuration
 * ({@code spring.security.oauth2.client.*} for sign-in, {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}
 * for the API).
 *
 * @param principalClaim the claim that names the actor of every commit (default {@code sub}); its value must be a
 *     valid actor name ({@link OidcIdentities})
 * @param groupsClaim the claim listing the caller's groups (default {@code groups}): a JSON array, or one string of
 *     groups separated by spaces or commas
 * @param groupRoles which Steward roles each group gives, for example {@code steward-reviewers: [reviewer]}; a group
 *     named like a role ({@code reviewer}) gives that role without a line here
 */
@ConfigurationProperties("steward.oidc")
record OidcProperties(@DefaultValue("sub") String principalClaim, @DefaultValue("groups") String groupsClaim,
    @Nullable Map<String, List<String>> groupRoles) {

  OidcProperties {
    groupRoles = groupRoles == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(groupRoles));
    groupRoles.forEach((group, roles) -> roles.forEach(role -> {
      if (Role.fromId(role).filter(Role::issuable).isEmpty()) {
        throw new IllegalArgumentException("steward.oidc.group-roles." + group + " names the unknown role '" + role
            + "'; roles are ml-engineer, reviewer, oncall, policy-admin, admin, ingest.");
      }
    }));
  }
}
