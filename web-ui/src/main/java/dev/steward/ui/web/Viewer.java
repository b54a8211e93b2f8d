package dev.steward.ui.web;

import dev.steward.policies.Actor;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Who looks at a page: the signed-in principal and the roles the server gave them. */
record Viewer(String name, Set<String> roles) {
  static final List<String> ROLES = List.of("ml-engineer", "reviewer", "oncall", "policy-admin", "admin", "ingest");

  Viewer {
    roles = Set.copyOf(roles);
  }

  static Viewer of(HttpServletRequest request) {
    Principal principal = request.getUserPrincipal();
    if (principal == null) {
      throw new IllegalStateException("The page request is not authenticated.");
    }
    Set<String> roles = new LinkedHashSet<>();
    for (String role : ROLES) {
      if (request.isUserInRole(role)) {
        roles.add(role);
      }
    }
    return new Viewer(principal.getName(), roles);
  }

  boolean has(String role) {
    return roles.contains(role);
  }

  boolean hasAny(List<String> any) {
    return any.stream().anyMatch(roles::contains);
  }

  boolean reviewer() {
    return has("reviewer") || has("admin");
  }

  boolean oncall() {
    return has("oncall") || has("admin");
  }

  boolean engineer() {
    return has("ml-engineer");
  }

  /** The roles in the order they are listed everywhere, for example {@code reviewer, oncall}. */
  public String roleList() {
    return roles.isEmpty() ? "no role" : String.join(", ", ROLES.stream().filter(roles::contains).toList());
  }

  Actor actor() {
    return new Actor(name, roles);
  }
}
