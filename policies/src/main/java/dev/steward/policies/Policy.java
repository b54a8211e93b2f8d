package dev.steward.policies;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A registered, immutable version of a policy: the rules a promotion into an environment must pass.
 * Stored at {@code policies/<name>/<version>.yaml}; the digest is the sha256 of that file. {@code state}
 * and {@code decision} are not part of the file: they come from the index (the decision is its own
 * file, see {@link PolicyDecision}), and are null in the stored document.
 */
public record Policy(
    String name,
    int version,
    @Nullable String description,
    List<Rule> rules,
    String registeredBy,
    Instant registeredAt,
    @Nullable String digest,
    @Nullable PolicyState state,
    @Nullable PolicyDecision decision) {

  public Policy {
    Objects.requireNonNull(name, "name");
    if (version < 1) {
      throw new IllegalArgumentException("Policy " + name + " has version " + version + "; versions start at 1.");
    }
    if (rules.isEmpty()) {
      throw new IllegalArgumentException("Policy " + name + " version " + version + " has no rules.");
    }
    rules = List.copyOf(rules);
  }

  /** A new version as registered, before it has a digest or a state. */
  static Policy registered(String name, int version, @Nullable String description, List<Rule> rules, String by,
      Instant at) {
    return new Policy(name, version, description, rules, by, at, null, null, null);
  }

  public Policy withDigest(@Nullable String digest) {
    return new Policy(name, version, description, rules, registeredBy, registeredAt, digest, state, decision);
  }

  Policy withState(PolicyState state, @Nullable PolicyDecision decision) {
    return new Policy(name, version, description, rules, registeredBy, registeredAt, digest, state, decision);
  }

  /** The document as stored in Git: the rules and who registered them, nothing the index adds. */
  Policy stored() {
    return new Policy(name, version, description, rules, registeredBy, registeredAt, null, null, null);
  }

  public String path() {
    return PolicyDocuments.policyPath(name, version);
  }
}
