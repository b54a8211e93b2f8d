package dev.steward.lineage;

import static dev.steward.lineage.LineageFixtures.put;
import static dev.steward.lineage.LineageFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.internal.storage.file.GC;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.pack.PackConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackCompactionTests {

	@TempDir
	Path directory;

	@Test
	void mergesThePacksOfSmallBatchesAndLosesNoObject() throws Exception {
		Path path = directory.resolve("registry.git");
		List<RecordedChange> recorded = new ArrayList<>();
		try (Lineage lineage = Lineage.open(path, LineageSettings.defaults().withMaxPacks(1_000))) {
			for (int i = 0; i < 40; i++) {
				recorded.add(lineage.record(put("alice", "models/m" + (i % 4) + "/" + i + ".yaml", "v" + i)));
			}
		}
		try (Repository repository = LineageTests.open(path)) {
			ObjectDirectory objects = (ObjectDirectory) repository.getObjectDatabase();
			assertThat(objects.getPacks()).hasSize(40);

			int merged = new PackCompaction(repository, 4).compactIfNeeded();

			assertThat(merged).isGreaterThanOrEqualTo(20);
			assertThat(objects.getPacks()).hasSizeLessThanOrEqualTo(21);
		}
		assertEverythingReadable(path, recorded);
	}

	@Test
	void mergesPacksThatShareObjectsIntoAPackGitAccepts() throws Exception {
		Path path = directory.resolve("registry.git");
		List<RecordedChange> recorded = new ArrayList<>();
		try (Lineage lineage = Lineage.open(path, LineageSettings.defaults().withMaxPacks(1_000))) {
			for (int i = 0; i < 12; i++) {
				recorded.add(lineage.record(put("alice", "models/m" + (i % 3) + "/" + i + ".yaml", "v" + i)));
			}
		}
		// keep a copy of one small pack, merge everything, then put the copy back: its objects now sit in
		// the middle of the merged pack too, as another writer or a restored backup can leave them
		Path packs = path.resolve("objects/pack");
		Path saved = directory.resolve("saved");
		Files.createDirectories(saved);
		String name;
		try (var files = Files.list(packs)) {
			name = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".pack")).sorted().toList().get(5)
				.replace(".pack", "");
		}
		Files.copy(packs.resolve(name + ".pack"), saved.resolve(name + ".pack"));
		Files.copy(packs.resolve(name + ".idx"), saved.resolve(name + ".idx"));
		try (Repository repository = LineageTests.open(path)) {
			new PackCompaction(repository, 1).compactIfNeeded();
			assertThat(((ObjectDirectory) repository.getObjectDatabase()).getPacks()).hasSize(1);
		}
		Files.copy(saved.resolve(name + ".pack"), packs.resolve(name + ".pack"));
		Files.copy(saved.resolve(name + ".idx"), packs.resolve(name + ".idx"));
		try (Repository repository = LineageTests.open(path)) {
			ObjectDirectory objects = (ObjectDirectory) repository.getObjectDatabase();
			assertThat(objects.getPacks()).hasSize(2);

			new PackCompaction(repository, 1).compactIfNeeded();

			assertThat(objects.getPacks()).hasSize(1);
		}
		assertEverythingReadable(path, recorded);
		Process fsck = new ProcessBuilder("git", "--git-dir", path.toString(), "fsck", "--full", "--strict")
			.redirectErrorStream(true).start();
		String output = new String(fsck.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		assertThat(fsck.waitFor()).as(output).isZero();
	}

	@Test
	void mergesPacksWithDeltasFromGitGc() throws Exception {
		Path path = directory.resolve("registry.git");
		List<RecordedChange> recorded = new ArrayList<>();
		String big = "metrics:\n" + "  auc: 0.91\n".repeat(200);
		try (Lineage lineage = Lineage.open(path, LineageSettings.defaults().withMaxPacks(1_000))) {
			for (int i = 0; i < 10; i++) {
				recorded.add(lineage.record(put("alice", "models/m/" + i + ".yaml", big + i)));
			}
		}
		try (Repository repository = LineageTests.open(path)) {
			GC gc = new GC((FileRepository) repository);
			gc.setPackExpire(Instant.now().plusSeconds(60));
			PackConfig deltas = new PackConfig(repository);
			deltas.setReuseObjects(false);
			deltas.setReuseDeltas(false);
			deltas.setDeltaCompress(true);
			gc.setPackConfig(deltas);
			gc.gc().get();
			assertThat(((ObjectDirectory) repository.getObjectDatabase()).getPacks()).hasSize(1);
		}
		try (Lineage lineage = Lineage.open(path, LineageSettings.defaults().withMaxPacks(1_000))) {
			for (int i = 10; i < 40; i++) {
				recorded.add(lineage.record(put("alice", "models/m/" + i + ".yaml", big + i)));
			}
		}
		try (Repository repository = LineageTests.open(path)) {
			ObjectDirectory objects = (ObjectDirectory) repository.getObjectDatabase();

			new PackCompaction(repository, 2).compactIfNeeded();

			assertThat(objects.getPacks()).hasSizeLessThan(31);
		}
		assertEverythingReadable(path, recorded);
	}

	private static void assertEverythingReadable(Path path, List<RecordedChange> recorded) {
		try (Lineage lineage = Lineage.open(path, LineageSettings.defaults())) {
			for (RecordedChange change : recorded) {
				ChangedFile file = change.files().getFirst();
				assertThat(lineage.read(change.commitId(), file.path())).get().extracting(LineageFixtures::text)
					.isEqualTo(text(file.content()));
			}
			assertThat(lineage.verify().problems()).isEmpty();
			assertThat(lineage.changesSince(null)).isEqualTo(recorded);
		}
	}
}
