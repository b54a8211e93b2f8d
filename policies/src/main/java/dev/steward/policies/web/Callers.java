package dev.steward.policies.web;

import dev.steward.policies.Actor;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The authenticated caller of a request, with the roles its token carries. */
final class Callers {
  private static final List<String> ROLES = List.of("ml-engineer", "reviewer", "oncall", "policy-admin", "admin");

  private Callers() {}

  static Actor of(HttpServletRequest request) {
    Principal principal = request.getUserPrincipal();
    if (principal == null) {
      throw new IllegalStateException("The request is not authenticated.");
    }
    Set<String> roles = new HashSet<>();
    for (String role : ROLES) {
      if (request.isUserInRole(role)) {
        roles.add(role);
      }
    }
    return new Actor(principal.getName(), roles);
  }
}
