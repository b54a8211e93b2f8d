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
 * @param shared whether the remote is the system of record shared by several replicas: only the leader
 *     writes ({@link Lineage#lead(Term)}), each batch is pushed before its callers are answered, and the
 *     local repository follows the remote (see docs/high-availability.md)
 * @param followInterval how often a follower fetches the remote's main
 * @param pushTimeout how long a shared batch keeps trying to reach the remote before it fails
 */
public record LineageSettings(@Nullable URI remote, String remoteBranch, boolean pushEnabled, int maxBatch,
		Duration pushInitialBackoff, Duration pushMaxBackoff, int maxPacks, @Nullable SigningSettings signing,
		boolean shared, Duration followInterval, Duration pushTimeout) {

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
		if (shared && remote == null) {
			throw new IllegalArgumentException("A shared repository needs a remote.");
		}
		if (followInterval.isNegative() || followInterval.isZero() || pushTimeout.isNegative() || pushTimeout.isZero()) {
			throw new IllegalArgumentException("The follow interval and the push timeout must be positive.");
		}
	}

	/** No remote, batches of up to 256 changes, unsigned commits. */
	public static LineageSettings defaults() {
		return new LineageSettings(null, "main", false, DEFAULT_MAX_BATCH, Duration.ofSeconds(1),
				Duration.ofMinutes(5), 24, null, false, Duration.ofSeconds(1), Duration.ofSeconds(10));
	}

	/** Pushes to {@code remote} after each batch. */
	public LineageSettings withRemote(URI remote) {
		return new LineageSettings(remote, remoteBranch, true, maxBatch, pushInitialBackoff, pushMaxBackoff,
				maxPacks, signing, shared, followInterval, pushTimeout);
	}

	public LineageSettings withRemoteBranch(String branch) {
		return new LineageSettings(remote, branch, pushEnabled, maxBatch, pushInitialBackoff, pushMaxBackoff,
				maxPacks, signing, shared, followInterval, pushTimeout);
	}

	public LineageSettings withPushBackoff(Duration initial, Duration max) {
		return new LineageSettings(remote, remoteBranch, pushEnabled, maxBatch, initial, max, maxPacks, signing, shared,
				followInterval, pushTimeout);
	}

	public LineageSettings withMaxBatch(int batch) {
		return new LineageSettings(remote, remoteBranch, pushEnabled, batch, pushInitialBackoff, pushMaxBackoff,
				maxPacks, signing, shared, followInterval, pushTimeout);
	}

	public LineageSettings withMaxPacks(int packs) {
		return new LineageSettings(remote, remoteBranch, pushEnabled, maxBatch, pushInitialBackoff, pushMaxBackoff,
				packs, signing, shared, followInterval, pushTimeout);
	}

	/** Signs every commit and checks signatures as {@code settings} say. */
	public LineageSettings withSigning(SigningSettings settings) {
		return new LineageSettings(remote, remoteBranch, pushEnabled, maxBatch, pushInitialBackoff, pushMaxBackoff,
				maxPacks, settings, shared, followInterval, pushTimeout);
	}

	/**
	 * Shares the repository through {@code remote} with other replicas: the remote is the system of record,
	 * only the leader writes and pushes each batch before answering, followers fetch every
	 * {@code followInterval}.
	 */
	public LineageSettings sharedThrough(URI remote, Duration followInterval, Duration pushTimeout) {
		return new LineageSettings(remote, remoteBranch, false, maxBatch, pushInitialBackoff, pushMaxBackoff,
				maxPacks, signing, true, followInterval, pushTimeout);
	}
}
