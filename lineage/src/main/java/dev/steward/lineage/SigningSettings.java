package dev.steward.lineage;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import org.eclipse.jgit.lib.ObjectId;
import org.jspecify.annotations.Nullable;

/**
 * How lineage signs its commits (SSH signatures, as {@code git commit -S} with {@code gpg.format=ssh}
 * makes them) and which signatures it trusts; start from {@link #generatedIn(Path)}.
 *
 * <pre>{@code
 * SigningSettings signing = SigningSettings.generatedIn(dataDir.resolve("signing"))   // key made on first open
 *     .withTrustedKeys(List.of("ssh-ed25519 AAAAC3Nza... retired 2026-11"));          // still verifies old commits
 * Lineage.open(dataDir.resolve("registry.git"), LineageSettings.defaults().withSigning(signing));
 * }</pre>
 *
 * @param key the private key (OpenSSH format, without passphrase) that signs every commit
 * @param generate whether to generate an Ed25519 key at {@code key} when there is none; when false a
 *     missing key fails {@link Lineage#open}
 * @param trustedKeys further public keys, one OpenSSH public key line each ({@code ssh-ed25519 AAAA...
 *     comment}), whose signatures count as Steward's: the keys of earlier rotations
 * @param allowedSigners where lineage writes the Git allowed-signers file listing the signing key and the
 *     trusted keys; {@code git log --show-signature} and {@code git verify-commit} read it, and so does
 *     lineage's own verification
 * @param trustStart the last commit of a history written before commits were signed: it and its
 *     ancestors are accepted unsigned (their {@code Steward-File} digests are still checked); {@code null}
 *     when every commit must be signed
 */
public record SigningSettings(Path key, boolean generate, List<String> trustedKeys, Path allowedSigners,
		@Nullable String trustStart) {

	static final String KEY_FILE = "steward_ed25519";

	static final String ALLOWED_SIGNERS_FILE = "allowed_signers";

	public SigningSettings {
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(allowedSigners, "allowedSigners");
		trustedKeys = List.copyOf(trustedKeys);
		for (String trusted : trustedKeys) {
			if (trusted.isBlank() || trusted.indexOf('\n') >= 0) {
				throw new IllegalArgumentException("A trusted key must be one OpenSSH public key line such as"
						+ " 'ssh-ed25519 AAAAC3Nza... comment', not '" + trusted + "'.");
			}
		}
		if (trustStart != null && !ObjectId.isId(trustStart)) {
			throw new IllegalArgumentException("The trust start must be a 40-hex commit id, not '" + trustStart + "'.");
		}
	}

	/**
	 * Signs with {@code <directory>/steward_ed25519}, generated on first open, and writes
	 * {@code <directory>/allowed_signers}.
	 */
	public static SigningSettings generatedIn(Path directory) {
		return new SigningSettings(directory.resolve(KEY_FILE), true, List.of(),
				directory.resolve(ALLOWED_SIGNERS_FILE), null);
	}

	/** Signs with an existing key, for example a mounted secret; a missing key is an error. */
	public SigningSettings withKey(Path privateKey) {
		return new SigningSettings(privateKey, false, trustedKeys, allowedSigners, trustStart);
	}

	public SigningSettings withTrustedKeys(List<String> keys) {
		return new SigningSettings(key, generate, keys, allowedSigners, trustStart);
	}

	public SigningSettings withTrustStart(@Nullable String commitId) {
		return new SigningSettings(key, generate, trustedKeys, allowedSigners, commitId);
	}
}
