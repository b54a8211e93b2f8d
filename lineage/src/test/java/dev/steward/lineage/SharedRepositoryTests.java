package dev.steward.lineage;

import static dev.steward.lineage.LineageFixtures.registerVersion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two replicas sharing one registry repository through a bare Git remote. */
class SharedRepositoryTests {

	@TempDir
	Path directory;

	Path remote;

	@BeforeEach
	void createRemote() throws Exception {
		remote = directory.resolve("shared.git");
		try (Git git = Git.init().setBare(true).setInitialBranch("main").setDirectory(remote.toFile()).call()) {
			// empty
		}
	}

	private Lineage replica(String name) {
		return Lineage.open(directory.resolve(name), LineageSettings.defaults()
			.sharedThrough(remote.toUri(), Duration.ofMillis(100), Duration.ofSeconds(2)));
	}

	@Test
	void anAcknowledgedChangeIsOnTheRemoteBeforeRecordReturns() throws Exception {
		try (Lineage a = replica("a.git")) {
			a.lead(new Term(1, "a"));
			for (int i = 1; i <= 5; i++) {
				RecordedChange recorded = a.record(registerVersion("churn", i));
				assertThat(remoteRef("refs/heads/main")).contains(recorded.commitId());
				assertThat(remoteRef(SharedRemote.FENCE)).contains(recorded.commitId());
			}
			assertThat(a.pushStatus().state()).isEqualTo(PushStatus.State.PUSHED);
		}
	}

	@Test
	void aFollowerRefusesChangesAndFollowsTheLeader() throws Exception {
		try (Lineage a = replica("a.git"); Lineage b = replica("b.git")) {
			a.lead(new Term(1, "a"));
			RecordedChange recorded = a.record(registerVersion("churn", 1));

			assertThat(b.leads()).isFalse();
			assertThatThrownBy(() -> b.record(registerVersion("churn", 2))).isInstanceOf(LineageUnavailable.class)
				.hasMessageContaining("does not write the registry repository");
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(b.head()).contains(recorded.commitId()));
			assertThat(b.read("models/churn/versions/1.yaml")).isPresent();
			assertThat(remoteRef("refs/heads/main")).contains(recorded.commitId());
		}
	}

	@Test
	void aDeposedLeaderCannotCommitAndTheNewLeaderKeepsEveryAcknowledgedChange() throws Exception {
		try (Lineage a = replica("a.git"); Lineage b = replica("b.git")) {
			a.lead(new Term(1, "a"));
			RecordedChange acknowledged = a.record(registerVersion("churn", 1));

			// b wins the next election while a, paused, still believes it leads
			List<String> seenAtTakeover = new ArrayList<>();
			b.addLeadershipListener(new LeadershipListener() {
				@Override
				public void takingOver(Term term) {
					seenAtTakeover.add(term.generation() + " " + b.head().orElse("none") + " " + b.leads());
				}
			});
			b.lead(new Term(2, "b"));
			assertThat(seenAtTakeover).containsExactly("2 " + acknowledged.commitId() + " false");
			assertThat(a.leads()).isTrue();

			assertThatThrownBy(() -> a.record(registerVersion("churn", 2))).isInstanceOf(LineageUnavailable.class)
				.hasMessageContaining("no longer writes");
			assertThat(a.leads()).isFalse();
			assertThat(remoteRef("refs/heads/main")).contains(acknowledged.commitId());

			RecordedChange next = b.record(registerVersion("churn", 2));
			assertThat(next.parentId()).isEqualTo(acknowledged.commitId());
			assertThat(remoteRef("refs/heads/main")).contains(next.commitId());
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(a.head()).contains(next.commitId()));
		}
	}

	@Test
	void aReplicaStartingBehindTheRemoteCatchesUpWhileItsFollowerAlreadyRuns() throws Exception {
		// a restarted replica's first catch-up and its periodic follower must not move main at the same time
		try (Lineage a = replica("a.git")) {
			a.lead(new Term(1, "a"));
			RecordedChange last = null;
			for (int i = 1; i <= 3; i++) {
				last = a.record(registerVersion("churn", i));
			}
			for (int start = 0; start < 40; start++) {
				try (Lineage b = Lineage.open(directory.resolve("b" + start + ".git"), LineageSettings.defaults()
					.sharedThrough(remote.toUri(), Duration.ofMillis(1), Duration.ofSeconds(2)))) {
					assertThat(b.head()).as("start " + start).contains(last.commitId());
				}
			}
		}
	}

	@Test
	void everyTakeoverIsRecordedOnTheFence() throws Exception {
		try (Lineage a = replica("a.git"); Lineage b = replica("b.git")) {
			a.lead(new Term(1, "http://10.0.0.1:8080"));
			RecordedChange first = a.record(registerVersion("churn", 1));
			a.stepDown("test");
			b.lead(new Term(2, "http://10.0.0.2:8080"));

			try (Repository shared = LineageTests.open(remote); RevWalk walk = new RevWalk(shared)) {
				RevCommit takeover = walk.parseCommit(shared.resolve(SharedRemote.FENCE));
				assertThat(takeover.getFullMessage()).contains("Steward-Leader-Generation: 2")
					.contains("Steward-Leader: http://10.0.0.2:8080").contains("Steward-Main: " + first.commitId());
				assertThat(takeover.getParent(0).name()).isEqualTo(first.commitId());
				assertThat(shared.resolve("refs/heads/main").name()).isEqualTo(first.commitId());
			}
		}
	}

	@Test
	void aChangeFailsWhenTheRemoteIsGoneAndNothingIsRecorded() throws Exception {
		try (Lineage a = replica("a.git")) {
			a.lead(new Term(1, "a"));
			RecordedChange first = a.record(registerVersion("churn", 1));
			Path moved = directory.resolve("moved.git");
			Files.move(remote, moved);

			assertThatThrownBy(() -> a.record(registerVersion("churn", 2))).isInstanceOf(LineageUnavailable.class)
				.hasMessageContaining("was not recorded");
			assertThat(a.head()).contains(first.commitId());
			assertThat(a.read("models/churn/versions/2.yaml")).isEmpty();

			Files.move(moved, remote);
			RecordedChange second = a.record(registerVersion("churn", 2));
			assertThat(second.parentId()).isEqualTo(first.commitId());
			assertThat(remoteRef("refs/heads/main")).contains(second.commitId());
		}
	}

	@Test
	void theFirstLeaderSeedsAnEmptyRemoteWithTheHistoryItWroteAlone() throws Exception {
		Path own = directory.resolve("own.git");
		RecordedChange alone;
		try (Lineage single = Lineage.open(own, LineageSettings.defaults())) {
			alone = single.record(registerVersion("churn", 1));
		}
		try (Lineage a = Lineage.open(own, LineageSettings.defaults()
			.sharedThrough(remote.toUri(), Duration.ofMillis(100), Duration.ofSeconds(2)))) {
			a.lead(new Term(1, "a"));
			assertThat(remoteRef("refs/heads/main")).contains(alone.commitId());
			RecordedChange next = a.record(registerVersion("churn", 2));
			assertThat(next.parentId()).isEqualTo(alone.commitId());
		}
	}

	private Optional<String> remoteRef(String ref) throws IOException {
		try (Repository shared = LineageTests.open(remote)) {
			ObjectId id = shared.resolve(ref);
			return Optional.ofNullable(id).map(ObjectId::name);
		}
	}
}
