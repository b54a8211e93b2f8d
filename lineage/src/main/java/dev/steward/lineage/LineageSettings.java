package dev.steward.lineage;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How a {@link Lineage} behaves; start from {@link #defaults()}.
 *
 * @param remote where to push after each batch, for example {@code https://git.example.com/registry.git}
 *     or {@code file:///backup/registry.git}; {@code null} for none
 * @param remoteBranch the branch on the remote that mirrors {@code refs/heads/main}
 * @param pushEnabled whether to push at all
 * @param maxBatch the most changes the writer commits under one ref update
 * @param pushInitialBackoff the wait before retrying a failed push; doubled on each failure
 * @param pushMaxBackoff the longest wait between push attempts
 * @param maxPacks how many pack files may pile up before small ones are merged
 * @param signing how commits are signed and which signatures are trusted; {@code null} writes unsigned
 *     commits and checks no signatures (tests and tools: the server always signs)
 */
public record LineageSettings(@Nullable URI remote, String remoteBranch, boolean pushEnabled, int maxBatch,
		Duration pushInitialBackoff, Duration pushMaxBackoff, int maxPacks, @Nullable SigningSettings signing) {

	public static final int DEFAULT_MAX_BATCH = 256;

	public LineageSettings {
		Objects.requireNonNull(remoteBranch, "remoteBranch");
		if (remoteBranch.isBlank()) {
			throw new IllegalArgumentException("The remote branch must not be blank.");
		}
		if (maxBatch < 1) {
			throw new IllegalArgumentException("The batch size must be at least 1, not " + maxBatch + ".");
		}
		if (pushInitialBackoff.isNegative() || pushInitialBackoff.isZero()
				|| pushMaxBackoff.compareTo(pushInitialBackoff) < 0) {
			throw new IllegalArgumentException("Push backoff must be positive and max >= initial.");
		}
		if (maxPacks < 2) {
			throw new IllegalArgumentException("At least 2 pack files must be allowed, not " + maxPacks + ".");
		}
		if (pushEnabled && remote == null) {
			throw new IllegalArgumentException("Pushing is enabled but no remote is configured.");
		}
	}

	/** No remote, batches of up to 256 changes, unsigned commits. */
	public static LineageSettings defaults() {
		return new LineageSettings(null, "main", false, DEFAULT_MAX_BATCH, Duration.ofSeconds(1),
				Duration.ofMinutes(5), 24, null);
	}

	/** Pushes to {@code remote} after each batch. */
	public LineageSettings withRemote(URI remote) {
		return new LineageSettings(remote, remoteBranch, true, maxBatch, pushInitialBackoff, pushMaxBackoff,
				maxPacks, signing);
	}

	public LineageSettings withRemoteBranch(String branch) {
		return new LineageSettings(remote, branch, pushEnabled, maxBatch, pushInitialBackoff, pushMaxBackoff,
				maxPacks, signing);
	}

	public LineageSettings withPushBackoff(Duration initial, Duration max) {
		return new LineageSettings(remote, remoteBranch, pushEnabled, maxBatch, initial, max, maxPacks, signing);
	}

	public LineageSettings withMaxBatch(int batch) {
		return new LineageSettings(remote, remoteBranch, pushEnabled, batch, pushInitialBackoff, pushMaxBackoff,
				maxPacks, signing);
	}

	public LineageSettings withMaxPacks(int packs) {
		return new LineageSettings(remote, remoteBranch, pushEnabled, maxBatch, pushInitialBackoff, pushMaxBackoff,
				packs, signing);
	}

	/** Signs every commit and checks signatures as {@code settings} say. */
	public LineageSettings withSigning(SigningSettings settings) {
		return new LineageSettings(remote, remoteBranch, pushEnabled, maxBatch, pushInitialBackoff, pushMaxBackoff,
				maxPacks, settings);
	}
}
