package dev.steward.lineage;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.jspecify.annotations.Nullable;

/** Reads files and history from the repository; safe to use from any thread. */
final class History {

	private final Repository repository;

	private final Trust trust;

	History(Repository repository, Trust trust) {
		this.repository = repository;
		this.trust = trust;
	}

	@Nullable ObjectId head() throws IOException {
		Ref main = repository.exactRef(Lineage.MAIN);
		return main == null ? null : main.getObjectId();
	}

	Optional<byte[]> read(@Nullable ObjectId commitId, String path) throws IOException {
		if (commitId == null) {
			return Optional.empty();
		}
		try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
			RevCommit commit = parseCommit(walk, commitId);
			try (TreeWalk treeWalk = TreeWalk.forPath(reader, path, commit.getTree())) {
				if (treeWalk == null || treeWalk.getFileMode(0) == FileMode.TREE) {
					return Optional.empty();
				}
				return Optional.of(reader.open(treeWalk.getObjectId(0), Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE));
			}
		}
	}

	void forEachFile(String prefix, BiConsumer<String, byte[]> visitor) throws IOException {
		ObjectId head = head();
		if (head == null) {
			return;
		}
		try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader);
				TreeWalk treeWalk = new TreeWalk(reader)) {
			treeWalk.addTree(walk.parseCommit(head).getTree());
			treeWalk.setRecursive(true);
			if (!prefix.isEmpty()) {
				treeWalk.setFilter(PathFilter.create(prefix));
			}
			while (treeWalk.next()) {
				visitor.accept(treeWalk.getPathString(),
						reader.open(treeWalk.getObjectId(0), Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE));
			}
		}
	}

	/**
	 * Hands over each commit of the first-parent history after {@code since}, oldest first, once it passed
	 * the checks; stops with {@link UntrustedCommit} at the first that does not.
	 */
	void changesSince(@Nullable String since, Consumer<RecordedChange> sink) throws IOException {
		ObjectId head = head();
		ObjectId stop = since == null ? null : commitId(since);
		if (head == null) {
			if (stop != null) {
				throw new CommitNotFound(since, "is not in the lineage repository, whose main branch is empty");
			}
			return;
		}
		try (ObjectReader reader = new RecentTrees(repository.newObjectReader(), 256);
				RevWalk walk = new RevWalk(reader)) {
			if (stop != null) {
				parseCommit(walk, stop);
			}
			List<ObjectId> pending = new ArrayList<>();
			walk.setRetainBody(false);
			walk.setFirstParent(true);
			walk.markStart(walk.parseCommit(head));
			boolean found = stop == null;
			for (RevCommit commit = walk.next(); commit != null; commit = walk.next()) {
				if (commit.equals(stop)) {
					found = true;
					break;
				}
				pending.add(commit.copy());
			}
			if (!found) {
				throw new CommitNotFound(since, "is not in the first-parent history of refs/heads/main");
			}
			Collections.reverse(pending);
			// commits up to the trust start were written before commits were signed and are held to the older rules
			ObjectId trustStart = trust.trustStart();
			int legacy = trustStart == null ? 0 : pending.indexOf(trustStart) + 1;
			try (RevWalk replay = new RevWalk(reader); TreeWalk diff = new TreeWalk(reader)) {
				diff.setRecursive(true);
				diff.setFilter(TreeFilter.ANY_DIFF);
				for (int i = 0; i < pending.size(); i++) {
					RevCommit commit = replay.parseCommit(pending.get(i));
					CommitMessage message = CommitMessage.parse(commit.getFullMessage());
					List<CommitRules.Changed> changed = new ArrayList<>();
					RecordedChange recorded = recorded(reader, replay, diff, commit, message, changed);
					List<VerifyReport.Problem> problems = i < legacy
							? CommitRules.legacy(reader, commit, message, changed)
							: check(commit, message, changed);
					if (!problems.isEmpty()) {
						throw new UntrustedCommit(commit.name(), CommitRules.describe(problems));
					}
					sink.accept(recorded);
					commit.disposeBody();
				}
			}
		}
	}

	/** The problems of a commit after the trust start: its signature and its Steward-File trailers. */
	private List<VerifyReport.Problem> check(RevCommit commit, CommitMessage message,
			List<CommitRules.Changed> changed) {
		String signature = trust.signatureProblem(repository, commit);
		List<VerifyReport.Problem> problems = new ArrayList<>();
		if (signature != null) {
			problems.add(new VerifyReport.Problem(commit.name(), null, signature));
		}
		problems.addAll(CommitRules.strict(commit.name(), message, changed));
		return problems;
	}

	/**
	 * The change {@code commit} made relative to its first parent; {@code changed} receives every changed
	 * path with its new mode and digest, for the rules.
	 */
	static RecordedChange recorded(ObjectReader reader, RevWalk walk, TreeWalk diff, RevCommit commit,
			CommitMessage message, List<CommitRules.Changed> changed) throws IOException {
		diff.reset();
		if (commit.getParentCount() > 0) {
			diff.addTree(walk.parseCommit(commit.getParent(0)).getTree());
		}
		else {
			diff.addTree(new EmptyTreeIterator());
		}
		diff.addTree(commit.getTree());
		List<ChangedFile> files = new ArrayList<>();
		while (diff.next()) {
			FileMode mode = diff.getFileMode(1);
			if (mode == FileMode.MISSING) {
				files.add(new ChangedFile(diff.getPathString(), null));
				changed.add(new CommitRules.Changed(diff.getPathString(), mode, null));
			}
			else if (mode != FileMode.GITLINK) {
				byte[] content = reader.open(diff.getObjectId(1), Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE);
				files.add(new ChangedFile(diff.getPathString(), content));
				changed.add(new CommitRules.Changed(diff.getPathString(), mode, Sha256.hex(content)));
			}
			else {
				changed.add(new CommitRules.Changed(diff.getPathString(), mode, null));
			}
		}
		return new RecordedChange(commit.name(), commitTime(commit), actor(message, commit),
				orEmpty(message.action()), orEmpty(message.entity()), message.extraTrailers(), files,
				commit.getParentCount() > 0 ? commit.getParent(0).name() : null);
	}

	List<CommitSummary> history(String prefix, int limit) throws IOException {
		ObjectId head = head();
		List<CommitSummary> summaries = new ArrayList<>();
		if (head == null || limit <= 0) {
			return summaries;
		}
		try (RevWalk walk = new RevWalk(repository)) {
			walk.setFirstParent(true);
			if (!prefix.isEmpty()) {
				walk.setTreeFilter(AndTreeFilter.create(PathFilter.create(prefix), TreeFilter.ANY_DIFF));
			}
			walk.markStart(walk.parseCommit(head));
			for (RevCommit commit = walk.next(); commit != null && summaries.size() < limit; commit = walk.next()) {
				CommitMessage message = CommitMessage.parse(commit.getFullMessage());
				summaries.add(new CommitSummary(commit.name(), commitTime(commit), actor(message, commit),
						orEmpty(message.action()), orEmpty(message.entity()), message.summary()));
			}
		}
		return summaries;
	}

	static ObjectId commitId(String commitId) {
		if (!ObjectId.isId(commitId)) {
			throw new IllegalArgumentException("'" + commitId + "' is not a 40-hex commit id.");
		}
		return ObjectId.fromString(commitId);
	}

	static RevCommit parseCommit(RevWalk walk, ObjectId id) throws IOException {
		try {
			return walk.parseCommit(id);
		}
		catch (MissingObjectException e) {
			throw new CommitNotFound(id.name(), "is not in the lineage repository");
		}
		catch (IncorrectObjectTypeException e) {
			throw new CommitNotFound(id.name(), "names an object that is not a commit");
		}
	}

	static Instant commitTime(RevCommit commit) {
		return commit.getCommitterIdent().getWhenAsInstant();
	}

	static String actor(CommitMessage message, RevCommit commit) {
		String actor = message.actor();
		return actor != null ? actor : commit.getAuthorIdent().getName();
	}

	private static String orEmpty(@Nullable String value) {
		return value == null ? "" : value;
	}
}
