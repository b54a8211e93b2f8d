package dev.steward.lineage;

import java.io.IOException;
import java.util.ArrayList;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.util.RawParseUtils;
import org.jspecify.annotations.Nullable;

/**
 * The tree at the head of main, cached in memory and changed in place, so a commit costs the trees on
 * the path from the changed files to the root, not the size of the repository.
 *
 * <p>Directories are loaded from the object database the first time a change walks into them. A
 * directory whose {@code id} is {@code null} has changed since it was last written. Entries are kept in
 * Git's tree order: names compared by code point (the order of their UTF-8 bytes), with a directory's
 * key carrying a trailing '/', so writing a tree needs no sorting. Only the writer thread uses it.
 */
final class HeadTree {

	/** Git's entry order; code point order equals the byte order of UTF-8. */
	static final Comparator<String> GIT_ORDER = (a, b) -> {
		int i = 0;
		int j = 0;
		while (i < a.length() && j < b.length()) {
			int ca = a.codePointAt(i);
			int cb = b.codePointAt(j);
			if (ca != cb) {
				return Integer.compare(ca, cb);
			}
			i += Character.charCount(ca);
			j += Character.charCount(cb);
		}
		return Integer.compare(a.length() - i, b.length() - j);
	};

	private final ObjectReader reader;

	private final Dir root;

	private HeadTree(ObjectReader reader, Dir root) {
		this.reader = reader;
		this.root = root;
	}

	/** The tree {@code treeId}, or an empty tree for an unborn branch. */
	static HeadTree of(ObjectReader reader, @Nullable ObjectId treeId) {
		return new HeadTree(reader, treeId == null ? Dir.empty() : new Dir(treeId));
	}

	/**
	 * A file entry; {@code offset} is where its id sits in the parent's {@link Dir#raw} tree, or -1.
	 */
	record Blob(ObjectId id, FileMode mode, int offset) {
	}

	static final class Dir {

		@Nullable ObjectId id;

		@Nullable TreeMap<String, Object> entries;

		/** The tree object as last written or loaded; patched in place when only entry ids changed. */
		byte @Nullable [] raw;

		/** Entries were removed, or directories added, since {@link #raw}: the tree is serialized afresh. */
		boolean reshaped;

		/**
		 * Files added since {@link #raw} (and nothing else reshaped): they are spliced into a copy of it, so
		 * adding a version to a directory of thousands costs a memory copy, not a walk over its entries.
		 */
		@Nullable Set<String> added;

		/** Entries after a splice point moved: the offsets kept in entries are wrong until serialized. */
		boolean offsetsStale;

		/** Keys whose ids changed since {@link #raw}. */
		@Nullable Set<String> repointed;

		/** Where this directory's id sits in the parent's {@link #raw}, or -1. */
		int offset = -1;

		void add(String key) {
			Set<String> keys = added;
			if (keys == null) {
				keys = new HashSet<>();
				added = keys;
			}
			keys.add(key);
		}

		void repoint(String key) {
			Set<String> keys = repointed;
			if (keys == null) {
				keys = new HashSet<>();
				repointed = keys;
			}
			keys.add(key);
		}

		Dir(ObjectId id) {
			this.id = id;
		}

		private Dir() {
		}

		static Dir empty() {
			Dir dir = new Dir();
			dir.entries = new TreeMap<>(GIT_ORDER);
			return dir;
		}
	}

	/** What applying one file change did. */
	record Applied(String path, @Nullable ObjectId blob, boolean changed) {
	}

	/** Map edits of one change, so a change that fails part way leaves the tree as it was. */
	static final class Undo {

		private record Edit(Dir dir, String key, @Nullable Object previous) {
		}

		private final List<Edit> edits = new ArrayList<>();

		void record(Dir dir, String key, @Nullable Object previous) {
			edits.add(new Edit(dir, key, previous));
		}

