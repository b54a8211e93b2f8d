package dev.steward.lineage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer: drains pending changes in batches, writes one commit per change chained in order
 * into one pack, makes the pack durable, then moves {@code refs/heads/main} once for the whole batch
 * with a compare-and-set. When another process moved the ref in between, the batch is rebuilt on the
 * new head.
 */
final class GroupCommit implements AutoCloseable {

	private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

	/** How long a batch keeps retrying while other writers move or lock main. */
	private static final Duration RETRY_BUDGET = Duration.ofSeconds(30);

	/** A lock is held for milliseconds; one this old was left by a killed process. */
	private static final Duration STALE_LOCK = Duration.ofSeconds(5);

	static final String COMMITTER_NAME = "Steward";

	static final String COMMITTER_EMAIL = "steward@steward.local";

	record Pending(Change change, CompletableFuture<RecordedChange> future) {
	}

	/**
	 * Where a batch goes before its callers are answered, when the repository is shared by several replicas:
	 * {@link #publish} runs after the batch's pack is written and before main moves locally.
	 */
	interface Publication {

		/** Whether this replica takes changes now. */
		boolean accepting();

		/** Why changes are refused while {@link #accepting()} is false. */
		String refusal();

		/**
		 * Makes the batch from {@code base} to {@code newHead} durable elsewhere, or throws
		 * {@link LineageUnavailable} to fail it (nothing is recorded then).
		 */
		void publish(@Nullable ObjectId base, ObjectId newHead);
	}

	private record Built(Pending pending, RecordedChange recorded) {
	}

	private record Attempt(@Nullable ObjectId base, @Nullable ObjectId newHead, List<Built> built,
			Map<Pending, LineageException> failures, List<Path> packFiles) {
	}

	private final Repository repository;

	private final ObjectDirectory objects;

	private final int maxBatch;

	private final Runnable afterBatch;

	private final @Nullable Signatures signatures;

	private final @Nullable Publication publication;

	private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();

	private final List<CommitListener> listeners = new CopyOnWriteArrayList<>();

	private final Thread thread;

	private final ObjectReader reader;

	private final MainRef mainRef;

	private volatile boolean closing;

	private @Nullable ObjectId head;

	private @Nullable HeadTree tree;

	GroupCommit(Repository repository, int maxBatch, @Nullable Signatures signatures, Runnable afterBatch) {
		this(repository, maxBatch, signatures, null, afterBatch);
	}

	GroupCommit(Repository repository, int maxBatch, @Nullable Signatures signatures,
			@Nullable Publication publication, Runnable afterBatch) {
		this.repository = repository;
		this.signatures = signatures;
		this.publication = publication;
		this.objects = (ObjectDirectory) repository.getObjectDatabase();
		this.maxBatch = maxBatch;
		this.afterBatch = afterBatch;
		this.reader = repository.newObjectReader();
		this.mainRef = new MainRef(repository);
		this.thread = Thread.ofPlatform().name("steward-lineage-writer").daemon(true).unstarted(this::run);
		breakStaleLock();
		thread.start();
	}

	void addListener(CommitListener listener) {
		listeners.add(Objects.requireNonNull(listener, "listener"));
	}

	boolean isWriterThread() {
		return Thread.currentThread() == thread;
	}

	CompletableFuture<RecordedChange> submit(Change change) {
		Objects.requireNonNull(change, "change");
		CompletableFuture<RecordedChange> future = new CompletableFuture<>();
		if (closing) {
			future.completeExceptionally(new LineageUnavailable("Lineage is closed."));
			return future;
		}
		if (publication != null && !publication.accepting()) {
			future.completeExceptionally(new LineageUnavailable(publication.refusal()));
			return future;
		}
		queue.add(new Pending(change, future));
		return future;
	}

