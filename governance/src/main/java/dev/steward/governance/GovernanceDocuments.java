package dev.steward.governance;

import dev.steward.registry.EntityDocuments;

/** Revocation files as canonical YAML (the registry's mapper: sorted maps, no nulls), and their index JSON. */
final class GovernanceDocuments {
  private GovernanceDocuments() {}

  static byte[] toYaml(Revocation revocation) {
    return EntityDocuments.canonicalYaml().writeValueAsBytes(revocation);
  }

  static Revocation fromYaml(byte[] yaml) {
    return EntityDocuments.canonicalYaml().readValue(yaml, Revocation.class);
  }

  static String toJson(Revocation revocation) {
    return EntityDocuments.canonicalJson().writeValueAsString(revocation);
  }

  static Revocation fromJson(String json) {
    return EntityDocuments.canonicalJson().readValue(json, Revocation.class);
  }
}