		void revert() {
			for (int i = edits.size() - 1; i >= 0; i--) {
				Edit edit = edits.get(i);
				TreeMap<String, Object> entries = entriesOf(edit.dir());
				if (edit.previous() == null) {
					entries.remove(edit.key());
				}
				else {
					entries.put(edit.key(), edit.previous());
				}
				// the directory id was cleared when it changed; it is recomputed, identical, on the next write
			}
			edits.clear();
		}
	}

	/**
	 * Applies one file change; the blob is inserted through {@code inserter}.
	 *
	 * @throws PathAlreadyExists a CREATE found the path taken
	 * @throws PathConflict a file stands where a directory is needed, or the other way round
	 */
	Applied apply(FileChange change, ObjectInserter inserter, Undo undo) throws IOException {
		String path = change.path();
		String[] segments = path.split("/");
		List<Dir> chain = new ArrayList<>(segments.length);
		Dir dir = root;
		chain.add(dir);
		for (int i = 0; i < segments.length - 1; i++) {
			TreeMap<String, Object> entries = load(dir);
			String name = segments[i];
			if (entries.get(name) != null) {
				if (change.kind() == FileChange.Kind.DELETE) {
					return new Applied(path, null, false);
				}
				throw new PathConflict(path, "'" + String.join("/", List.of(segments).subList(0, i + 1)) + "' is a file");
			}
			Object next = entries.get(name + "/");
			if (next == null) {
				if (change.kind() == FileChange.Kind.DELETE) {
					return new Applied(path, null, false);
				}
				next = Dir.empty();
				undo.record(dir, name + "/", null);
				entries.put(name + "/", next);
				dir.reshaped = true;
			}
			dir = (Dir) next;
			chain.add(dir);
		}
		TreeMap<String, Object> entries = load(dir);
		String name = segments[segments.length - 1];
		if (entries.containsKey(name + "/")) {
			if (change.kind() == FileChange.Kind.CREATE) {
				throw new PathAlreadyExists(path);
			}
			throw new PathConflict(path, "it is a directory");
		}
		Object existing = entries.get(name);
		if (change.kind() == FileChange.Kind.DELETE) {
			if (existing == null) {
				return new Applied(path, null, false);
			}
			undo.record(dir, name, existing);
			entries.remove(name);
			dir.reshaped = true;
			markChanged(chain, segments);
			for (int i = chain.size() - 1; i > 0 && entriesOf(chain.get(i)).isEmpty(); i--) {
				String key = segments[i - 1] + "/";
				undo.record(chain.get(i - 1), key, chain.get(i));
				entriesOf(chain.get(i - 1)).remove(key);
				chain.get(i - 1).reshaped = true;
			}
			return new Applied(path, null, true);
		}
		if (existing != null && change.kind() == FileChange.Kind.CREATE) {
			throw new PathAlreadyExists(path);
		}
		ObjectId blob = inserter.insert(Constants.OBJ_BLOB, contentOf(change));
		if (existing instanceof Blob old && old.id().equals(blob) && old.mode() == FileMode.REGULAR_FILE) {
			return new Applied(path, blob, false);
		}
		undo.record(dir, name, existing);
		if (existing instanceof Blob old && old.mode() == FileMode.REGULAR_FILE && old.offset() >= 0) {
			entries.put(name, new Blob(blob, FileMode.REGULAR_FILE, old.offset()));
			dir.repoint(name);
		}
		else {
			entries.put(name, new Blob(blob, FileMode.REGULAR_FILE, -1));
			if (existing == null) {
				dir.add(name);
			}
			else {
				dir.reshaped = true;
			}
		}
		markChanged(chain, segments);
		return new Applied(path, blob, true);
	}

	/** Writes every changed directory, deepest first, and answers the root tree id. */
	ObjectId write(ObjectInserter inserter) throws IOException {
		return write(root, inserter);
	}

