package dev.steward.lineage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.config.keys.loader.KeyPairResourceParser;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.eclipse.jgit.api.errors.CanceledException;
import org.eclipse.jgit.api.errors.UnsupportedSigningFormatException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.SignatureVerifier;
import org.eclipse.jgit.lib.SignatureVerifiers;
import org.eclipse.jgit.lib.Signer;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.signing.ssh.SshSignatureVerifierFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs lineage's commits with an SSH key, as {@code git commit -S} does with {@code gpg.format=ssh}, and
 * checks commit signatures against the trusted keys, through JGit's {@link Signer} API
 * ({@link SshCommitSigner}) and its SSH {@link SignatureVerifiers verifier}. The trusted keys are written to a Git allowed-signers file, which the
 * repository's {@code gpg.ssh.allowedSignersFile} names, so {@code git log --show-signature} in the
 * repository shows the same verdicts.
 */
final class Signatures {

	private static final Logger LOG = LoggerFactory.getLogger(Signatures.class);

	/** The namespace Git signs commits in; a signature made for another purpose does not count. */
	private static final String NAMESPACE = "git";

	private final Path key;

	private final Path allowedSigners;

	private final GpgConfig config;

	private final Signer signer;

	/** SHA256 fingerprints of the keys whose signatures count, as JGit reports them. */
	private final Set<String> trusted;

	private final String signingFingerprint;

	private Signatures(Path key, Signer signer, Path allowedSigners, GpgConfig config, Set<String> trusted,
			String signingFingerprint) {
		this.key = key;
		this.allowedSigners = allowedSigners;
		this.config = config;
		this.signer = signer;
		this.trusted = Set.copyOf(trusted);
		this.signingFingerprint = signingFingerprint;
	}

	/**
	 * Loads the signing key (generating it first if the settings allow and there is none), checks the
	 * trusted keys and writes the allowed-signers file.
	 *
	 * @throws LineageUnavailable the key is missing, unreadable or protected by a passphrase, or a
	 *     trusted key is not an SSH public key
	 */
	static Signatures open(SigningSettings settings) {
		Path key = settings.key().toAbsolutePath();
		try {
			if (!Files.exists(key)) {
				if (!settings.generate()) {
					throw new LineageUnavailable("The commit signing key " + key + " does not exist. Create one with"
							+ " ssh-keygen -t ed25519 -N '' -f " + key + ", or leave the key setting unset to have"
							+ " Steward generate one under its data directory.");
				}
				generate(key);
			}
			KeyPair pair = load(key);
			Map<String, String> lines = new LinkedHashMap<>();
			String fingerprint = KeyUtils.getFingerPrint(pair.getPublic());
			lines.put(fingerprint, PublicKeyEntry.toString(pair.getPublic()) + " steward commit signing key");
			List<String> trustedKeys = settings.trustedKeys();
			for (int i = 0; i < trustedKeys.size(); i++) {
				String line = trustedKeys.get(i).strip();
				PublicKey trustedKey = parsePublicKey(line, i);
				lines.putIfAbsent(KeyUtils.getFingerPrint(trustedKey), line);
			}
			Path allowedSigners = settings.allowedSigners().toAbsolutePath();
			writeAllowedSigners(allowedSigners, lines.values());
			Config git = new Config();
			git.setString(ConfigConstants.CONFIG_GPG_SECTION, null, ConfigConstants.CONFIG_KEY_FORMAT, "ssh");
			git.setString(ConfigConstants.CONFIG_GPG_SECTION, "ssh", "allowedSignersFile", allowedSigners.toString());
			installVerifier();
			LOG.info("Lineage signs commits with key {} ({}) and trusts {} signing keys.", fingerprint, key,
					lines.size());
			return new Signatures(key, new SshCommitSigner(pair), allowedSigners, new GpgConfig(git), lines.keySet(),
					fingerprint);
		}
		catch (IOException | GeneralSecurityException e) {
			throw new LineageUnavailable("Cannot use the commit signing key " + key + ": " + e.getMessage()
					+ " It must be an OpenSSH private key without passphrase (ssh-keygen -t ed25519 -N '').", e);
		}
	}

	Path allowedSigners() {
		return allowedSigners;
	}

	String signingFingerprint() {
		return signingFingerprint;
	}

	/** Signs {@code commit}: its raw bytes get a {@code gpgsig} header, as Git writes it. */
	void sign(Repository repository, CommitBuilder commit) throws IOException {
		try {
			signer.signObject(repository, config, commit, commit.getCommitter(), null, null);
		}
		catch (CanceledException | UnsupportedSigningFormatException e) {
			throw new IOException("Signing the commit with " + key + " failed: " + e.getMessage(), e);
		}
	}

