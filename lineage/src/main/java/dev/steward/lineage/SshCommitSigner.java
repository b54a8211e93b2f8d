package dev.steward.lineage;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.eclipse.jgit.api.errors.UnsupportedSigningFormatException;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.GpgSignature;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.Signer;
import org.eclipse.jgit.transport.CredentialsProvider;

/**
 * A JGit {@link Signer} making SSH signatures (OpenSSH's PROTOCOL.sshsig, namespace {@code git}, SHA-512) with
 * a key held in memory: what {@code git commit -S} with {@code gpg.format=ssh} writes, and what JGit's SSH
 * verifier and {@code git verify-commit} check. JGit's own SSH signer reads and parses the key file again for
 * every signature, which cost three to four times the signature itself on the writer thread that signs every
 * commit.
 */
final class SshCommitSigner implements Signer {

	private static final byte[] MAGIC = "SSHSIG".getBytes(StandardCharsets.US_ASCII);

	private static final String NAMESPACE = "git";

	private static final String HASH = "sha512";

	/** OpenSSH wraps the armored base64 at 70 columns. */
	private static final int LINE_LENGTH = 70;

	private final KeyPair key;

	private final BuiltinSignatures algorithm;

	SshCommitSigner(KeyPair key) throws GeneralSecurityException {
		this.key = key;
		String type = KeyUtils.getKeyType(key.getPublic());
		// as ssh-keygen -Y sign does: RSA signs with SHA-512, other keys with their one algorithm
		String name = KeyPairProvider.SSH_RSA.equals(type) ? KeyUtils.RSA_SHA512_KEY_TYPE_ALIAS
				: KeyUtils.getSignatureAlgorithm(type, key.getPublic());
		BuiltinSignatures factory = BuiltinSignatures.fromFactoryName(name);
		if (factory == null || !factory.isSupported()) {
			throw new GeneralSecurityException("Keys of type " + type + " cannot sign commits here; use an Ed25519 key.");
		}
		this.algorithm = factory;
	}

	@Override
	public GpgSignature sign(Repository repository, GpgConfig config, byte[] data, PersonIdent committer,
			String signingKey, CredentialsProvider credentialsProvider) throws UnsupportedSigningFormatException {
		try {
			Buffer signed = new ByteArrayBuffer();
			signed.putRawBytes(MAGIC);
			signed.putString(NAMESPACE);
			signed.putString(""); // reserved
			signed.putString(HASH);
			signed.putBytes(MessageDigest.getInstance("SHA-512").digest(data));
			Signature signer = algorithm.create();
			signer.initSigner(null, key.getPrivate());
			signer.update(null, signed.getCompactData());
			Buffer signature = new ByteArrayBuffer();
			signature.putString(algorithm.getName());
			signature.putBytes(signer.sign(null));

			Buffer blob = new ByteArrayBuffer();
			blob.putRawBytes(MAGIC);
			blob.putUInt(1); // version
			blob.putPublicKey(key.getPublic());
			blob.putString(NAMESPACE);
			blob.putString("");
			blob.putString(HASH);
			blob.putBytes(signature.getCompactData());
			return new GpgSignature(armor(blob.getCompactData()));
		}
		catch (NoSuchAlgorithmException e) {
			throw new UnsupportedSigningFormatException("SHA-512 is not available: " + e.getMessage(), e);
		}
		catch (Exception e) {
			throw new UnsupportedSigningFormatException("Signing with the " + algorithm.getName() + " key failed: "
					+ e.getMessage(), e);
		}
	}

	@Override
	public boolean canLocateSigningKey(Repository repository, GpgConfig config, PersonIdent committer,
			String signingKey, CredentialsProvider credentialsProvider) {
		return true;
	}

	private static byte[] armor(byte[] blob) {
		String encoded = Base64.getEncoder().encodeToString(blob);
		ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length() + 80);
		out.writeBytes("-----BEGIN SSH SIGNATURE-----\n".getBytes(StandardCharsets.US_ASCII));
		for (int start = 0; start < encoded.length(); start += LINE_LENGTH) {
			out.writeBytes(encoded.substring(start, Math.min(encoded.length(), start + LINE_LENGTH))
				.getBytes(StandardCharsets.US_ASCII));
			out.write('\n');
		}
		out.writeBytes("-----END SSH SIGNATURE-----\n".getBytes(StandardCharsets.US_ASCII));
		return out.toByteArray();
	}
}
