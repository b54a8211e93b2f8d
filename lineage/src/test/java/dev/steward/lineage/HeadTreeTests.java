package dev.steward.lineage;

import static dev.steward.lineage.LineageFixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadTreeTests {

	@TempDir
	Path directory;

	@Test
	void writesTheSameTreesAsAFullIndexRebuild() throws Exception {
		try (Git git = Git.init().setBare(true).setDirectory(directory.toFile()).call();
				ObjectInserter inserter = git.getRepository().newObjectInserter();
				ObjectReader reader = git.getRepository().newObjectReader()) {
			Repository repository = git.getRepository();
			String[] names = { "a", "a-b", "a.b", "a0", "b", "Z", "é", "ü-1", "x y", "𝔸" };
			Random random = new Random(7);
			TreeMap<String, byte[]> expected = new TreeMap<>();
			HeadTree tree = HeadTree.of(reader, null);
			ObjectId written = null;
			for (int step = 0; step < 600; step++) {
				String path = randomPath(random, names);
				FileChange change = random.nextInt(4) == 0 ? FileChange.delete(path)
						: FileChange.put(path, yaml("step " + step));
				HeadTree.Undo undo = new HeadTree.Undo();
				try {
					tree.apply(change, inserter, undo);
					if (change.kind() == FileChange.Kind.DELETE) {
						expected.remove(path);
					}
					else {
						expected.put(path, change.content());
					}
				}
				catch (PathConflict conflict) {
					undo.revert();
				}
				written = tree.write(inserter);
				if (step % 20 == 0) {
					inserter.flush();
					assertThat(written).as("tree after step %d", step).isEqualTo(rebuild(repository, expected));
				}
				if (step % 50 == 0) {
					// start again from the written tree, loading lazily, as after a restart
					inserter.flush();
					tree = HeadTree.of(reader, written);
				}
			}
			inserter.flush();

			assertThat(written).isEqualTo(rebuild(repository, expected));
		}
	}

	@Test
	void splicesFilesAddedToALargeDirectoryInGitOrder() throws Exception {
		try (Git git = Git.init().setBare(true).setDirectory(directory.toFile()).call();
				ObjectInserter inserter = git.getRepository().newObjectInserter();
				ObjectReader reader = git.getRepository().newObjectReader()) {
			Repository repository = git.getRepository();
			String[] names = { "1.yaml", "10.yaml", "2.yaml", "a", "a-b", "a.b", "a0", "Z", "é", "x y" };
			Random random = new Random(11);
			TreeMap<String, byte[]> expected = new TreeMap<>();
			HeadTree tree = HeadTree.of(reader, null);
			for (int step = 0; step < 400; step++) {
				// mostly new files in one directory, in batches of 1-4, with a sub-directory or a change now and then
				int batch = 1 + random.nextInt(4);
				for (int b = 0; b < batch; b++) {
					String name = names[random.nextInt(names.length)] + (random.nextInt(3) == 0 ? "" : "-" + step + "-" + b);
					String path = "models/m/versions/" + (random.nextInt(15) == 0 ? name + "/inner" : name);
					FileChange change = random.nextInt(12) == 0 ? FileChange.put(path, yaml("changed " + step))
							: FileChange.create(path, yaml("step " + step + "/" + b));
					HeadTree.Undo undo = new HeadTree.Undo();
					try {
						tree.apply(change, inserter, undo);
						expected.put(path, change.content());
					}
					catch (PathConflict | PathAlreadyExists refused) {
						undo.revert();
					}
				}
				ObjectId written = tree.write(inserter);
				inserter.flush();
				assertThat(written).as("tree after step %d", step).isEqualTo(rebuild(repository, expected));
				if (step % 97 == 0) {
					tree = HeadTree.of(reader, written);
				}
			}
		}
	}

	private static String randomPath(Random random, String[] names) {
		List<String> segments = new ArrayList<>();
		int depth = 1 + random.nextInt(3);
		for (int i = 0; i < depth; i++) {
			segments.add(names[random.nextInt(names.length)]);
		}
		return String.join("/", segments);
	}

	private static ObjectId rebuild(Repository repository, TreeMap<String, byte[]> files) throws IOException {
		DirCache index = DirCache.newInCore();
		DirCacheBuilder builder = index.builder();
		try (ObjectInserter inserter = repository.newObjectInserter()) {
			for (var file : files.entrySet()) {
				DirCacheEntry entry = new DirCacheEntry(file.getKey());
				entry.setFileMode(FileMode.REGULAR_FILE);
				entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, file.getValue()));
				builder.add(entry);
			}
			builder.finish();
			ObjectId tree = index.writeTree(inserter);
			inserter.flush();
			return tree;
		}
	}
}
