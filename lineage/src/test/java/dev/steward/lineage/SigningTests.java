package dev.steward.lineage;

import static dev.steward.lineage.Forger.digest;
import static dev.steward.lineage.Forger.trailers;
import static dev.steward.lineage.LineageFixtures.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lineage signs each commit with its SSH key, and only commits signed by a trusted key (or written before
 * the trust start) pass {@code verify} and the replay that feeds the index.
 */
class SigningTests {

	@TempDir
	Path directory;

	Path repository() {
		return directory.resolve("registry.git");
	}

	LineageSettings signedWith(String keyDirectory) {
		return LineageSettings.defaults().withSigning(SigningSettings.generatedIn(directory.resolve(keyDirectory)));
	}

	@Test
	void signsEveryCommitWithAKeyGeneratedOnFirstOpen() throws IOException {
		RecordedChange first;
		try (Lineage lineage = Lineage.open(repository(), signedWith("signing"))) {
			first = lineage.record(put("alice", "models/churn/model.yaml", "name: churn\n"));
			lineage.record(put("alice", "models/churn/aliases/champion.yaml", "version: 1\n"));

			VerifyReport report = lineage.verify();
			assertThat(report.problems()).isEmpty();
			assertThat(report.signatures()).isEqualTo(2);
		}
		Path key = directory.resolve("signing/steward_ed25519");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key.getParent()))).isEqualTo("rwx------");
		String publicKey = Files.readString(directory.resolve("signing/steward_ed25519.pub")).strip();
		assertThat(publicKey).startsWith("ssh-ed25519 ");
		assertThat(Files.readString(directory.resolve("signing/allowed_signers")))
			.contains("steward@steward.local namespaces=\"git\" " + publicKey.split(" ")[0] + " " + publicKey.split(" ")[1]);
		try (Repository git = LineageTests.open(repository()); RevWalk walk = new RevWalk(git)) {
			RevCommit commit = walk.parseCommit(ObjectId.fromString(first.commitId()));
			assertThat(new String(commit.getRawGpgSignature(), StandardCharsets.US_ASCII))
				.startsWith("-----BEGIN SSH SIGNATURE-----");
			assertThat(git.getConfig().getString("gpg", "ssh", "allowedSignersFile"))
				.isEqualTo(directory.resolve("signing/allowed_signers").toAbsolutePath().toString());
		}

		// the key stays: a second start signs with it, and the first commits still verify
		try (Lineage lineage = Lineage.open(repository(), signedWith("signing"))) {
			lineage.record(put("alice", "models/churn/aliases/champion.yaml", "version: 2\n"));
			assertThat(lineage.verify().problems()).isEmpty();
		}
		assertThat(Files.readString(directory.resolve("signing/steward_ed25519.pub")).strip()).isEqualTo(publicKey);
	}

	@Test
	void flagsACommitMadeOutsideStewardWithForgedTrailersAndTheRightDigest() throws Exception {
		try (Lineage lineage = Lineage.open(repository(), signedWith("signing"))) {
			RecordedChange genuine = lineage.record(put("alice", "models/churn/aliases/champion.yaml", "version: 1\n"));
			String forged;
			try (Forger mallory = Forger.cloneOf(repository(), directory.resolve("work"))) {
				forged = mallory.write("models/churn/aliases/champion.yaml", "version: 2\n")
					.commitAndPush(trailers("alice", "move-alias", "models/churn",
							"models/churn/aliases/champion.yaml " + digest("version: 2\n")));
			}
			// Steward goes on writing on top of it; its own later commits are sound
			RecordedChange after = lineage.record(put("alice", "models/fraud/model.yaml", "name: fraud\n"));

			assertThat(lineage.verify().problems()).singleElement().satisfies(problem -> {
				assertThat(problem.commitId()).isEqualTo(forged);
				assertThat(problem.description()).contains("not signed");
			});
			List<RecordedChange> replayed = new ArrayList<>();
			assertThatExceptionOfType(UntrustedCommit.class).isThrownBy(() -> lineage.changesSince(null, replayed::add))
				.satisfies(e -> {
					assertThat(e.commitId()).isEqualTo(forged);
					assertThat(e.reason()).contains("not signed");
				});
			assertThat(replayed).extracting(RecordedChange::commitId).containsExactly(genuine.commitId());
			assertThatExceptionOfType(UntrustedCommit.class)
				.isThrownBy(() -> lineage.changesSince(genuine.commitId(), change -> fail("handed over " + change)));
			assertThat(lineage.changesSince(forged)).extracting(RecordedChange::commitId).containsExactly(after.commitId());
		}
	}

	@Test
	void flagsACommitWrittenWithoutASignature() {
		try (Lineage lineage = Lineage.open(repository(), signedWith("signing"))) {
			lineage.record(put("alice", "models/churn/model.yaml", "name: churn\n"));
			String unsigned;
			try (Lineage plain = Lineage.open(repository(), LineageSettings.defaults())) {
				unsigned = plain.record(put("alice", "models/churn/aliases/champion.yaml", "version: 1\n")).commitId();
			}

			assertThat(lineage.verify().problems()).singleElement().satisfies(problem -> {
				assertThat(problem.commitId()).isEqualTo(unsigned);
				assertThat(problem.description()).contains("not signed");
			});
		}
	}

	@Test
	void flagsACommitSignedByAnUntrustedKey() throws Exception {
		try (Lineage lineage = Lineage.open(repository(), signedWith("signing"))) {
			lineage.record(put("alice", "models/churn/model.yaml", "name: churn\n"));
			String signedByOther;
			try (Lineage other = Lineage.open(repository(), signedWith("other-signing"))) {
				signedByOther = other.record(put("alice", "models/churn/aliases/champion.yaml", "version: 1\n")).commitId();
			}
			String otherFingerprint = fingerprint(directory.resolve("other-signing/steward_ed25519.pub"));

			assertThat(lineage.verify().problems()).singleElement().satisfies(problem -> {
				assertThat(problem.commitId()).isEqualTo(signedByOther);
				assertThat(problem.description()).contains("not a trusted signing key").contains(otherFingerprint);
			});
			assertThatExceptionOfType(UntrustedCommit.class).isThrownBy(() -> lineage.changesSince(null))
				.satisfies(e -> assertThat(e.commitId()).isEqualTo(signedByOther));
		}
	}

	private static String fingerprint(Path publicKey) throws Exception {
		PublicKeyEntry entry = PublicKeyEntry.parsePublicKeyEntry(Files.readString(publicKey).strip());
		return KeyUtils.getFingerPrint(entry.resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.FAILING));
	}

	@Test
	void trustsTheKeyOfAnEarlierRotation() throws IOException {
		try (Lineage lineage = Lineage.open(repository(), signedWith("old-signing"))) {
			lineage.record(put("alice", "models/churn/model.yaml", "name: churn\n"));
		}
		String oldKey = Files.readString(directory.resolve("old-signing/steward_ed25519.pub")).strip();
		LineageSettings rotated = LineageSettings.defaults().withSigning(
				SigningSettings.generatedIn(directory.resolve("signing")).withTrustedKeys(List.of(oldKey)));

		try (Lineage lineage = Lineage.open(repository(), rotated)) {
			lineage.record(put("alice", "models/churn/aliases/champion.yaml", "version: 1\n"));

			assertThat(lineage.verify().problems()).isEmpty();
			assertThat(lineage.changesSince(null)).hasSize(2);
		}
		try (Lineage forgetful = Lineage.open(repository(), signedWith("signing"))) {
			assertThat(forgetful.verify().problems()).singleElement()
				.satisfies(problem -> assertThat(problem.description()).contains("not a trusted signing key"));
		}
	}

	@Test
	void acceptsUnsignedHistoryUpToTheTrustStart() throws Exception {
		String legacyHead;
		try (Lineage legacy = Lineage.open(repository(), LineageSettings.defaults())) {
			legacy.record(put("alice", "models/churn/model.yaml", "name: churn\n"));
			legacyHead = legacy.record(put("alice", "models/churn/aliases/champion.yaml", "version: 1\n")).commitId();
		}
		LineageSettings withTrustStart = LineageSettings.defaults()
			.withSigning(SigningSettings.generatedIn(directory.resolve("signing")).withTrustStart(legacyHead));

		try (Lineage lineage = Lineage.open(repository(), withTrustStart)) {
			lineage.record(put("alice", "models/churn/aliases/champion.yaml", "version: 2\n"));

			VerifyReport report = lineage.verify();
			assertThat(report.problems()).isEmpty();
			assertThat(report.trustStart()).isEqualTo(legacyHead);
			assertThat(report.commits()).isEqualTo(3);
			assertThat(report.signatures()).isEqualTo(1);
			assertThat(lineage.changesSince(null)).hasSize(3);

			// an unsigned commit after the trust start is flagged like any other
			String forged;
			try (Forger mallory = Forger.cloneOf(repository(), directory.resolve("work"))) {
				forged = mallory.write("models/churn/aliases/champion.yaml", "version: 3\n")
					.commitAndPush(trailers("alice", "move-alias", "models/churn",
							"models/churn/aliases/champion.yaml " + digest("version: 3\n")));
			}
			assertThat(lineage.verify().problems()).extracting(VerifyReport.Problem::commitId).containsExactly(forged);
		}
		try (Lineage strict = Lineage.open(repository(), signedWith("signing"))) {
			assertThatExceptionOfType(UntrustedCommit.class).isThrownBy(() -> strict.changesSince(null))
				.satisfies(e -> assertThat(e.reason()).contains("not signed"));
			assertThat(strict.verify().problems()).extracting(VerifyReport.Problem::description)
				.filteredOn(description -> description.contains("not signed")).hasSize(3);
		}
	}

	@Test
	void reportsATrustStartOutsideTheHistory() {
		String elsewhere = "0123456789abcdef0123456789abcdef01234567";
		LineageSettings settings = LineageSettings.defaults()
			.withSigning(SigningSettings.generatedIn(directory.resolve("signing")).withTrustStart(elsewhere));

		try (Lineage lineage = Lineage.open(repository(), settings)) {
			lineage.record(put("alice", "models/churn/model.yaml", "name: churn\n"));

			assertThat(lineage.verify().problems()).singleElement().satisfies(problem -> {
				assertThat(problem.commitId()).isEqualTo(elsewhere);
				assertThat(problem.description()).contains("trust start");
			});
		}
	}

	@Test
	void refusesToStartWithoutASuppliedKey() {
		LineageSettings missing = LineageSettings.defaults()
			.withSigning(SigningSettings.generatedIn(directory.resolve("signing")).withKey(directory.resolve("nope")));

		assertThatExceptionOfType(LineageUnavailable.class).isThrownBy(() -> Lineage.open(repository(), missing))
			.withMessageContaining("does not exist").withMessageContaining("ssh-keygen");
		assertThat(directory.resolve("nope")).doesNotExist();
	}

	@Test
	void refusesATrustedKeyThatIsNoPublicKey() {
		LineageSettings bad = LineageSettings.defaults().withSigning(
				SigningSettings.generatedIn(directory.resolve("signing")).withTrustedKeys(List.of("ssh-ed25519 not-base64")));

		assertThatExceptionOfType(LineageUnavailable.class).isThrownBy(() -> Lineage.open(repository(), bad))
			.withMessageContaining("Trusted key 1");
	}

	@Test
	void gitVerifiesStewardsCommitsAndRejectsOthers() throws Exception {
		requireGitWithSshSignatures();
		String genuine;
		String forged;
		try (Lineage lineage = Lineage.open(repository(), signedWith("signing"))) {
			genuine = lineage.record(put("alice", "models/churn/aliases/champion.yaml", "version: 1\n")).commitId();
			Path work = directory.resolve("work");
			git(directory, "clone", "-q", "-b", "main", repository().toString(), work.toString());
			Files.writeString(work.resolve("models/churn/aliases/champion.yaml"), "version: 2\n");
			git(work, "-c", "user.name=mallory", "-c", "user.email=mallory@example.com", "commit", "-q", "-a", "-m",
					trailers("alice", "move-alias", "models/churn",
							"models/churn/aliases/champion.yaml " + digest("version: 2\n")));
			git(work, "push", "-q", "origin", "HEAD:main");
			forged = git(work, "rev-parse", "HEAD").output().strip();

			assertThat(lineage.verify().problems()).extracting(VerifyReport.Problem::commitId).containsExactly(forged);
		}

		Result good = git(repository(), "verify-commit", genuine);
		assertThat(good.exit()).as(good.output()).isZero();
		assertThat(good.output()).contains("Good \"git\" signature for steward@steward.local");
		assertThat(git(repository(), "log", "--show-signature", "-1", genuine).output()).contains("Good \"git\" signature");
		Result bad = git(repository(), "verify-commit", forged);
		assertThat(bad.exit()).isNotZero();
	}

	record Result(int exit, String output) {
	}

	private Result git(Path workingDirectory, String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("git"));
		if (Files.exists(workingDirectory.resolve("HEAD")) && !Files.exists(workingDirectory.resolve(".git"))) {
			command.add("--git-dir=" + workingDirectory);
		}
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true);
		builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
		builder.environment().put("HOME", directory.toString());
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("git " + String.join(" ", arguments) + " did not finish.");
		}
		if (process.exitValue() != 0 && !List.of(arguments).contains("verify-commit")) {
			throw new IllegalStateException("git " + String.join(" ", arguments) + " failed: " + output);
		}
		return new Result(process.exitValue(), output);
	}

	/** Git checks SSH signatures with ssh-keygen; CI installs both, elsewhere the test is skipped without them. */
	private static void requireGitWithSshSignatures() {
		boolean available = onPath("git") && onPath("ssh-keygen");
		if (!available && "true".equalsIgnoreCase(System.getenv("CI"))) {
			fail("git and ssh-keygen are needed to check Steward's signatures with Git; bin/test-all installs them.");
		}
		Assumptions.assumeTrue(available, "git or ssh-keygen is not installed");
	}

	private static boolean onPath(String program) {
		String path = System.getenv("PATH");
		if (path == null) {
			return false;
		}
		for (String entry : path.split(java.io.File.pathSeparator)) {
			if (Files.isExecutable(Path.of(entry, program))) {
				return true;
			}
		}
		return false;
	}
}
