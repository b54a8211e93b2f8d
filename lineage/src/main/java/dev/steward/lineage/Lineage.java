package dev.steward.lineage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Git system of record of the registry: each {@link Change} becomes exactly one commit on
 * {@code refs/heads/main} of a bare repository, durable before {@link #record(Change)} returns.
 *
 * <pre>{@code
 * try (Lineage lineage = Lineage.open(dataDir.resolve("registry.git"), LineageSettings.defaults())) {
 *     lineage.addListener(batch -> index.apply(batch));           // keep the SQL index in step
 *     RecordedChange recorded = lineage.record(new Change("alice", "register-model-version",
 *             "models/churn/3", "Register model version churn/3",
 *             List.of(FileChange.create("models/churn/versions/0-99/3.yaml", yaml))));
 *     Optional<byte[]> current = lineage.read("models/churn/versions/0-99/3.yaml");
 *     lineage.changesSince(lastIndexedCommit, index::apply);       // catch up after a restart
 * }
 * }</pre>
 *
 * <p>Callers on many threads are served by one writer thread that commits whatever is pending as a
 * batch (group commit): one commit per change, chained in order, one pack and one ref update per batch.
 * Another process writing the same repository is detected by the ref compare-and-set and the batch is
 * rebuilt on top of its commits. Reads work from any thread and see the head of that moment.
 *
 * <p>Failures surface as {@link LineageException}s: {@link PathAlreadyExists} and {@link PathConflict}
 * fail one change; {@link LineageUnavailable} means the repository could not be written or read.
 */
public final class Lineage implements AutoCloseable {

	private static final Logger LOG = LoggerFactory.getLogger(Lineage.class);

	static final String MAIN = "refs/heads/main";

	static {
		tuneJGit();
	}

	private final Path path;

	private final Repository repository;

	private final GroupCommit writer;

	private final History history;

	private final @Nullable RemoteMirror mirror;

	private final @Nullable Replication replication;

	private final PackCompaction compaction;

	private final Trust trust;

	private final ExecutorService compactor;

	private final AtomicBoolean compacting = new AtomicBoolean();

	/** Batches between two looks at the number of packs. */
	private static final int COMPACTION_CHECK_INTERVAL = 4;

	/** Only the writer thread touches it. */
	private long batchesSinceCheck;

	private final AtomicBoolean closed = new AtomicBoolean();

	private Lineage(Path path, Repository repository, LineageSettings settings, @Nullable Signatures signatures) {
		this.path = path;
		this.repository = repository;
		SigningSettings signing = settings.signing();
		this.trust = signatures == null || signing == null ? Trust.unsigned() : Trust.of(signatures, signing);
		this.history = new History(repository, trust);
		this.compaction = new PackCompaction(repository, settings.maxPacks());
		compaction.removeAbandonedFiles();
		this.compactor = Executors.newSingleThreadExecutor(runnable -> {
			Thread thread = new Thread(runnable, "steward-lineage-compaction");
			thread.setDaemon(true);
			return thread;
		});
		this.mirror = settings.pushEnabled() && !settings.shared() ? new RemoteMirror(repository, settings) : null;
		this.replication = settings.shared() ? new Replication(repository, settings) : null;
		if (replication != null) {
			replication.start();
		}
		this.writer = new GroupCommit(repository, settings.maxBatch(), signatures, replication, this::afterBatch);
		if (mirror != null) {
			mirror.requestPush();
		}
	}

	/**
	 * Opens the bare repository at {@code bareRepository}, creating it (with HEAD on main) if missing.
	 *
	 * @throws LineageUnavailable the directory is not a usable repository
	 */
	public static Lineage open(Path bareRepository, LineageSettings settings) {
		Objects.requireNonNull(bareRepository, "bareRepository");
		Objects.requireNonNull(settings, "settings");
		Repository repository = null;
		try {
			Files.createDirectories(bareRepository);
			repository = new FileRepositoryBuilder().setGitDir(bareRepository.toFile()).setBare().build();
			boolean created = false;
			if (!repository.getObjectDatabase().exists()) {
				try (var entries = Files.list(bareRepository)) {
					if (entries.findAny().isPresent()) {
						throw new LineageUnavailable(bareRepository + " is neither empty nor a bare Git repository;"
								+ " refusing to create the lineage repository there.");
					}
				}
				repository.create(true);
				RefUpdate head = repository.updateRef(Constants.HEAD);
				head.disableRefLog();
				head.link(MAIN);
				created = true;
			}
			StoredConfig config = repository.getConfig();
			config.setBoolean(ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_KEY_LOGALLREFUPDATES, false);
			boolean save = created;
			Signatures signatures = settings.signing() == null ? null : Signatures.open(settings.signing());
			if (signatures != null) {
				// so that git log --show-signature and git verify-commit in the repository judge as lineage does
				String allowed = signatures.allowedSigners().toString();
				if (!allowed.equals(config.getString(ConfigConstants.CONFIG_GPG_SECTION, "ssh", "allowedSignersFile"))) {
					config.setString(ConfigConstants.CONFIG_GPG_SECTION, "ssh", "allowedSignersFile", allowed);
					save = true;
				}
			}
			if (save) {
				config.save();
			}
			if (created) {
				LOG.info("Created the lineage repository {}.", bareRepository);
			}
			// JGit's own fsync switches stay in memory: saved, they would make the git command line warn
			// that core.fsyncObjectFiles is deprecated on every command run against the repository.
			config.setBoolean(ConfigConstants.CONFIG_CORE_SECTION, null, "fsyncObjectFiles", true);
			config.setBoolean(ConfigConstants.CONFIG_CORE_SECTION, null, "fsyncRefFiles", true);
			Lineage lineage = new Lineage(bareRepository, repository, settings, signatures);
			LOG.info("Opened the lineage repository {} at {}.", bareRepository, lineage.head().orElse("an empty main branch"));
			return lineage;
		}
		catch (IOException | RuntimeException e) {
			if (repository != null) {
				repository.close();
			}
			if (e instanceof LineageException lineageException) {
				throw lineageException;
			}
			throw new LineageUnavailable("Cannot open the lineage repository " + bareRepository + ": " + e.getMessage(), e);
		}
	}

	/**
	 * Records {@code change} as one commit and waits until it is durable.
	 *
	 * @throws PathAlreadyExists a {@link FileChange.Kind#CREATE} found its path taken
	 * @throws PathConflict a file change needs a directory where a file is, or the other way round
	 * @throws LineageUnavailable the commit could not be written, or lineage is closed
	 */
	public RecordedChange record(Change change) {
		if (writer.isWriterThread()) {
			throw new IllegalStateException("A CommitListener must not call record(); it would wait for itself."
					+ " Use recordAsync() instead.");
		}
		try {
			return recordAsync(change).join();
		}
		catch (CompletionException e) {
			if (e.getCause() instanceof LineageException failure) {
				throw rethrown(failure);
			}
			throw e;
		}
	}

	/**
	 * Queues {@code change}; the future completes on the writer thread once the commit is durable, or
	 * fails with a {@link LineageException}. Dependent stages without an executor run on that thread and
	 * delay the next batch, so keep them short.
	 */
	public CompletableFuture<RecordedChange> recordAsync(Change change) {
		return writer.submit(change);
	}

	/** Adds a listener told about each durable batch; see {@link CommitListener}. */
	public void addListener(CommitListener listener) {
		writer.addListener(listener);
	}

	/** The commit at the head of main, if any. */
	public Optional<String> head() {
		try {
			ObjectId head = history.head();
			return head == null ? Optional.empty() : Optional.of(head.name());
		}
		catch (IOException e) {
			throw unavailable("read refs/heads/main", e);
		}
	}

	/** The content of {@code path} at the head of main. */
	public Optional<byte[]> read(String path) {
		RepositoryPath.requireValid(path);
		try {
			return history.read(history.head(), path);
		}
		catch (IOException e) {
			throw unavailable("read " + path, e);
		}
	}

	/**
	 * The content of {@code path} as of {@code commitId}.
	 *
	 * @throws CommitNotFound the repository has no such commit
	 */
	public Optional<byte[]> read(String commitId, String path) {
		RepositoryPath.requireValid(path);
		try {
			return history.read(History.commitId(commitId), path);
		}
		catch (IOException e) {
			throw unavailable("read " + path + " at " + commitId, e);
		}
	}

	/**
	 * Replays the first-parent history of main after {@code commitId}, oldest first, with the files each
	 * commit changed; {@code null} replays from the first commit. Used to catch an index up.
	 *
	 * <p>Each commit is verified before it is handed over: after the trust start it must carry the
	 * signature of a trusted key (when lineage signs) and name every file it changes, and nothing else, in
	 * {@code Steward-File} trailers with the right digests. The replay stops at the first commit that fails,
	 * having handed over every commit before it.
	 *
	 * @throws CommitNotFound {@code commitId} is not in the first-parent history of main
	 * @throws UntrustedCommit a commit failed verification; it and the commits after it were not handed over
	 */
	public void changesSince(@Nullable String commitId, Consumer<RecordedChange> sink) {
		try {
			history.changesSince(commitId, sink);
		}
		catch (IOException e) {
			throw unavailable("replay changes since " + commitId, e);
		}
	}

	/** {@link #changesSince(String, Consumer)} collected into a list; for short catch-ups and tests. */
	public List<RecordedChange> changesSince(@Nullable String commitId) {
		List<RecordedChange> changes = new java.util.ArrayList<>();
		changesSince(commitId, changes::add);
		return changes;
	}

	/**
	 * The commits of main that changed a file at or under {@code pathPrefix} (whole path segments:
	 * {@code models/churn} matches {@code models/churn/versions/0-99/3.yaml}, not {@code models/churner}),
	 * newest first; an empty prefix lists every commit.
	 */
	public List<CommitSummary> history(String pathPrefix, int limit) {
		String prefix = RepositoryPath.normalizePrefix(pathPrefix);
		try {
			return history.history(prefix, limit);
		}
		catch (IOException e) {
			throw unavailable("read the history of " + pathPrefix, e);
		}
	}

	/** Visits every file at or under {@code pathPrefix} at the head of main, in path order. */
	public void forEachFile(String pathPrefix, BiConsumer<String, byte[]> visitor) {
		String prefix = RepositoryPath.normalizePrefix(pathPrefix);
		try {
			history.forEachFile(prefix, visitor);
		}
		catch (IOException e) {
			throw unavailable("list files under " + pathPrefix, e);
		}
	}

	/**
	 * Checks every commit reachable from main, as {@link #changesSince} does (signature, and one
	 * {@code Steward-File} trailer with the right digest for each changed file), and re-hashes every object
	 * reachable from main. Reads the whole history: an administrative operation.
	 */
	public VerifyReport verify() {
		try {
			VerifyReport report = new Verification(repository, trust).run(history.head());
			if (report.clean()) {
				LOG.info("Verified lineage repository {}: {} commits, {} file digests, {} signatures, {} objects,"
						+ " no problems.", path, report.commits(), report.files(), report.signatures(), report.objects());
			}
			else {
				LOG.warn("Verifying lineage repository {} found {} problems.", path, report.problems().size());
			}
			return report;
		}
		catch (IOException e) {
			throw unavailable("verify", e);
		}
	}

	/** The outcome of the latest push to the configured remote. */
	public PushStatus pushStatus() {
		if (replication != null) {
			return replication.status();
		}
		RemoteMirror remote = mirror;
		return remote == null ? PushStatus.disabled() : remote.status();
	}

	/** Whether the repository is shared with other replicas through its remote (see {@link #lead(Term)}). */
	public boolean shared() {
		return replication != null;
	}

	/**
	 * Whether this replica writes the repository: always with a repository of its own; with a shared one,
	 * between {@link #lead(Term)} and {@link #stepDown(String)}. Work that must happen once, or that writes,
	 * runs only where this is true.
	 */
	public boolean leads() {
		return replication == null || replication.leads();
	}

	/** The term this replica leads in, if it leads a shared repository. */
	public Optional<Term> term() {
		return replication == null || !replication.leads() ? Optional.empty() : Optional.ofNullable(replication.term());
	}

	/**
	 * Starts writing a shared repository in {@code term}, which the caller won in an election: fences off the
	 * previous leader on the remote (so that none of its later pushes lands), sets main to the remote's, calls
	 * {@link LeadershipListener#takingOver} and then accepts changes.
	 *
	 * <pre>{@code
	 * lineage.addLeadershipListener(new LeadershipListener() {
	 *     public void takingOver(Term term) { index.catchUp(); }
	 * });
	 * lineage.lead(new Term(7, "http://10.0.0.12:8080"));    // the election said: generation 7 is ours
	 * lineage.stepDown("the lease was lost");
	 * }</pre>
	 *
	 * @throws LineageUnavailable the remote could not be reached, or another replica kept moving the fence
	 */
	public void lead(Term term) {
		requireShared().lead(term);
	}

	/** Stops writing a shared repository at once: changes are refused until the next {@link #lead(Term)}. */
	public void stepDown(String reason) {
		requireShared().stepDown(reason);
	}

	/** Adds a listener told when this replica starts or stops writing a shared repository. */
	public void addLeadershipListener(LeadershipListener listener) {
		if (replication != null) {
			replication.addListener(listener);
		}
	}

	private Replication requireShared() {
		if (replication == null) {
			throw new IllegalStateException("The lineage repository " + path + " is not shared; it always leads.");
		}
		return replication;
	}

	/** Records what is queued, stops the writer and the pusher, and closes the repository. */
	@Override
	public void close() {
		if (!closed.compareAndSet(false, true)) {
			return;
		}
		if (replication != null) {
			replication.close();
		}
		writer.close();
		if (mirror != null) {
			mirror.close();
		}
		compactor.shutdown();
		try {
			compactor.awaitTermination(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		repository.close();
		LOG.info("Closed the lineage repository {}.", path);
	}

	private void afterBatch() {
		if (mirror != null) {
			mirror.requestPush();
		}
		// listing the pack directory costs more than a batch's own pack; once every few batches is enough
		if (++batchesSinceCheck % COMPACTION_CHECK_INTERVAL == 0 && compaction.needed()
				&& compacting.compareAndSet(false, true)) {
			try {
				compactor.execute(() -> {
					try {
						compaction.compactIfNeeded();
					}
					catch (IOException | RuntimeException e) {
						LOG.warn("Merging the pack files of lineage failed; will try again within a few batches.", e);
					}
					finally {
						compacting.set(false);
					}
				});
			}
			catch (java.util.concurrent.RejectedExecutionException e) {
				compacting.set(false);
			}
		}
	}

	/**
	 * JGit's defaults suit a desktop client. This process is the only JGit user (an ArchUnit rule keeps
	 * it so), so lineage sets the JVM-wide knobs, unless the operator already did:
	 * <ul>
	 * <li>SHA-1 through the JDK, with CPU instructions, instead of JGit's pure-Java SHA-1 with collision
	 * detection, which cost a fifth of the writer's CPU. Collision detection guards against hostile objects
	 * arriving by fetch; lineage never fetches, it hashes only what it writes and reads back.</li>
	 * <li>A 64 MiB pack window cache in 64 KiB windows instead of 10 MiB in 8 KiB, so replaying a long
	 * history does not keep evicting and re-reading the same windows.</li>
	 * </ul>
	 */
	private static void tuneJGit() {
		if (System.getProperty("org.eclipse.jgit.util.sha1.implementation") == null) {
			System.setProperty("org.eclipse.jgit.util.sha1.implementation", "jdkNative");
		}
		if (!Boolean.getBoolean("steward.lineage.keep-jgit-window-cache")) {
			org.eclipse.jgit.storage.file.WindowCacheConfig cache = new org.eclipse.jgit.storage.file.WindowCacheConfig();
			cache.setPackedGitLimit(64L << 20);
			cache.setPackedGitWindowSize(64 << 10);
			cache.setDeltaBaseCacheLimit(16 << 20);
			cache.install();
		}
	}

	private static LineageException rethrown(LineageException failure) {
		// the original was created on the writer thread; keep it as the cause so both stacks are visible
		return switch (failure) {
			case PathAlreadyExists e -> (PathAlreadyExists) new PathAlreadyExists(e.path()).initCause(e);
			case PathConflict e -> failure;
			case LineageUnavailable e -> new LineageUnavailable(e.getMessage(), e);
			default -> failure;
		};
	}

	private LineageUnavailable unavailable(String what, IOException e) {
		return new LineageUnavailable("Cannot " + what + " in the lineage repository " + path + ": " + e.getMessage(), e);
	}
}
