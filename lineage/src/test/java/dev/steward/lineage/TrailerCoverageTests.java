package dev.steward.lineage;

import static dev.steward.lineage.Forger.digest;
import static dev.steward.lineage.Forger.trailers;
import static dev.steward.lineage.LineageFixtures.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file a commit changes relative to its first parent is named in a {@code Steward-File} trailer
 * with its digest (or {@code deleted}), and no other file is: checked by {@code verify} and by the replay
 * that feeds the index, so a commit that misstates what it changed is found and never indexed. These run
 * without signatures, to show the trailer rules on their own.
 */
class TrailerCoverageTests {

	@TempDir
	Path directory;

	Path repository;

	Lineage lineage;

	@BeforeEach
	void openLineage() {
		repository = directory.resolve("registry.git");
		lineage = Lineage.open(repository, LineageSettings.defaults());
	}

	@AfterEach
	void closeLineage() {
		lineage.close();
	}

	@Test
	void namesEachChangedFileAndNothingElse() throws IOException {
		lineage.record(put("alice", "models/churn/aliases/champion.yaml", "version: 1\n"));
		lineage.record(put("alice", "models/churn/aliases/canary.yaml", "version: 2\n"));
		RecordedChange change = lineage.record(new Change("alice", "move-aliases", "models/churn", "Move aliases",
				List.of(FileChange.put("models/churn/aliases/champion.yaml", LineageFixtures.yaml("version: 1\n")),
						FileChange.put("models/churn/aliases/challenger.yaml", LineageFixtures.yaml("version: 3\n")),
						FileChange.delete("models/churn/aliases/canary.yaml"),
						FileChange.delete("models/churn/aliases/missing.yaml"))));

		assertThat(message(change.commitId())).endsWith("""
				Steward-File: models/churn/aliases/challenger.yaml %s
				Steward-File: models/churn/aliases/canary.yaml deleted
				""".formatted(digest("version: 3\n")));
		assertThat(lineage.verify().problems()).isEmpty();
		assertThat(lineage.changesSince(null)).hasSize(3);
	}

	@Test
	void flagsACommitWhoseTrailerNamesAnUnchangedFileWhileAnotherChanged() throws Exception {
		RecordedChange champion = lineage.record(put("alice", "models/churn/aliases/champion.yaml", "version: 1\n"));
		lineage.record(put("alice", "models/churn/versions/0-99/1.yaml", "name: churn\n"));
		String forged;
		try (Forger mallory = Forger.cloneOf(repository, directory.resolve("work"))) {
			// the trailer names the alias with its true (unchanged) digest; the version file changes unnamed
			forged = mallory.write("models/churn/versions/0-99/1.yaml", "name: churn\nartifactUri: s3://evil\n")
				.commitAndPush(trailers("alice", "move-alias", "models/churn",
						"models/churn/aliases/champion.yaml " + digest("version: 1\n")));
		}

		VerifyReport report = lineage.verify();

		assertThat(report.problems()).extracting(VerifyReport.Problem::commitId).containsOnly(forged);
		assertThat(report.problems()).extracting(VerifyReport.Problem::path)
			.containsExactlyInAnyOrder("models/churn/versions/0-99/1.yaml", "models/churn/aliases/champion.yaml");
		List<RecordedChange> replayed = new ArrayList<>();
		assertThatThrownBy(() -> lineage.changesSince(null, replayed::add)).isInstanceOf(LineageException.class)
			.hasMessageContaining(forged)
			.hasMessageContaining("no Steward-File trailer names it");
		assertThat(replayed).extracting(RecordedChange::commitId).hasSize(2).first().isEqualTo(champion.commitId());
	}

	@Test
	void flagsATrailerThatNamesAFileTheCommitDidNotChange() throws Exception {
		lineage.record(put("alice", "models/churn/aliases/champion.yaml", "version: 1\n"));
		String forged;
		try (Forger mallory = Forger.cloneOf(repository, directory.resolve("work"))) {
			forged = mallory.commitAndPush(trailers("alice", "move-alias", "models/churn",
					"models/churn/aliases/champion.yaml " + digest("version: 1\n")));
		}

		assertThat(lineage.verify().problems()).singleElement().satisfies(problem -> {
			assertThat(problem.commitId()).isEqualTo(forged);
			assertThat(problem.path()).isEqualTo("models/churn/aliases/champion.yaml");
			assertThat(problem.description()).contains("did not change");
		});
	}

	@Test
	void flagsADeletionNoTrailerNames() throws Exception {
		lineage.record(put("alice", "models/churn/aliases/champion.yaml", "version: 1\n"));
		RecordedChange last = lineage.record(put("alice", "models/churn/aliases/canary.yaml", "version: 2\n"));
		String forged;
		try (Forger mallory = Forger.cloneOf(repository, directory.resolve("work"))) {
			forged = mallory.delete("models/churn/aliases/champion.yaml").write("models/churn/aliases/canary.yaml", "version: 3\n")
				.commitAndPush(trailers("alice", "move-alias", "models/churn",
						"models/churn/aliases/canary.yaml " + digest("version: 3\n")));
		}

		assertThat(lineage.verify().problems()).singleElement().satisfies(problem -> {
			assertThat(problem.commitId()).isEqualTo(forged);
			assertThat(problem.path()).isEqualTo("models/churn/aliases/champion.yaml");
			assertThat(problem.description()).contains("deletes this file");
		});
		assertThatThrownBy(() -> lineage.changesSince(last.commitId(), change -> { }))
			.isInstanceOf(LineageException.class).hasMessageContaining(forged);
	}

	@Test
	void flagsADigestThatDoesNotMatchTheChangedFile() throws Exception {
		lineage.record(put("alice", "models/churn/aliases/champion.yaml", "version: 1\n"));
		String forged;
		try (Forger mallory = Forger.cloneOf(repository, directory.resolve("work"))) {
			forged = mallory.write("models/churn/aliases/champion.yaml", "version: 9\n")
				.commitAndPush(trailers("alice", "move-alias", "models/churn",
						"models/churn/aliases/champion.yaml " + digest("version: 2\n")));
		}

		assertThat(lineage.verify().problems()).singleElement().satisfies(problem -> {
			assertThat(problem.commitId()).isEqualTo(forged);
			assertThat(problem.description()).contains(digest("version: 9\n"));
		});
	}

	@Test
	void acceptsACommitMadeOutsideThatNamesEveryChangeWhenSignaturesAreOff() throws Exception {
		lineage.record(put("alice", "models/churn/aliases/champion.yaml", "version: 1\n"));
		try (Forger outside = Forger.cloneOf(repository, directory.resolve("work"))) {
			outside.write("models/churn/aliases/champion.yaml", "version: 2\n")
				.commitAndPush(trailers("alice", "move-alias", "models/churn",
						"models/churn/aliases/champion.yaml " + digest("version: 2\n")));
		}

		// the trailers alone cannot tell it from Steward's own commit: that takes the signature (SigningTests)
		assertThat(lineage.verify().problems()).isEmpty();
		assertThat(lineage.changesSince(null)).hasSize(2);
	}

	private String message(String commitId) throws IOException {
		try (Repository git = LineageTests.open(repository); RevWalk walk = new RevWalk(git)) {
			return walk.parseCommit(ObjectId.fromString(commitId)).getFullMessage();
		}
	}
}
