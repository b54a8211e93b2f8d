package dev.steward.lineage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.jspecify.annotations.Nullable;

/**
 * What a commit's message must say about its files, checked by the index replay and by {@link Verification}.
 *
 * <p>A commit after the trust start (every commit, when there is none) names each file it changes relative
 * to its first parent in a {@code Steward-File} trailer, with the SHA-256 of the new content or
 * {@code deleted}, and names nothing else. A commit at or before the trust start was written before that
 * rule: only the digests its trailers name are checked, against the files in its tree.
 */
final class CommitRules {

	/**
	 * A file a commit changed relative to its first parent.
	 *
	 * @param mode the new mode; {@link FileMode#MISSING} when the commit deleted the file
	 * @param sha256 the hex SHA-256 of the new content, {@code null} when deleted or not a blob
	 */
	record Changed(String path, FileMode mode, @Nullable String sha256) {
	}

	private CommitRules() {
	}

	/** The problems of a commit after the trust start; empty when it follows the rules. */
	static List<VerifyReport.Problem> strict(String commitId, CommitMessage message, List<Changed> changed) {
		List<VerifyReport.Problem> problems = new ArrayList<>();
		requireTrailers(commitId, message, problems);
		Map<String, CommitMessage.FileDigest> named = new LinkedHashMap<>();
		for (CommitMessage.FileDigest file : message.files()) {
			if (named.putIfAbsent(file.path(), file) != null) {
				problems.add(new VerifyReport.Problem(commitId, file.path(), "Two Steward-File trailers name this file."));
			}
		}
		for (Changed file : changed) {
			CommitMessage.FileDigest trailer = named.remove(file.path());
			boolean deleted = file.mode() == FileMode.MISSING;
			if (!deleted && file.mode() != FileMode.REGULAR_FILE) {
				problems.add(new VerifyReport.Problem(commitId, file.path(), "The commit writes this path as "
						+ describe(file.mode()) + "; Steward writes only regular files."));
			}
			else if (trailer == null) {
				problems.add(new VerifyReport.Problem(commitId, file.path(), "The commit "
						+ (deleted ? "deletes" : "changes") + " this file but no Steward-File trailer names it."));
			}
			else if (deleted && !trailer.deleted()) {
				problems.add(new VerifyReport.Problem(commitId, file.path(), "The commit deletes this file but its"
						+ " trailer records sha256:" + trailer.sha256() + "."));
			}
			else if (!deleted && trailer.deleted()) {
				problems.add(new VerifyReport.Problem(commitId, file.path(), "The trailer records a deletion but the"
						+ " commit writes the file (sha256:" + file.sha256() + ")."));
			}
			else if (!deleted && !trailer.sha256().equals(file.sha256())) {
				problems.add(new VerifyReport.Problem(commitId, file.path(), "The trailer records sha256:"
						+ trailer.sha256() + " but the file has sha256:" + file.sha256() + "."));
			}
		}
		for (CommitMessage.FileDigest leftover : named.values()) {
			problems.add(new VerifyReport.Problem(commitId, leftover.path(),
					"The Steward-File trailer names a file the commit did not change."));
		}
		return problems;
	}

	/**
	 * The problems of a commit at or before the trust start: the Steward trailers are there, and each file a
	 * trailer names has the recorded digest in the commit's tree ({@code changed} answers for the files the
	 * commit changed; others are read from the tree).
	 */
	static List<VerifyReport.Problem> legacy(ObjectReader reader, RevCommit commit, CommitMessage message,
			List<Changed> changed) {
		List<VerifyReport.Problem> problems = new ArrayList<>();
		requireTrailers(commit.name(), message, problems);
		Map<String, Changed> byPath = new HashMap<>();
		changed.forEach(file -> byPath.put(file.path(), file));
		for (CommitMessage.FileDigest file : message.files()) {
			Changed known = byPath.get(file.path());
			String actual;
			if (known != null) {
				actual = known.mode() == FileMode.MISSING ? null : known.sha256();
			}
			else {
				actual = digestInTree(reader, commit, file.path(), problems);
			}
			if (file.deleted()) {
				if (actual != null) {
					problems.add(new VerifyReport.Problem(commit.name(), file.path(),
							"The trailer records a deletion but the commit has the file."));
				}
			}
			else if (actual == null) {
				problems.add(new VerifyReport.Problem(commit.name(), file.path(),
						"The Steward-File trailer names a file the commit does not have."));
			}
			else if (!actual.equals(file.sha256())) {
				problems.add(new VerifyReport.Problem(commit.name(), file.path(),
						"The trailer records sha256:" + file.sha256() + " but the file has sha256:" + actual + "."));
			}
		}
		return problems;
	}

	private static void requireTrailers(String commitId, CommitMessage message, List<VerifyReport.Problem> problems) {
		if (message.actor() == null || message.action() == null || message.entity() == null) {
			problems.add(new VerifyReport.Problem(commitId, null,
					"The commit lacks the Steward-Actor, Steward-Action or Steward-Entity trailer."));
		}
	}

	private static @Nullable String digestInTree(ObjectReader reader, RevCommit commit, String path,
			List<VerifyReport.Problem> problems) {
		try (TreeWalk walk = TreeWalk.forPath(reader, path, commit.getTree())) {
			if (walk == null || walk.getFileMode(0) == FileMode.TREE || walk.getFileMode(0) == FileMode.GITLINK) {
				return null;
			}
			return Sha256.hex(reader.open(walk.getObjectId(0), Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE));
		}
		catch (IOException e) {
			problems.add(new VerifyReport.Problem(commit.name(), path, "Reading the file failed: " + e.getMessage()));
			return "unreadable";
		}
	}

	private static String describe(FileMode mode) {
		if (mode == FileMode.EXECUTABLE_FILE) {
			return "an executable file";
		}
		if (mode == FileMode.SYMLINK) {
			return "a symbolic link";
		}
		if (mode == FileMode.GITLINK) {
			return "a submodule link";
		}
		return "mode " + mode;
	}

	/** One sentence per problem, for an exception message or a log line. */
	static String describe(List<VerifyReport.Problem> problems) {
		StringBuilder text = new StringBuilder();
		for (VerifyReport.Problem problem : problems) {
			if (!text.isEmpty()) {
				text.append(' ');
			}
			if (problem.path() != null) {
				text.append(problem.path()).append(": ");
			}
			text.append(problem.description());
		}
		return text.toString();
	}
}
