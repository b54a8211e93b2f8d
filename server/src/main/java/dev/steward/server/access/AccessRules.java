package dev.steward.server.access;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may call what, as one table read in order (the first rule that matches a call decides). The
 * security configuration enforces it, a 403 names the roles it asks for, and the OpenAPI document
 * describes it, so the three cannot drift apart.
 */
final class AccessRules {
  private static final Set<Role> ANY_ROLE = EnumSet.of(Role.ML_ENGINEER, Role.REVIEWER, Role.ONCALL,
      Role.POLICY_ADMIN, Role.PRIVACY_OFFICER, Role.ADMIN);
  private static final Set<Role> WRITERS = EnumSet.of(Role.ML_ENGINEER, Role.ADMIN);

  /**
   * One line of the table.
   *
   * @param method the HTTP method, or null for all
   * @param roles the roles any one of which lets a call through; empty means open to everyone
   */
  record Rule(@Nullable HttpMethod method, List<String> patterns, Set<Role> roles, String why) {
    Rule {
      patterns = List.copyOf(patterns);
      roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    boolean open() {
      return roles.isEmpty();
    }

    RequestMatcher matcher() {
      List<RequestMatcher> matchers = patterns.stream()
          .map(p -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(method, p)).toList();
      return matchers.size() == 1 ? matchers.getFirst() : new OrRequestMatcher(matchers);
    }

    /** Whether a documented operation (a path template such as {@code /api/v1/models/{name}}) falls under this rule. */
    boolean covers(HttpMethod operationMethod, String pathTemplate) {
      if (method != null && !method.equals(operationMethod)) {
        return false;
      }
      PathContainer path = PathContainer.parsePath(pathTemplate.replaceAll("\\{[^}/]+}", "x"));
      return patterns.stream().map(PathPatternParser.defaultInstance::parse).anyMatch((PathPattern p) -> p.matches(path));
    }

    /** The role ids in a stable order, for example {@code [ml-engineer, admin]}. */
    List<String> roleIds() {
      return Arrays.stream(Role.values()).filter(roles::contains).map(Role::id).toList();
    }

    String describeRoles() {
      List<String> ids = roleIds();
      return ids.size() == 1 ? "the role " + ids.getFirst()
          : "one of the roles " + String.join(", ", ids.subList(0, ids.size() - 1)) + " or " + ids.getLast();
    }
  }

  static final List<Rule> RULES = List.of(
      open(null, "health, the OpenAPI document and the error page are public",
          "/actuator/health/**", "/actuator/health", "/v3/api-docs/**", "/v3/api-docs", "/swagger-ui/**",
          "/swagger-ui.html", "/error"),
      rule(null, EnumSet.of(Role.ADMIN), "administration", "/api/v1/admin/**"),
      // KServe's payload logger sends no bearer token: the path carries a key the drift module checks
      open(HttpMethod.POST, "the KServe payload logger authenticates with the key in its path",
          "/api/v1/drift/kserve/**"),
      rule(HttpMethod.POST, EnumSet.of(Role.INGEST, Role.ML_ENGINEER, Role.ADMIN), "sending scored traffic and labels",
          "/api/v1/drift/rows", "/api/v1/drift/labels"),
      // Alertmanager's webhook token can do nothing else: it is in no other rule and not in ANY_ROLE
      rule(HttpMethod.POST, EnumSet.of(Role.ALERTMANAGER, Role.ADMIN), "delivering Alertmanager alerts",
          "/api/v1/alerts/alertmanager"),
      // comparing two samples changes nothing, so any role may
      rule(HttpMethod.POST, ANY_ROLE, "comparing two samples", "/api/v1/drift/compare"),
      rule(HttpMethod.POST, EnumSet.of(Role.REVIEWER, Role.ADMIN), "deciding on a promotion",
          "/api/v1/promotions/*/decisions"),
      // policies are governance: registered and approved by policy admins, never by those they judge
      rule(HttpMethod.POST, EnumSet.of(Role.POLICY_ADMIN, Role.ADMIN), "registering or deciding on a policy",
          "/api/v1/policies", "/api/v1/policies/**"),
      // consent revocation is the privacy officer's as much as the engineers'
      rule(HttpMethod.POST, EnumSet.of(Role.ML_ENGINEER, Role.PRIVACY_OFFICER, Role.ADMIN),
          "revoking consent for a dataset version", "/api/v1/datasets/*/versions/*/revocations"),
      // explaining a prediction records nothing, so any role may (a marketing tool with a reviewer's token)
      rule(HttpMethod.POST, ANY_ROLE, "explaining a prediction", "/api/v1/models/*/versions/*/explanations"),
      rule(HttpMethod.POST, EnumSet.of(Role.ONCALL, Role.ADMIN), "rolling back or steering a rollout",
          "/api/v1/deployments/*/*/rollback", "/api/v1/deployments/*/*/promote", "/api/v1/deployments/*/*/abort",
          "/api/v1/deployments/*/*/pause", "/api/v1/deployments/*/*/resume"),
      // a retrain run's token registers (or imports from MLflow) one version of its own model and reports its own
      // run's status; which model and run is checked in code (RunTokenAccess, MlflowImport), these lines only keep
      // it from everything else
      rule(HttpMethod.POST, EnumSet.of(Role.RETRAIN_RUN, Role.ADMIN), "reporting a retrain run's status",
          "/api/v1/retrain/runs/*/status"),
      rule(HttpMethod.POST, EnumSet.of(Role.ML_ENGINEER, Role.ADMIN, Role.RETRAIN_RUN), "registering a model version",
          "/api/v1/models/*/versions"),
      rule(HttpMethod.POST, EnumSet.of(Role.ML_ENGINEER, Role.ADMIN, Role.RETRAIN_RUN), "importing from MLflow",
          "/api/v1/imports/mlflow"),
      rule(HttpMethod.GET, ANY_ROLE, "reading", "/api/v1/**"),
      rule(HttpMethod.POST, WRITERS, "registering and requesting", "/api/v1/**"),
      rule(HttpMethod.PUT, WRITERS, "changing", "/api/v1/**"),
      rule(HttpMethod.DELETE, WRITERS, "removing", "/api/v1/**"),
      rule(null, ANY_ROLE, "everything else", "/**"));

  private AccessRules() {}

  /** The rule that decides a request (the last one matches everything). */
  static Rule decide(HttpServletRequest request) {
    return RULES.stream().filter(r -> r.matcher().matches(request)).findFirst().orElse(RULES.getLast());
  }

  /** The rule that decides a documented operation. */
  static Optional<Rule> decide(HttpMethod method, String pathTemplate) {
    return RULES.stream().filter(r -> r.covers(method, pathTemplate)).findFirst();
  }

  static String roleIds(Set<Role> roles) {
    return Arrays.stream(Role.values()).filter(roles::contains).map(Role::id).collect(Collectors.joining(", "));
  }

  private static Rule open(@Nullable HttpMethod method, String why, String... patterns) {
    return new Rule(method, List.of(patterns), Set.of(), why);
  }

  private static Rule rule(@Nullable HttpMethod method, Set<Role> roles, String why, String... patterns) {
    return new Rule(method, List.of(patterns), roles, why);
  }
}
