package dev.steward.server.access;

import dev.steward.registry.RegistryIndex;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Administration: issuing, listing and revoking API tokens, rebuilding the index from the registry repository. */
@RestController
@RequestMapping("/api/v1/admin")
class AdminController {
  private final AccessTokens tokens;
  private final RegistryIndex index;

  AdminController(AccessTokens tokens, RegistryIndex index) {
    this.tokens = tokens;
    this.index = index;
  }

  record TokenRequest(@Nullable String principal, @Nullable List<String> roles) {}

  @PostMapping("/tokens")
  ResponseEntity<IssuedToken> issue(@RequestBody TokenRequest request, Principal actor) {
    IssuedToken issued = tokens.issue(actor.getName(), request.principal(), request.roles());
    return ResponseEntity.created(URI.create("/api/v1/admin/tokens/" + issued.id())).body(issued);
  }

  /** Every token issued (the bootstrap one too), oldest first; never a token or its hash. */
  @GetMapping("/tokens")
  List<TokenSummary> tokens() {
    return tokens.list();
  }

  @DeleteMapping("/tokens/{id}")
  ResponseEntity<Void> revoke(@PathVariable String id, Authentication actor) {
    String own = actor.getDetails() instanceof Identity identity ? identity.tokenId() : "";
    tokens.revoke(actor.getName(), own, id);
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/index/rebuild")
  RegistryIndex.Progress rebuild() {
    return index.rebuild();
  }
}
