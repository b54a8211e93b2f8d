package dev.steward.lineage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * Someone with write access to the registry repository but not to Steward: clones it, edits files and
 * pushes commits to main with JGit's porcelain, as {@code git clone}, {@code git commit} and
 * {@code git push} would.
 */
final class Forger implements AutoCloseable {

	private final Git git;

	private final Path work;

	private Forger(Git git, Path work) {
		this.git = git;
		this.work = work;
	}

	static Forger cloneOf(Path bareRepository, Path work) throws GitAPIException {
		Git git = Git.cloneRepository().setURI(bareRepository.toUri().toString()).setDirectory(work.toFile())
			.setBranch("main").call();
		return new Forger(git, work);
	}

	/** Fetches main again, so the next commit goes on top of what Steward wrote meanwhile. */
	Forger pull() throws GitAPIException {
		git.fetch().call();
		git.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).setRef("origin/main").call();
		return this;
	}

	Forger write(String path, String content) throws IOException, GitAPIException {
		Path file = work.resolve(path);
		Files.createDirectories(file.getParent());
		Files.writeString(file, content, StandardCharsets.UTF_8);
		git.add().addFilepattern(path).call();
		return this;
	}

	Forger delete(String path) throws GitAPIException {
		git.rm().addFilepattern(path).call();
		return this;
	}

	/** Commits what was staged with {@code message}, unsigned, and pushes it to main; answers the commit id. */
	String commitAndPush(String message) throws GitAPIException {
		PersonIdent mallory = new PersonIdent("mallory", "mallory@example.com");
		RevCommit commit = git.commit().setMessage(message).setAuthor(mallory).setCommitter(mallory).setSign(false)
			.setAllowEmpty(true).call();
		for (PushResult result : git.push().setRefSpecs(new RefSpec("HEAD:refs/heads/main")).call()) {
			for (RemoteRefUpdate update : result.getRemoteUpdates()) {
				if (update.getStatus() != RemoteRefUpdate.Status.OK) {
					throw new IllegalStateException("Push of " + commit.name() + " failed: " + update.getStatus());
				}
			}
		}
		return commit.name();
	}

	static String trailers(String actor, String action, String entity, String... files) {
		StringBuilder message = new StringBuilder("Edit " + entity + "\n\nSteward-Actor: " + actor + "\nSteward-Action: "
				+ action + "\nSteward-Entity: " + entity + "\n");
		for (String file : files) {
			message.append("Steward-File: ").append(file).append('\n');
		}
		return message.toString();
	}

	static String digest(String content) {
		return "sha256:" + Sha256.hex(content.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public void close() {
		git.close();
	}
}
