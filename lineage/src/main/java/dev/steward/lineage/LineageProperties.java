package dev.steward.lineage;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration under {@code steward.lineage}. The repository and the signing key have no default here:
 * the server passes {@code ${steward.data-dir}/registry.git} and {@code ${steward.data-dir}/signing} when
 * none is set.
 *
 * <pre>{@code
 * Lineage lineage = properties.open(dataDir.resolve("registry.git"), dataDir.resolve("signing"));
 * }</pre>
 *
 * @param repository the bare repository, created if missing
 * @param remote where to push, optional
 * @param remoteBranch the branch on the remote
 * @param pushEnabled whether to push after each batch (needs a remote)
 * @param maxBatchSize the most changes under one ref update
 * @param signing the commit signing key and the keys trusted besides it
 */
@ConfigurationProperties("steward.lineage")
public record LineageProperties(@Nullable Path repository, @Nullable URI remote,
		@DefaultValue("main") String remoteBranch, @DefaultValue("false") boolean pushEnabled,
		@DefaultValue("256") int maxBatchSize, @DefaultValue Signing signing) {

	/**
	 * Settings under {@code steward.lineage.signing}.
	 *
	 * @param key the private key that signs every commit (OpenSSH format, no passphrase), for example a
	 *     mounted secret ({@code STEWARD_LINEAGE_SIGNING_KEY}); unset, Steward generates an Ed25519 key
	 *     under the signing directory on first start
	 * @param trustedKeys further OpenSSH public key lines whose signatures count, such as the key of an
	 *     earlier rotation ({@code STEWARD_LINEAGE_SIGNING_TRUSTEDKEYS}, comma-separated)
	 * @param trustStart the last commit of a history written before commits were signed: it and its
	 *     ancestors are accepted unsigned ({@code STEWARD_LINEAGE_SIGNING_TRUSTSTART})
	 */
	public record Signing(@Nullable Path key, @DefaultValue List<String> trustedKeys, @Nullable String trustStart) {
	}

	/** The settings, with the generated key and the allowed-signers file in {@code signingDirectory}. */
	public LineageSettings settings(Path signingDirectory) {
		LineageSettings settings = LineageSettings.defaults().withMaxBatch(maxBatchSize).withRemoteBranch(remoteBranch);
		if (pushEnabled) {
			if (remote == null) {
				throw new IllegalStateException("steward.lineage.push-enabled is true but steward.lineage.remote is not set.");
			}
			settings = settings.withRemote(remote);
		}
		SigningSettings keys = SigningSettings.generatedIn(signingDirectory);
		Signing configured = signing == null ? new Signing(null, List.of(), null) : signing;
		if (configured.key() != null) {
			keys = keys.withKey(configured.key());
		}
		String trustStart = configured.trustStart();
		keys = keys.withTrustedKeys(configured.trustedKeys() == null ? List.of() : configured.trustedKeys())
			.withTrustStart(trustStart == null || trustStart.isBlank() ? null : trustStart.strip());
		return settings.withSigning(keys);
	}

	/** The configured repository, or {@code fallback} when none is configured. */
	public Path repositoryOr(Path fallback) {
		return repository != null ? repository : fallback;
	}

	/**
	 * Opens the configured repository, or {@code fallback} when none is configured, signing with the
	 * configured key or one generated in {@code signingDirectory}.
	 */
	public Lineage open(Path fallback, Path signingDirectory) {
		return Lineage.open(repositoryOr(fallback), settings(signingDirectory));
	}
}