	/** Why {@code commit}'s signature does not count, or {@code null} when a trusted key made it. */
	@Nullable String problem(Repository repository, RevCommit commit) {
		if (commit.getRawGpgSignature() == null) {
			return "The commit is not signed; Steward signs every commit it writes.";
		}
		SignatureVerifier.SignatureVerification verification;
		try {
			verification = SignatureVerifiers.verify(repository, config, commit);
		}
		catch (IOException | RuntimeException e) {
			return "The commit's signature could not be checked: " + e.getMessage();
		}
		if (verification == null) {
			return "The commit carries a signature of a kind Steward does not accept; only SSH signatures by a trusted"
					+ " key count.";
		}
		String fingerprint = verification.keyFingerprint();
		if (verification.verified() && fingerprint != null && trusted.contains(fingerprint)) {
			return null;
		}
		if (fingerprint != null && !trusted.contains(fingerprint)
				&& verification.trustLevel() != SignatureVerifier.TrustLevel.NEVER) {
			return "The commit is signed by key " + fingerprint + ", which is not a trusted signing key.";
		}
		return "The commit's signature does not verify"
				+ (verification.message() == null ? "." : ": " + verification.message());
	}

	private static void installVerifier() {
		// JGit finds its verifiers with the ServiceLoader; name the SSH one outright, so a class loader that
		// does not see the service file (a nested jar) cannot leave signatures unchecked
		if (SignatureVerifiers.get(GpgConfig.GpgFormat.SSH) == null) {
			SignatureVerifiers.set(GpgConfig.GpgFormat.SSH, new SshSignatureVerifierFactory().create());
		}
	}

	private static KeyPair load(Path key) throws IOException, GeneralSecurityException {
		KeyPairResourceParser parser = SecurityUtils.getKeyPairResourceParser();
		Collection<KeyPair> pairs = parser.loadKeyPairs(null, key, null);
		if (pairs == null || pairs.size() != 1) {
			throw new GeneralSecurityException("The file holds " + (pairs == null ? 0 : pairs.size())
					+ " private keys instead of one.");
		}
		warnIfReadableByOthers(key);
		return pairs.iterator().next();
	}

	private static PublicKey parsePublicKey(String line, int index) {
		try {
			PublicKeyEntry entry = PublicKeyEntry.parsePublicKeyEntry(line);
			PublicKey key = entry == null ? null
					: entry.resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.FAILING);
			if (key == null) {
				throw new IllegalArgumentException("no key");
			}
			return key;
		}
		catch (IOException | GeneralSecurityException | RuntimeException e) {
			throw new LineageUnavailable("Trusted key " + (index + 1) + " is not an OpenSSH public key line such as"
					+ " 'ssh-ed25519 AAAAC3Nza... comment' (" + e.getMessage() + "): '" + line + "'.");
		}
	}

	/** Writes a new Ed25519 key readable by the owner only, and its public key beside it. */
	private static void generate(Path key) throws IOException, GeneralSecurityException {
		Path directory = key.getParent();
		if (directory != null && !Files.isDirectory(directory)) {
			Files.createDirectories(directory);
			restrict(directory, "rwx------");
		}
		KeyPair pair = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
		Path partial = key.resolveSibling(key.getFileName() + ".partial");
		Files.deleteIfExists(partial);
		Files.createFile(partial);
		restrict(partial, "rw-------");
		try (OutputStream out = Files.newOutputStream(partial)) {
			OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "steward commit signing key", null, out);
		}
		Fsync.all(List.of(partial));
		try {
			Files.move(partial, key, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (FileAlreadyExistsException e) {
			Files.deleteIfExists(partial);
			return; // another process generated one first; use that
		}
		Files.writeString(key.resolveSibling(key.getFileName() + ".pub"),
				PublicKeyEntry.toString(pair.getPublic()) + " steward commit signing key\n", StandardCharsets.US_ASCII);
		if (directory != null) {
			Fsync.directory(directory);
		}
		LOG.info("Generated the commit signing key {} ({}).", key, KeyUtils.getFingerPrint(pair.getPublic()));
	}

	private static void writeAllowedSigners(Path file, Collection<String> keys) throws IOException {
		StringBuilder text = new StringBuilder("# Written by Steward at start-up from steward.lineage.signing;"
				+ " edits are overwritten.\n# Verify with: git -c gpg.ssh.allowedSignersFile=<this file> log"
				+ " --show-signature\n");
		for (String line : keys) {
			text.append(GroupCommit.COMMITTER_EMAIL).append(" namespaces=\"").append(NAMESPACE).append("\" ")
				.append(line).append('\n');
		}
		String content = text.toString();
		if (Files.exists(file) && Files.readString(file, StandardCharsets.US_ASCII).equals(content)) {
			return;
		}
		Path directory = file.toAbsolutePath().getParent();
		if (directory != null) {
			Files.createDirectories(directory);
		}
		Path partial = file.resolveSibling(file.getFileName() + ".partial");
		Files.writeString(partial, content, StandardCharsets.US_ASCII);
		Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
	}

	private static void restrict(Path path, String permissions) throws IOException {
		try {
			Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
		}
		catch (UnsupportedOperationException e) {
			// not a POSIX file system: its own access rules apply
		}
	}

	private static void warnIfReadableByOthers(Path key) {
		try {
			Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(key);
			if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
				LOG.warn("The commit signing key {} is readable by other users ({}); make it readable by its owner only"
						+ " (chmod 600).", key, PosixFilePermissions.toString(permissions));
			}
		}
		catch (IOException | UnsupportedOperationException e) {
			// nothing to warn about where permissions cannot be read
		}
	}
}
