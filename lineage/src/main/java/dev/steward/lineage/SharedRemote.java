package dev.steward.lineage;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Git remote that several replicas share as the system of record. Only the leader pushes, and every
 * push moves {@code main} and the fence ref {@value #FENCE} together, atomically, each with the value the
 * leader last saw as its expected old value. A new leader first moves the fence to a takeover commit, so a
 * deposed leader's next push names a fence value the remote no longer has and is rejected whole.
 */
final class SharedRemote {

	private static final Logger LOG = LoggerFactory.getLogger(SharedRemote.class);

	/** The fence on the remote: moved by every leader push and by every takeover. */
	static final String FENCE = "refs/steward/leader";

	/** Where fetches put the remote's refs locally; {@code main} is then set from them. */
	static final String TRACKED_MAIN = "refs/steward/remote/main";

	static final String TRACKED_FENCE = "refs/steward/remote/leader";

	static final int TIMEOUT_SECONDS = 30;

	/** The remote's refs as one look saw them. */
	record Heads(@Nullable ObjectId main, @Nullable ObjectId fence) {
	}

	/** How a push ended. */
	sealed interface Pushed {
		/** The remote took it. */
		record Accepted() implements Pushed {
		}

		/** The remote's main or fence is not what this replica last saw: another replica leads now. */
		record Deposed(String reason) implements Pushed {
		}
	}

	private final Repository repository;

	private final URIish uri;

	private final String shownUri;

	private final String remoteBranch;

	SharedRemote(Repository repository, URI remote, String remoteBranch) {
		this.repository = repository;
		this.remoteBranch = "refs/heads/" + remoteBranch;
		try {
			this.uri = new URIish(remote.toString());
		}
		catch (URISyntaxException e) {
			throw new IllegalArgumentException("The remote " + remote + " is not a Git URL.", e);
		}
		this.shownUri = uri.setPass(null).setUser(null).toString();
	}

	/** The remote's address without credentials, for messages. */
	String shown() {
		return shownUri;
	}

	/**
	 * Fetches main and the fence into {@link #TRACKED_MAIN} and {@link #TRACKED_FENCE} and answers what the
	 * remote had. Looks first: when this clone already holds both commits (a follower's usual case), nothing
	 * is fetched.
	 */
	Heads fetch() throws IOException {
		Heads seen = look();
		List<RefSpec> specs = new ArrayList<>(2);
		if (seen.main() != null && !has(seen.main())) {
			specs.add(new RefSpec("+" + remoteBranch + ":" + TRACKED_MAIN));
		}
		if (seen.fence() != null && !has(seen.fence())) {
			specs.add(new RefSpec("+" + FENCE + ":" + TRACKED_FENCE));
		}
		if (specs.isEmpty()) {
			return seen;
		}
		try (Transport transport = Transport.open(repository, uri)) {
			transport.setTimeout(TIMEOUT_SECONDS);
			var result = transport.fetch(NullProgressMonitor.INSTANCE, specs);
			Ref main = result.getAdvertisedRef(remoteBranch);
			Ref fence = result.getAdvertisedRef(FENCE);
			return new Heads(main == null ? null : main.getObjectId(), fence == null ? null : fence.getObjectId());
		}
		catch (TransportException e) {
			throw new IOException("Fetching from " + shownUri + " failed: " + e.getMessage(), e);
		}
	}

	private boolean has(ObjectId commit) throws IOException {
		return repository.getObjectDatabase().has(commit);
	}

	/** Reads the remote's main and fence without fetching objects. */
	Heads look() throws IOException {
		try (Transport transport = Transport.open(repository, uri); FetchConnection connection = transport.openFetch()) {
			transport.setTimeout(TIMEOUT_SECONDS);
			Ref main = connection.getRef(remoteBranch);
			Ref fence = connection.getRef(FENCE);
			return new Heads(main == null ? null : main.getObjectId(), fence == null ? null : fence.getObjectId());
		}
		catch (TransportException e) {
			throw new IOException("Reading the refs of " + shownUri + " failed: " + e.getMessage(), e);
		}
	}

	/**
	 * Writes a takeover commit for {@code term} on top of {@code seen.main()} and moves the fence to it, if
	 * the fence is still {@code seen.fence()}. Answers the new fence, or {@code null} when the fence moved
	 * meanwhile (look again and retry).
	 */
	@Nullable ObjectId takeOver(Heads seen, Term term) throws IOException {
		ObjectId takeover;
		try (ObjectInserter inserter = repository.newObjectInserter()) {
			ObjectId emptyTree = inserter.insert(new TreeFormatter());
			CommitBuilder commit = new CommitBuilder();
			commit.setTreeId(emptyTree);
			if (seen.main() != null) {
				commit.setParentId(seen.main());
			}
			PersonIdent steward = new PersonIdent(GroupCommit.COMMITTER_NAME, GroupCommit.COMMITTER_EMAIL,
					Instant.now(), ZoneOffset.UTC);
			commit.setAuthor(steward);
			commit.setCommitter(steward);
			commit.setMessage("Take over writing the registry repository\n\n"
					+ "Steward-Leader-Generation: " + term.generation() + "\n"
					+ "Steward-Leader: " + term.holder() + "\n"
					+ "Steward-Main: " + (seen.main() == null ? "none" : seen.main().name()) + "\n");
			takeover = inserter.insert(commit);
			inserter.flush();
		}
		Pushed pushed = push(List.of(update(FENCE, takeover, seen.fence(), true)));
		return pushed instanceof Pushed.Accepted ? takeover : null;
	}

	/**
	 * Pushes {@code newHead} as main and as the fence, atomically, expecting main at {@code expectedMain}
	 * and the fence at {@code expectedFence}.
	 *
	 * @throws IOException the remote could not be reached or failed; whether it took the push is unknown
	 */
	Pushed publish(ObjectId newHead, @Nullable ObjectId expectedMain, @Nullable ObjectId expectedFence)
			throws IOException {
		return push(List.of(update(remoteBranch, newHead, expectedMain, false),
				update(FENCE, newHead, expectedFence, true)));
	}

	private RemoteRefUpdate update(String ref, ObjectId newId, @Nullable ObjectId expected, boolean force)
			throws IOException {
		// ObjectId.zeroId() as the expected value means "must not exist yet"
		return new RemoteRefUpdate(repository, (String) null, newId, ref, force, null,
				expected == null ? ObjectId.zeroId() : expected);
	}

	private Pushed push(List<RemoteRefUpdate> updates) throws IOException {
		try (Transport transport = Transport.open(repository, uri)) {
			transport.setTimeout(TIMEOUT_SECONDS);
			transport.setPushAtomic(true);
			PushResult result = transport.push(NullProgressMonitor.INSTANCE, updates);
			List<String> refused = new ArrayList<>();
			for (RemoteRefUpdate update : result.getRemoteUpdates()) {
				RemoteRefUpdate.Status status = update.getStatus();
				if (status != RemoteRefUpdate.Status.OK && status != RemoteRefUpdate.Status.UP_TO_DATE) {
					refused.add(update.getRemoteName() + " " + status
							+ (update.getMessage() == null ? "" : " (" + update.getMessage() + ")"));
				}
			}
			if (refused.isEmpty()) {
				return new Pushed.Accepted();
			}
			return new Pushed.Deposed("the remote " + shownUri + " refused " + String.join(", ", refused));
		}
		catch (TransportException e) {
			throw new IOException("Pushing to " + shownUri + " failed: " + e.getMessage(), e);
		}
	}

	/** Points local main at {@code commit} (or removes it), whatever it held: this replica follows the remote. */
	void resetMain(@Nullable ObjectId commit) throws IOException {
		ObjectId before = repository.exactRef(Lineage.MAIN) == null ? null
				: repository.exactRef(Lineage.MAIN).getObjectId();
		if (Objects.equals(before, commit)) {
			return;
		}
		if (commit == null) {
			delete(Lineage.MAIN);
		}
		else {
			RefUpdate update = repository.updateRef(Lineage.MAIN);
			update.disableRefLog();
			update.setNewObjectId(commit);
			update.setForceUpdate(true);
			RefUpdate.Result result = update.update();
			if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FORCED
					&& result != RefUpdate.Result.FAST_FORWARD && result != RefUpdate.Result.NO_CHANGE) {
				throw new IOException("Setting refs/heads/main to " + commit.name() + " failed: " + result);
			}
		}
		if (before != null && (commit == null || !isAncestor(before, commit))) {
			LOG.warn("Dropped local commits up to {} that the remote {} does not have; they were never acknowledged."
					+ " Main is now {}.", before.name(), shownUri, commit == null ? "empty" : commit.name());
		}
	}

	private boolean isAncestor(ObjectId ancestor, ObjectId commit) throws IOException {
		try (var walk = new org.eclipse.jgit.revwalk.RevWalk(repository)) {
			return walk.isMergedInto(walk.parseCommit(ancestor), walk.parseCommit(commit));
		}
	}

	private void delete(String ref) throws IOException {
		if (repository.exactRef(ref) == null) {
			return;
		}
		RefUpdate update = repository.updateRef(ref);
		update.disableRefLog();
		update.setForceUpdate(true);
		update.delete();
	}

	@Override
	public String toString() {
		return shownUri;
	}
}