	private void run() {
		List<Pending> batch = new ArrayList<>(maxBatch);
		while (true) {
			Pending first;
			try {
				first = queue.poll(50, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				break;
			}
			if (first == null) {
				if (closing) {
					break;
				}
				continue;
			}
			batch.add(first);
			queue.drainTo(batch, maxBatch - 1);
			try {
				commit(batch);
			}
			catch (RuntimeException | Error e) {
				invalidate();
				LOG.error("The lineage writer failed on a batch of {} changes.", batch.size(), e);
				failAll(batch, new LineageUnavailable("Recording the change failed: " + e, e));
			}
			batch.clear();
		}
	}

	private enum Outcome {
		MOVED, LOCKED_BY_OTHER, MOVED_BY_OTHER
	}

	private void commit(List<Pending> batch) {
		long started = System.nanoTime();
		long deadline = started + RETRY_BUDGET.toNanos();
		Attempt built = null;
		for (int attempt = 1;; attempt++) {
			Outcome outcome;
			try {
				if (built == null) {
					built = build(batch);
					if (built.built().isEmpty()) {
						complete(built);
						return;
					}
					if (publication != null) {
						publication.publish(built.base(), Objects.requireNonNull(built.newHead()));
					}
				}
				outcome = moveMain(built);
			}
			catch (IOException e) {
				invalidate();
				LOG.error("Writing {} lineage commits failed.", batch.size(), e);
				failAll(batch, new LineageUnavailable("Writing to the lineage repository failed: " + e.getMessage(), e));
				return;
			}
			catch (LineageUnavailable e) {
				// the shared remote did not take the batch: nothing of it is recorded
				invalidate();
				failAll(batch, e);
				return;
			}
			if (outcome == Outcome.MOVED) {
				head = built.newHead();
				if (LOG.isDebugEnabled()) {
					LOG.debug("Committed {} of {} changes up to {} in {} µs (attempt {}).", built.built().size(),
							batch.size(), built.newHead().name(), (System.nanoTime() - started) / 1_000, attempt);
				}
				complete(built);
				return;
			}
			if (outcome == Outcome.MOVED_BY_OTHER && publication != null) {
				// the remote took the batch, but this replica stopped leading and its clone followed the remote
				invalidate();
				failAll(batch, new LineageUnavailable("This replica stopped writing the registry repository while"
						+ " recording the change; the remote may hold it. Look before sending it again."));
				return;
			}
			if (outcome == Outcome.MOVED_BY_OTHER) {
				// another process committed first: rebuild the batch on top of its commits
				invalidate();
				built = null;
			}
			if (System.nanoTime() > deadline) {
				invalidate();
				LOG.error("Giving up on {} lineage changes after {} attempts to update refs/heads/main.",
						batch.size(), attempt);
				failAll(batch, new LineageUnavailable("refs/heads/main stayed locked or kept moving for "
						+ RETRY_BUDGET.toSeconds() + " s."));
				return;
			}
			LOG.debug("refs/heads/main is {}; retrying {} changes (attempt {}).",
					outcome == Outcome.MOVED_BY_OTHER ? "moved by another writer" : "locked", batch.size(), attempt);
			if (outcome == Outcome.LOCKED_BY_OTHER) {
				breakStaleLock();
			}
			pause(attempt);
		}
	}

	/**
	 * Makes the batch durable and moves main to it: lock main and write the new id, sync the new packs
	 * and the lock file together, compare-and-set, then sync the rename.
	 */
	private Outcome moveMain(Attempt built) throws IOException {
		try (MainRef.Pending update = mainRef.lock(Objects.requireNonNull(built.newHead()))) {
			if (update == null) {
				return Outcome.LOCKED_BY_OTHER;
			}
			if (!Objects.equals(mainRef.current(), built.base())) {
				return Outcome.MOVED_BY_OTHER;
			}
			List<Path> toSync = new ArrayList<>(built.packFiles());
			toSync.add(mainRef.lockFile());
			toSync.add(objects.getPackDirectory().toPath());
			Fsync.all(toSync);
			if (!update.commitIf(built.base())) {
				return Outcome.MOVED_BY_OTHER;
			}
		}
		Fsync.directory(mainRef.directory());
		return Outcome.MOVED;
	}

	private Attempt build(List<Pending> batch) throws IOException {
		ObjectId current = mainRef.current();
		HeadTree headTree = tree;
		if (headTree == null || !Objects.equals(current, head)) {
			headTree = HeadTree.of(reader, current == null ? null : treeOf(current));
			head = current;
			tree = headTree;
		}
		List<Built> built = new ArrayList<>(batch.size());
		Map<Pending, LineageException> failures = new IdentityHashMap<>();
		ObjectId parent = current;
		List<Path> packFiles;
		try (BatchPack inserter = new BatchPack(objects)) {
			for (Pending pending : batch) {
				Change change = pending.change();
				HeadTree.Undo undo = new HeadTree.Undo();
				try {
					List<CommitMessage.FileDigest> digests = new ArrayList<>(change.files().size());
					List<ChangedFile> changed = new ArrayList<>(change.files().size());
					for (FileChange file : change.files()) {
						HeadTree.Applied applied = headTree.apply(file, inserter, undo);
						// a trailer for each file the commit changes and for no other: verification holds
						// every commit to exactly that, so an unchanged file cannot stand in for a changed one
						if (applied.changed()) {
							byte[] content = file.content();
							digests.add(new CommitMessage.FileDigest(file.path(), content == null ? null : Sha256.hex(content)));
							changed.add(new ChangedFile(file.path(), content));
						}
					}
					// the order in which a replay (a tree diff) lists them, so both give equal RecordedChanges
					changed.sort(java.util.Comparator.comparing(ChangedFile::path, HeadTree.GIT_ORDER));
					ObjectId treeId = headTree.write(inserter);
					Instant time = Instant.now().truncatedTo(ChronoUnit.SECONDS);
					CommitBuilder commit = new CommitBuilder();
					commit.setTreeId(treeId);
					if (parent != null) {
						commit.setParentId(parent);
					}
					commit.setAuthor(new PersonIdent(change.actor(), email(change.actor()), time, ZoneOffset.UTC));
					commit.setCommitter(new PersonIdent(COMMITTER_NAME, COMMITTER_EMAIL, time, ZoneOffset.UTC));
					commit.setMessage(CommitMessage.format(change, digests));
					if (signatures != null) {
						signatures.sign(repository, commit);
					}
					ObjectId commitId = inserter.insert(commit);
					built.add(new Built(pending, new RecordedChange(commitId.name(), time, change.actor(),
							change.action(), change.subject(), change.trailers(), changed,
							parent == null ? null : parent.name())));
					parent = commitId;
				}
				catch (LineageException e) {
					undo.revert();
					failures.put(pending, e);
				}
			}
			inserter.flush();
			packFiles = inserter.files();
		}
		catch (IOException | RuntimeException e) {
			invalidate();
			throw e;
		}
		return new Attempt(current, parent, built, failures, packFiles);
	}

	private void complete(Attempt attempt) {
		if (!attempt.built().isEmpty()) {
			List<RecordedChange> recorded = attempt.built().stream().map(Built::recorded).toList();
			for (CommitListener listener : listeners) {
				try {
					listener.committed(recorded);
				}
				catch (RuntimeException e) {
					LOG.error("Lineage listener {} failed on {} durable commits; they stay recorded.", listener,
							recorded.size(), e);
				}
			}
		}
		for (Built built : attempt.built()) {
			built.pending().future().complete(built.recorded());
		}
		attempt.failures().forEach((pending, failure) -> pending.future().completeExceptionally(failure));
		if (!attempt.built().isEmpty()) {
			try {
				afterBatch.run();
			}
			catch (RuntimeException e) {
				LOG.error("Post-commit work of lineage failed.", e);
			}
		}
	}

	private ObjectId treeOf(ObjectId commitId) throws IOException {
		try (RevWalk walk = new RevWalk(reader)) {
			RevCommit commit = walk.parseCommit(commitId);
			return commit.getTree().getId();
		}
	}

	private void invalidate() {
		tree = null;
	}

	private static void failAll(List<Pending> batch, LineageException failure) {
		for (Pending pending : batch) {
			pending.future().completeExceptionally(failure);
		}
	}

	private static void pause(int attempt) {
		try {
			Thread.sleep(ThreadLocalRandom.current().nextInt(1, 2 + Math.min(attempt, 20)));
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * A process killed while holding {@code main.lock} leaves it behind and would block every later
	 * update; a lock is held for microseconds, so one older than {@link #STALE_LOCK} is abandoned.
	 */
	private void breakStaleLock() {
		Path lock = mainRef.lockFile();
		try {
			FileTime modified = Files.getLastModifiedTime(lock);
			if (modified.toInstant().isBefore(Instant.now().minus(STALE_LOCK))) {
				Files.deleteIfExists(lock);
				LOG.warn("Removed the stale lock {} left by an interrupted writer.", lock);
			}
		}
		catch (NoSuchFileException e) {
			// not locked
		}
		catch (IOException e) {
			LOG.warn("Could not inspect the lock {}.", lock, e);
		}
	}

	static String email(String actor) {
		return actor.replaceAll("[^A-Za-z0-9._+-]", "-") + "@steward.local";
	}

	@Override
	public void close() {
		closing = true;
		try {
			thread.join();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		List<Pending> stranded = new ArrayList<>();
		queue.drainTo(stranded);
		failAll(stranded, new LineageUnavailable("Lineage closed before the change was recorded."));
		reader.close();
	}
}