	private ObjectId write(Dir dir, ObjectInserter inserter) throws IOException {
		if (dir.id != null) {
			return dir.id;
		}
		byte[] raw = dir.raw;
		byte[] tree;
		if (raw == null || dir.reshaped || (dir.offsetsStale && dir.repointed != null)) {
			tree = serialize(dir, inserter);
		}
		else if (dir.added != null && dir.repointed == null) {
			tree = splice(dir, raw, dir.added);
		}
		else if (dir.added != null) {
			tree = serialize(dir, inserter);
		}
		else {
			tree = patch(dir, raw, inserter);
		}
		dir.raw = tree;
		dir.reshaped = false;
		dir.repointed = null;
		dir.added = null;
		ObjectId id = inserter.insert(Constants.OBJ_TREE, tree);
		dir.id = id;
		return id;
	}

	/**
	 * Copies the previous tree and overwrites the ids that changed: a directory with thousands of
	 * entries costs a memory copy, not a walk over its entries.
	 */
	private byte[] patch(Dir dir, byte[] raw, ObjectInserter inserter) throws IOException {
		byte[] tree = raw.clone();
		Set<String> keys = dir.repointed;
		if (keys == null) {
			return tree;
		}
		TreeMap<String, Object> entries = entriesOf(dir);
		for (String key : keys) {
			Object entry = entries.get(key);
			if (entry instanceof Dir sub && sub.offset >= 0) {
				write(sub, inserter).copyRawTo(tree, sub.offset);
			}
			else if (entry instanceof Blob blob && blob.offset() >= 0) {
				blob.id().copyRawTo(tree, blob.offset());
			}
			else {
				return serialize(dir, inserter);
			}
		}
		return tree;
	}

	/**
	 * Copies the previous tree with the added files inserted in Git's order. The entries after the first
	 * insertion moved, so their remembered offsets go stale until the next full serialization.
	 */
	private byte[] splice(Dir dir, byte[] raw, Set<String> added) throws IOException {
		TreeMap<String, Object> entries = entriesOf(dir);
		List<String> keys = new ArrayList<>(added.size());
		for (String key : added) {
			if (entries.get(key) instanceof Blob) { // an undone change leaves its key here
				keys.add(key);
			}
		}
		keys.sort(GIT_ORDER);
		ByteArrayOutputStream tree = new ByteArrayOutputStream(raw.length + keys.size() * 64);
		int next = 0;
		byte[] nextName = keys.isEmpty() ? null : keys.get(0).getBytes(StandardCharsets.UTF_8);
		int run = 0; // start of the raw bytes not yet copied
		int position = 0;
		while (position < raw.length && nextName != null) {
			int nameStart = position;
			while (raw[nameStart] != ' ') {
				nameStart++;
			}
			boolean isTree = raw[position] == '4'; // 40000: the only mode starting with 4
			nameStart++;
			int nameEnd = nameStart;
			while (raw[nameEnd] != 0) {
				nameEnd++;
			}
			if (compare(nextName, raw, nameStart, nameEnd, isTree) < 0) {
				tree.write(raw, run, position - run);
				run = position;
				writeFile(tree, nextName, (Blob) entries.get(keys.get(next)));
				next++;
				nextName = next < keys.size() ? keys.get(next).getBytes(StandardCharsets.UTF_8) : null;
				continue; // the same raw entry against the next added name
			}
			position = nameEnd + 1 + Constants.OBJECT_ID_LENGTH;
		}
		tree.write(raw, run, raw.length - run);
		for (; next < keys.size(); next++) {
			writeFile(tree, keys.get(next).getBytes(StandardCharsets.UTF_8), (Blob) entries.get(keys.get(next)));
		}
		if (!keys.isEmpty()) {
			dir.offsetsStale = true;
		}
		return tree.toByteArray();
	}

	private static void writeFile(ByteArrayOutputStream tree, byte[] name, Blob blob) throws IOException {
		blob.mode().copyTo(tree);
		tree.write(' ');
		tree.writeBytes(name);
		tree.write(0);
		blob.id().copyRawTo(tree);
	}

