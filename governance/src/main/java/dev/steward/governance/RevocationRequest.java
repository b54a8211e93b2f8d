package dev.steward.governance;

import dev.steward.registry.Ref;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A consent revocation as asked for: why, what it covers ({@code scope} {@code version}: the whole dataset
 * version; {@code subjects}: the data subjects whose id hashes {@code subjects} lists, as
 * {@code sha256:<64 hex>}, never the ids themselves), and optionally the dataset version that replaces it
 * without them ({@code successor}, which must be derived from the revoked one).
 */
public record RevocationRequest(@Nullable String reason, @Nullable String scope, @Nullable List<String> subjects,
    @Nullable Ref successor) {}
