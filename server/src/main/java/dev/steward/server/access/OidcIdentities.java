package dev.steward.server.access;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the claims of an OIDC identity (an ID token on sign-in, a JWT bearer token on the API) into the principal
 * Steward records as the actor of a commit and the roles it holds. A principal must be a valid actor name: the
 * registry repository writes it into commit authors and trailers, where '<', '>', blanks and line breaks are not
 * allowed, and names Steward uses for itself are reserved. An identity whose principal is not valid is refused with a
 * message saying which claim to configure; one whose groups map to no role gets no role (the caller is then told so).
 */
final class OidcIdentities {
  /** Letters, digits and {@code . _ @ -}, starting with a letter or digit, at most 128 characters. */
  static final Pattern ACTOR = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,127}");

  private final OidcProperties properties;

  OidcIdentities(OidcProperties properties) {
    this.properties = properties;
  }

  /** A principal and the roles its groups give, and the groups as the claim listed them (for messages). */
  record Resolved(String principal, Set<Role> roles, List<String> groups) {}

  /** Refused: the principal claim is missing or is not a valid actor name. */
  static final class InvalidPrincipal extends IllegalArgumentException {
    InvalidPrincipal(String message) {
      super(message);
    }
  }

  Resolved resolve(Map<String, Object> claims) {
    String claim = properties.principalClaim();
    Object value = claims.get(claim);
    if (!(value instanceof String principal) || principal.isBlank()) {
      throw new InvalidPrincipal("The identity has no '" + claim + "' claim to name you by; Steward records that "
          + "claim as the actor of every change (steward.oidc.principal-claim).");
    }
    if (!ACTOR.matcher(principal).matches()) {
      throw new InvalidPrincipal("The identity's '" + claim + "' claim, '" + printable(principal) + "', is not a valid "
          + "actor name (letters, digits and . _ @ -, at most 128, starting with a letter or digit): Steward records it "
          + "in the audit trail. Set steward.oidc.principal-claim to a claim that is, for example preferred_username.");
    }
    if (AccessTokens.reserved(principal)) {
      throw new InvalidPrincipal("The identity's '" + claim + "' claim, '" + principal + "', is a name Steward records "
          + "its own changes under ('steward', 'anonymous', 'system:...'); it cannot act as a person.");
    }
    List<String> groups = groups(claims.get(properties.groupsClaim()));
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String group : groups) {
      List<String> mapped = properties.groupRoles().get(group);
      if (mapped != null) {
        mapped.forEach(r -> Role.fromId(r).ifPresent(roles::add));
      } else {
        Role.fromId(group).filter(Role::issuable).ifPresent(roles::add);
      }
    }
    return new Resolved(principal, roles, groups);
  }

  /** Why an identity with these groups has no role, in words, for a 403 or the sign-in page. */
  String noRole(Resolved r) {
    return "The '" + properties.groupsClaim() + "' claim of " + r.principal() + " lists "
        + (r.groups().isEmpty() ? "no group" : "the groups " + r.groups()) + ", none of which gives a Steward role: ask "
        + "an admin to map one (steward.oidc.group-roles) or to add you to a group named after a role (ml-engineer, "
        + "reviewer, oncall, policy-admin, admin).";
  }

  private static List<String> groups(Object claim) {
    List<String> groups = new ArrayList<>();
    if (claim instanceof Collection<?> list) {
      list.forEach(g -> groups.add(String.valueOf(g)));
    } else if (claim instanceof String text && !text.isBlank()) {
      groups.addAll(Arrays.stream(text.split("[\\s,]+")).filter(s -> !s.isEmpty()).toList());
    }
    return groups;
  }

  private static String printable(String s) {
    String shown = s.length() > 64 ? s.substring(0, 61) + "..." : s;
    return shown.replaceAll("[\\p{Cntrl}]", "?");
  }
}
