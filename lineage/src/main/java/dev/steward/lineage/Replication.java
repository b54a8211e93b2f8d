package dev.steward.lineage;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry repository shared by several replicas through one Git remote: the leader pushes each batch
 * before its callers are answered (see {@link SharedRemote} for the fence), followers keep their clone at
 * the remote's {@code main} and write nothing.
 */
final class Replication implements GroupCommit.Publication {

	private static final Logger LOG = LoggerFactory.getLogger(Replication.class);

	/** How often a takeover looks again when the fence moved under it. */
	private static final int TAKEOVER_ATTEMPTS = 20;

	private final Repository repository;

	private final SharedRemote remote;

	private final Duration pushTimeout;

	private final List<LeadershipListener> listeners = new CopyOnWriteArrayList<>();

	private final ScheduledExecutorService follower;

	/** Changed only under {@code this}; read by the writer without it. */
	private volatile boolean leading;

	private volatile @Nullable Term term;

	/** The remote's main and fence as this leader last pushed or saw them; guarded by {@code this}. */
	private @Nullable ObjectId pushedMain;

	private @Nullable ObjectId fence;

	private volatile PushStatus status = PushStatus.idle();

	private final Duration followInterval;

	Replication(Repository repository, LineageSettings settings) {
		this.repository = repository;
		this.remote = new SharedRemote(repository, Objects.requireNonNull(settings.remote(), "remote"),
				settings.remoteBranch());
		this.pushTimeout = settings.pushTimeout();
		this.follower = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "steward-lineage-follow");
			thread.setDaemon(true);
			return thread;
		});
		this.followInterval = settings.followInterval();
	}

	/**
	 * Brings the clone to the remote's main before anything reads it, then starts following: the periodic
	 * follower begins only after this first catch-up, so the two never move main at the same time.
	 */
	synchronized void start() {
		try {
			follow(remote.fetch());
		}
		catch (IOException e) {
			throw new LineageUnavailable("Cannot read the shared registry repository at " + remote.shown()
					+ ": " + e.getMessage() + " Every replica needs it at start.", e);
		}
		long every = followInterval.toMillis();
		follower.scheduleWithFixedDelay(this::followQuietly, every, every, TimeUnit.MILLISECONDS);
	}

	void addListener(LeadershipListener listener) {
		listeners.add(Objects.requireNonNull(listener, "listener"));
	}

	boolean leads() {
		return leading;
	}

	@Nullable Term term() {
		return term;
	}

	PushStatus status() {
		return status;
	}

	@Override
	public boolean accepting() {
		return leading;
	}

	@Override
	public String refusal() {
		return "This replica does not write the registry repository; the leader does. Send the change to the"
				+ " leader, or try again once a leader is elected.";
	}

	/**
	 * Fences off the previous leader, sets main to the remote's, lets listeners catch up and opens the writer;
	 * then tells listeners that it leads, on a thread of their own (they may record changes, which needs the
	 * writer and so this object's lock).
	 */
	void lead(Term newTerm) {
		takeOver(newTerm);
		Thread.ofPlatform().daemon().name("steward-lineage-leading").start(() -> {
			for (LeadershipListener listener : listeners) {
				try {
					listener.leading(newTerm);
				}
				catch (RuntimeException e) {
					LOG.error("Leadership listener {} failed after the takeover; this replica leads regardless.", listener,
							e);
				}
			}
		});
	}

	private synchronized void takeOver(Term newTerm) {
		Objects.requireNonNull(newTerm, "term");
		if (leading) {
			throw new IllegalStateException("Already leading in term " + term + ".");
		}
		long started = System.nanoTime();
		try {
			for (int attempt = 1; attempt <= TAKEOVER_ATTEMPTS; attempt++) {
				SharedRemote.Heads seen = remote.fetch();
				ObjectId taken = remote.takeOver(seen, newTerm);
				if (taken == null) {
					LOG.info("The fence on {} moved while taking over (attempt {}); looking again.", remote, attempt);
					continue;
				}
				ObjectId main = seen.main();
				fence = taken;
				Ref local = repository.exactRef(Lineage.MAIN);
				if (main == null && local != null) {
					// the first leader of a repository that was written by one replica before: it seeds the remote
					SharedRemote.Pushed seeded = remote.publish(local.getObjectId(), null, taken);
					if (!(seeded instanceof SharedRemote.Pushed.Accepted)) {
						continue;
					}
					main = local.getObjectId();
					fence = main;
					LOG.info("Seeded the empty remote {} with the local main {}.", remote, main.name());
				}
				remote.resetMain(main);
				pushedMain = main;
				term = newTerm;
				for (LeadershipListener listener : listeners) {
					listener.takingOver(newTerm);
				}
				leading = true;
				LOG.info("Took over writing the registry repository on {} in term {} as {} at {} in {} ms.", remote,
						newTerm.generation(), newTerm.holder(), main == null ? "an empty main" : main.name(),
						(System.nanoTime() - started) / 1_000_000);
				break;
			}
		}
		catch (IOException e) {
			throw new LineageUnavailable("Taking over the registry repository on " + remote.shown() + " failed: "
					+ e.getMessage(), e);
		}
		if (!leading) {
			throw new LineageUnavailable("The fence on " + remote.shown() + " kept moving for " + TAKEOVER_ATTEMPTS
					+ " attempts; another replica is writing.");
		}
	}

	/** Stops writing at once; a push under way finishes or is refused by the remote's fence. */
	void stepDown(String why) {
		boolean was;
		synchronized (this) {
			was = leading;
			leading = false;
		}
		if (was) {
			LOG.warn("Stopped writing the registry repository (term {}): {}", term, why);
			for (LeadershipListener listener : listeners) {
				try {
					listener.following();
				}
				catch (RuntimeException e) {
					LOG.error("Leadership listener {} failed after stepping down.", listener, e);
				}
			}
		}
	}

	/**
	 * Pushes a batch before its callers are answered. An unknown outcome (the connection broke) is settled by
	 * looking at the remote: taken, not taken (retried until {@code pushTimeout}), or another leader's.
	 */
	@Override
	public void publish(@Nullable ObjectId base, ObjectId newHead) {
		if (!leading) {
			throw new LineageUnavailable(refusal());
		}
		ObjectId expectedMain;
		ObjectId expectedFence;
		synchronized (this) {
			expectedMain = pushedMain;
			expectedFence = fence;
		}
		if (!Objects.equals(base, expectedMain)) {
			throw new LineageUnavailable("The batch was built on " + base + " but the remote's main is " + expectedMain
					+ "; nothing was recorded.");
		}
		Instant started = Instant.now();
		long deadline = System.nanoTime() + pushTimeout.toNanos();
		IOException last = null;
		for (int attempt = 1;; attempt++) {
			try {
				SharedRemote.Pushed pushed = remote.publish(newHead, expectedMain, expectedFence);
				if (pushed instanceof SharedRemote.Pushed.Deposed deposed) {
					deposed(deposed.reason());
				}
				accepted(newHead, started);
				return;
			}
			catch (IOException e) {
				last = e;
				try {
					SharedRemote.Heads now = remote.look();
					if (newHead.equals(now.main()) && newHead.equals(now.fence())) {
						accepted(newHead, started);
						return;
					}
					if (!Objects.equals(now.main(), expectedMain) || !Objects.equals(now.fence(), expectedFence)) {
						deposed("the remote's main or fence moved to " + now.main() + " / " + now.fence());
					}
				}
				catch (IOException again) {
					last = again;
				}
			}
			if (System.nanoTime() > deadline || !leading) {
				status = new PushStatus(PushStatus.State.FAILING, name(expectedMain), started, status.lastSuccess(),
						last.getMessage(), status.consecutiveFailures() + 1);
				LOG.warn("Could not push to {} for {}; {} changes were not recorded: {}", remote, pushTimeout,
						"the batch's", last.getMessage());
				throw new LineageUnavailable("The Git remote " + remote.shown() + " did not take the change within "
						+ pushTimeout.toSeconds() + " s (" + last.getMessage() + "); it was not recorded. Try again.", last);
			}
			pause(attempt);
		}
	}

	private void accepted(ObjectId newHead, Instant started) {
		synchronized (this) {
			pushedMain = newHead;
			fence = newHead;
		}
		status = new PushStatus(PushStatus.State.PUSHED, newHead.name(), started, Instant.now(), null, 0);
	}

	private void deposed(String reason) {
		stepDown("another replica took over (" + reason + ")");
		throw new LineageUnavailable("This replica no longer writes the registry repository: " + reason
				+ ". The change was not recorded; send it again (it reaches the new leader).");
	}

	private void followQuietly() {
		if (leading) {
			return;
		}
		try {
			// fetching and moving main under this object's lock: a takeover fetches into the same tracking refs
			synchronized (this) {
				if (!leading) {
					follow(remote.fetch());
				}
			}
		}
		catch (IOException | RuntimeException e) {
			LOG.debug("Could not follow {}: {}", remote, e.getMessage());
		}
	}

	private void follow(SharedRemote.Heads heads) {
		try {
			if (heads.main() != null) {
				remote.resetMain(heads.main());
			}
		}
		catch (IOException e) {
			throw new LineageUnavailable("Cannot set main to the remote's " + heads.main() + ": " + e.getMessage(), e);
		}
	}

	private static @Nullable String name(@Nullable ObjectId id) {
		return id == null ? null : id.name();
	}

	private static void pause(int attempt) {
		try {
			Thread.sleep(Math.min(1000, 50L * attempt));
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	void close() {
		// a fetch under way finishes: interrupting it could leave a ref's lock file behind
		follower.shutdown();
		try {
			if (!follower.awaitTermination(SharedRemote.TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				follower.shutdownNow();
			}
		}
		catch (InterruptedException e) {
			follower.shutdownNow();
			Thread.currentThread().interrupt();
		}
		stepDown("lineage is closing");
	}
}