	/** Git's order of a file name against an entry of a raw tree, whose name sorts with a '/' if it is a tree. */
	private static int compare(byte[] name, byte[] raw, int start, int end, boolean rawIsTree) {
		int n = end - start;
		for (int i = 0; i < Math.min(name.length, n); i++) {
			int c = Integer.compare(name[i] & 0xff, raw[start + i] & 0xff);
			if (c != 0) {
				return c;
			}
		}
		if (name.length == n) {
			return rawIsTree ? -1 : 0; // "a" against "a/": the file first
		}
		if (name.length < n) {
			return -1;
		}
		// the raw name is a prefix of the file name: a tree's '/' is compared with the next byte
		return rawIsTree ? Integer.compare(name[n] & 0xff, '/') : 1;
	}

	/** Writes the tree from its entries, remembering where each id sits for later patches. */
	private byte[] serialize(Dir dir, ObjectInserter inserter) throws IOException {
		dir.offsetsStale = false;
		TreeMap<String, Object> entries = entriesOf(dir);
		ByteArrayOutputStream tree = new ByteArrayOutputStream(Math.max(64, entries.size() * 48));
		for (Map.Entry<String, Object> entry : entries.entrySet()) {
			String key = entry.getKey();
			if (entry.getValue() instanceof Dir sub) {
				ObjectId id = write(sub, inserter);
				FileMode.TREE.copyTo(tree);
				tree.write(' ');
				tree.writeBytes(key.substring(0, key.length() - 1).getBytes(StandardCharsets.UTF_8));
				tree.write(0);
				sub.offset = tree.size();
				id.copyRawTo(tree);
			}
			else {
				Blob blob = (Blob) entry.getValue();
				blob.mode().copyTo(tree);
				tree.write(' ');
				tree.writeBytes(key.getBytes(StandardCharsets.UTF_8));
				tree.write(0);
				if (blob.offset() != tree.size()) {
					entry.setValue(new Blob(blob.id(), blob.mode(), tree.size()));
				}
				blob.id().copyRawTo(tree);
			}
		}
		return tree.toByteArray();
	}

	private static void markChanged(List<Dir> chain, String[] segments) {
		for (int i = 0; i < chain.size(); i++) {
			chain.get(i).id = null;
			if (i > 0) {
				chain.get(i - 1).repoint(segments[i - 1] + "/");
			}
		}
	}

	private TreeMap<String, Object> load(Dir dir) throws IOException {
		TreeMap<String, Object> entries = dir.entries;
		if (entries != null) {
			return entries;
		}
		ObjectId id = dir.id;
		if (id == null) {
			throw new IllegalStateException("A changed directory is always loaded.");
		}
		byte[] raw = reader.open(id, Constants.OBJ_TREE).getCachedBytes(Integer.MAX_VALUE);
		entries = new TreeMap<>(GIT_ORDER);
		int position = 0;
		while (position < raw.length) {
			int mode = 0;
			while (raw[position] != ' ') {
				mode = (mode << 3) + (raw[position++] - '0');
			}
			int nameStart = ++position;
			while (raw[position] != 0) {
				position++;
			}
			String name = RawParseUtils.decode(raw, nameStart, position);
			int offset = ++position;
			ObjectId entryId = ObjectId.fromRaw(raw, offset);
			position += Constants.OBJECT_ID_LENGTH;
			if (FileMode.TREE.equals(mode)) {
				Dir sub = new Dir(entryId);
				sub.offset = offset;
				entries.put(name + "/", sub);
			}
			else {
				entries.put(name, new Blob(entryId, FileMode.fromBits(mode), offset));
			}
		}
		dir.entries = entries;
		dir.raw = raw;
		return entries;
	}

	private static TreeMap<String, Object> entriesOf(Dir dir) {
		TreeMap<String, Object> entries = dir.entries;
		if (entries == null) {
			throw new IllegalStateException("An edited directory is always loaded.");
		}
		return entries;
	}

	private static byte[] contentOf(FileChange change) {
		byte[] content = change.content();
		if (content == null) {
			throw new IllegalStateException(change.kind() + " always carries content.");
		}
		return content;
	}
}
