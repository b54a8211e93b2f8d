package dev.steward.governance;

import dev.steward.registry.Ref;
import java.time.Instant;

/**
 * A mark beside an immutable model version (the version's file never changes): {@code revoked-input} when a
 * dataset version it was built from had its consent revoked. {@code recorded} says whether the revocation's
 * report lists the version; a version registered after the revocation on the same data is marked too.
 */
public record Mark(String mark, String revocation, Ref dataset, String reason, String revokedBy, Instant revokedAt,
    boolean recorded) {

  public static final String REVOKED_INPUT = "revoked-input";
}
