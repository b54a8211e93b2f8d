package dev.steward.server.access;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Documents authentication in the OpenAPI document from {@link AccessRules}: the bearer token scheme, and
 * on each operation a 401 and a 403 that name the roles the operation needs (open operations need none).
 */
@Configuration(proxyBeanMethods = false)
class AccessDocument {
  static final String BEARER = "bearer";

  @Bean
  OpenApiCustomizer accessDocumentation() {
    return AccessDocument::complete;
  }

  static void complete(OpenAPI api) {
    Components components = api.getComponents() == null ? new Components() : api.getComponents();
    api.components(components);
    components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
        .description("An API token (stw_...) issued by an admin with POST /api/v1/admin/tokens, or, where Steward "
            + "trusts an OIDC issuer (spring.security.oauth2.resourceserver.jwt.issuer-uri), a JWT from it whose "
            + "groups give roles (steward.oidc.group-roles); sent as 'Authorization: Bearer <token>'."));
    api.security(List.of(new SecurityRequirement().addList(BEARER)));
    if (api.getPaths() == null) {
      return;
    }
    api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
      AccessRules.Rule rule = AccessRules.decide(HttpMethod.valueOf(method.name()), path).orElse(null);
      if (rule == null) {
        return;
      }
      if (rule.open()) {
        operation.security(List.of());
        if (path.startsWith("/api/")) {
          problem(operation.getResponses(), "403", "The key in the path is not the configured one.");
        }
        return;
      }
      operation.description(join(operation.getDescription(), "Needs " + rule.describeRoles() + "."));
      problem(operation.getResponses(), "401", "No bearer token, or one that was never issued or is revoked.");
      problem(operation.getResponses(), "403", "The token lacks " + rule.describeRoles() + ".");
    }));
  }

  private static String join(String existing, String more) {
    return existing == null || existing.isBlank() ? more : existing + " " + more;
  }

  private static void problem(io.swagger.v3.oas.models.responses.ApiResponses responses, String status,
      String description) {
    if (!responses.containsKey(status)) {
      responses.addApiResponse(status, new ApiResponse().description(description).content(new Content()
          .addMediaType("application/problem+json", new MediaType().schema(
              new Schema<>().$ref("#/components/schemas/ProblemDetail")))));
    }
  }
}
