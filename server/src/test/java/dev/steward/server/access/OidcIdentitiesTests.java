package dev.steward.server.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.lineage.Change;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OidcIdentitiesTests {
  final OidcIdentities identities = new OidcIdentities(new OidcProperties("sub", "groups",
      Map.of("ml-reviewers", List.of("reviewer"), "platform", List.of("oncall", "ml-engineer"))));

  @Test
  void mapsConfiguredGroupsAndGroupsNamedLikeRoles() {
    var r = identities.resolve(Map.of("sub", "rita", "groups", List.of("ml-reviewers", "admin", "marketing")));
    assertThat(r.principal()).isEqualTo("rita");
    assertThat(r.roles()).containsExactlyInAnyOrder(Role.REVIEWER, Role.ADMIN);
    assertThat(identities.resolve(Map.of("sub", "olga", "groups", "platform marketing")).roles())
        .containsExactlyInAnyOrder(Role.ONCALL, Role.ML_ENGINEER);
  }

  @Test
  void neverGivesTheRetrainRunRoleFromAGroup() {
    assertThat(identities.resolve(Map.of("sub", "x", "groups", List.of("retrain-run"))).roles()).isEmpty();
  }

  @Test
  void saysWhichGroupsItSawWhenNoneGivesARole() {
    var r = identities.resolve(Map.of("sub", "nobody", "groups", List.of("marketing")));
    assertThat(r.roles()).isEmpty();
    assertThat(identities.noRole(r)).contains("[marketing]").contains("steward.oidc.group-roles");
  }

  @Test
  void refusesPrincipalsThatAreNoValidActorWithTheSettingToChange() {
    for (String bad : List.of("Rita <rita@example.com>", "two words", "line\nbreak", "-leading", "a".repeat(129))) {
      assertThatThrownBy(() -> identities.resolve(Map.of("sub", bad)))
          .isInstanceOf(OidcIdentities.InvalidPrincipal.class).hasMessageContaining("steward.oidc.principal-claim");
    }
    assertThatThrownBy(() -> identities.resolve(Map.of("email", "x@example.com")))
        .hasMessageContaining("no 'sub' claim");
    assertThatThrownBy(() -> identities.resolve(Map.of("sub", "steward"))).hasMessageContaining("Steward records");
    assertThatThrownBy(() -> identities.resolve(Map.of("sub", "system:admin"))).hasMessageContaining("Steward records");
  }

  @Test
  void everyAcceptedPrincipalIsAnActorTheRepositoryRecords() {
    for (String good : List.of("rita", "Rita.Jones@example.com", "4b1c0d2e-9f3a-4c55-8e1d-2a7b6c9d0e1f", "svc_ml-01")) {
      String principal = identities.resolve(Map.of("sub", good)).principal();
      assertThat(new Change(principal, "approve-promotion", "promotion 1", "Approve", List.of()).actor())
          .isEqualTo(good);
    }
  }

  @Test
  void refusesAMappingToAnUnknownRoleAtStart() {
    assertThatThrownBy(() -> new OidcProperties("sub", "groups", Map.of("ops", List.of("root"))))
        .hasMessageContaining("steward.oidc.group-roles.ops").hasMessageContaining("'root'");
  }
}
