package dev.steward.lineage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.ObjectWalk;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.jspecify.annotations.Nullable;

/**
 * Checks every commit reachable from main and re-hashes every reachable object, so a tampered file, a
 * commit made outside Steward or a damaged pack shows up. A commit after the trust start (every commit when
 * there is none) must carry the signature of a trusted key (when lineage signs) and name each file it
 * changes, and only those, in {@code Steward-File} trailers with their digests ({@link CommitRules#strict});
 * commits up to the trust start only need their named digests to match ({@link CommitRules#legacy}).
 */
final class Verification {

	private final Repository repository;

	private final Trust trust;

	Verification(Repository repository, Trust trust) {
		this.repository = repository;
		this.trust = trust;
	}

	VerifyReport run(@Nullable ObjectId head) {
		List<VerifyReport.Problem> problems = new ArrayList<>();
		ObjectId configuredStart = trust.trustStart();
		String trustStart = configuredStart == null ? null : configuredStart.name();
		if (head == null) {
			return new VerifyReport(0, 0, 0, 0, trustStart, problems);
		}
		long commits = 0;
		long files = 0;
		long signatures = 0;
		try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader);
				TreeWalk diff = new TreeWalk(reader)) {
			diff.setRecursive(true);
			diff.setFilter(TreeFilter.ANY_DIFF);
			RevCommit start = trustStart(reader, head, problems);
			walk.markStart(walk.parseCommit(head));
			if (start != null) {
				walk.markUninteresting(walk.parseCommit(start));
			}
			for (RevCommit commit = walk.next(); commit != null; commit = walk.next()) {
				commits++;
				CommitMessage message = CommitMessage.parse(commit.getFullMessage());
				files += message.files().size();
				List<CommitRules.Changed> changed = new ArrayList<>();
				History.recorded(reader, walk, diff, commit, message, changed);
				if (trust.signatures() != null) {
					signatures++;
					String signature = trust.signatureProblem(repository, commit);
					if (signature != null) {
						problems.add(new VerifyReport.Problem(commit.name(), null, signature));
					}
				}
				problems.addAll(CommitRules.strict(commit.name(), message, changed));
				commit.disposeBody();
			}
			if (start != null) {
				try (RevWalk before = new RevWalk(reader)) {
					before.markStart(before.parseCommit(start));
					for (RevCommit commit = before.next(); commit != null; commit = before.next()) {
						commits++;
						CommitMessage message = CommitMessage.parse(commit.getFullMessage());
						files += message.files().size();
						List<CommitRules.Changed> changed = new ArrayList<>();
						History.recorded(reader, before, diff, commit, message, changed);
						problems.addAll(CommitRules.legacy(reader, commit, message, changed));
						commit.disposeBody();
					}
				}
			}
		}
		catch (IOException e) {
			problems.add(new VerifyReport.Problem(null, null, "Walking the history failed: " + e.getMessage()));
		}
		long objects = checkObjects(head, problems);
		return new VerifyReport(commits, files, signatures, objects, trustStart, problems);
	}

	/**
	 * The configured trust start, if it is a commit in the first-parent history of main; otherwise a problem
	 * is reported and no commit is accepted unsigned.
	 */
	private @Nullable RevCommit trustStart(ObjectReader reader, ObjectId head, List<VerifyReport.Problem> problems)
			throws IOException {
		ObjectId start = trust.trustStart();
		if (start == null) {
			return null;
		}
		try (RevWalk walk = new RevWalk(reader)) {
			RevCommit startCommit;
			try {
				startCommit = walk.parseCommit(start);
			}
			catch (MissingObjectException | IncorrectObjectTypeException e) {
				problems.add(new VerifyReport.Problem(start.name(), null, "The configured trust start is not a commit of"
						+ " this repository, so no commit is accepted without a signature."));
				return null;
			}
			walk.setRetainBody(false);
			walk.setFirstParent(true);
			walk.markStart(walk.parseCommit(head));
			for (RevCommit commit = walk.next(); commit != null; commit = walk.next()) {
				if (commit.equals(startCommit)) {
					return startCommit;
				}
			}
			problems.add(new VerifyReport.Problem(start.name(), null, "The configured trust start is not in the"
					+ " first-parent history of main (was the history rewritten?), so no commit is accepted without"
					+ " a signature."));
			return null;
		}
	}

	/** Reads every object reachable from {@code head} and checks that its content hashes to its id. */
	private long checkObjects(ObjectId head, List<VerifyReport.Problem> problems) {
		long count = 0;
		try (ObjectReader reader = repository.newObjectReader(); ObjectWalk walk = new ObjectWalk(reader);
				ObjectInserter.Formatter hasher = new ObjectInserter.Formatter()) {
			walk.markStart(walk.parseAny(head));
			for (RevCommit commit = walk.next(); commit != null; commit = walk.next()) {
				count += rehash(reader, hasher, commit, problems);
			}
			for (RevObject object = walk.nextObject(); object != null; object = walk.nextObject()) {
				count += rehash(reader, hasher, object, problems);
			}
		}
		catch (IOException e) {
			problems.add(new VerifyReport.Problem(null, null, "An object reachable from main is unreadable: " + e.getMessage()));
		}
		return count;
	}

	private static int rehash(ObjectReader reader, ObjectInserter.Formatter hasher, RevObject object,
			List<VerifyReport.Problem> problems) {
		try {
			ObjectLoader loader = reader.open(object, object.getType());
			ObjectId actual = hasher.idFor(object.getType(), loader.getCachedBytes(Integer.MAX_VALUE));
			if (!actual.equals(object)) {
				problems.add(new VerifyReport.Problem(null, null, "Object " + object.name() + " hashes to " + actual.name() + "."));
			}
		}
		catch (IOException e) {
			problems.add(new VerifyReport.Problem(null, null, "Object " + object.name() + " is unreadable: " + e.getMessage()));
		}
		return 1;
	}
}
