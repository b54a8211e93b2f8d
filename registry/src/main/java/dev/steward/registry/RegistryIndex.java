package dev.steward.registry;

import dev.steward.lineage.ChangedFile;
import dev.steward.lineage.CommitListener;
import dev.steward.lineage.LeadershipListener;
import dev.steward.lineage.Lineage;
import dev.steward.lineage.RecordedChange;
import dev.steward.lineage.Term;
import dev.steward.lineage.UntrustedCommit;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the SQL index in step with the registry repository. Committed batches arrive from
 * {@link Lineage} on its writer thread, before the writers are answered, and are applied in one
 * transaction; on start-up the index catches up from the last commit it indexed; {@link #rebuild()}
 * clears it and replays the whole history. Events that projections announce for a newly indexed commit are
 * published inside the same transaction (see {@link IndexProjection#announce}). If applying a batch fails
 * (the database is down), the index
 * is marked behind and catches up in the background until it succeeds.
 *
 * <p>The catch-up and the rebuild index only commits that pass lineage's verification (signed by a
 * trusted key, every changed file named in the trailers with its digest). At the first commit that fails
 * they stop: the index stays at the last good commit, {@link #refusal()} names the commit and why, and
 * the index stays there, following no new commits, until a rebuild or a restart gets past it (after the
 * commit has been removed from main or the key that signed it is trusted). Commits that this process
 * writes are indexed as they are committed without being verified again: it has just signed them.
 *
 * <p>The last indexed commit kept in {@code registry_index_state} is the one cursor of the index, and every
 * transaction that writes index rows first locks that row and checks it: another process writing the same
 * repository into the same database (its commits interleave with this one's) may have indexed some of these
 * commits, or be indexing them, already. Each commit is applied exactly once, by whichever process locks the
 * cursor first, and a process answers its writers only once the index holds their commits.
 *
 * <pre>{@code
 * RegistryIndex index = new RegistryIndex(lineage, jdbc, tx, List.of(new RegistryProjection()));
 * index.start();            // catch up, then follow new commits
 * index.rebuild();          // admin: drop everything and replay from Git
 * }</pre>
 */
public class RegistryIndex implements CommitListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryIndex.class);
  private static final int CHUNK = 1000;

  private final Lineage lineage;
  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final List<IndexProjection> projections;
  private final Consumer<Object> events;
  private final ReentrantLock lock = new ReentrantLock();
  private final AtomicBoolean behind = new AtomicBoolean();
  private final AtomicBoolean rebuilding = new AtomicBoolean();
  private final AtomicReference<@Nullable Refusal> refused = new AtomicReference<>();
  /** Whether the application's listeners exist, so announced events reach them; until then they are owed. */
  private volatile boolean announcing;
  private final ScheduledExecutorService repair = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "steward-index-repair");
    t.setDaemon(true);
    return t;
  });

  /**
   * What a catch-up or rebuild did.
   *
   * @param refused the commit it stopped at, or {@code null} when it reached the head of the repository
   */
  public record Progress(int commits, @Nullable String lastCommit, Duration took, @Nullable Refusal refused) {}

  /**
   * A commit the index refused because it failed verification; the index stays at {@code lastIndexedCommit}.
   *
   * @param commitId the refused commit
   * @param reason what is wrong with it
   * @param lastIndexedCommit the last commit in the index, {@code null} when it is empty
   */
  public record Refusal(String commitId, String reason, @Nullable String lastIndexedCommit) {
    public Refusal {
      Objects.requireNonNull(commitId, "commitId");
      Objects.requireNonNull(reason, "reason");
    }
  }

  public RegistryIndex(Lineage lineage, JdbcClient jdbc, TransactionTemplate tx, List<IndexProjection> projections) {
    this(lineage, jdbc, tx, projections, event -> {});
  }

  /**
   * With {@code events} receiving what projections {@linkplain IndexProjection#announce announce} for newly
   * indexed commits, inside the index transaction (the application's event publisher).
   */
  public RegistryIndex(Lineage lineage, JdbcClient jdbc, TransactionTemplate tx, List<IndexProjection> projections,
      Consumer<Object> events) {
    this.lineage = lineage;
    this.jdbc = jdbc;
    this.tx = tx;
    this.projections = List.copyOf(projections);
    this.events = events;
  }

  /**
   * Catches up with the repository and starts following its commits. Events announced meanwhile are owed until
   * {@link #startAnnouncing()}. With a repository shared by several replicas only the leader writes the index: a
   * follower leaves it alone and catches up when it takes over (the old leader may have pushed commits it did not
   * index).
   */
  public Progress start() {
    lineage.addListener(this);
    lineage.addLeadershipListener(new LeadershipListener() {
      @Override
      public void takingOver(Term term) {
        Progress progress = catchUp();
        LOG.info("Registry index caught up with {} commits in {} ms on taking over in term {}; last indexed commit"
            + " is {}.", progress.commits(), progress.took().toMillis(), term.generation(), progress.lastCommit());
      }
    });
    if (!lineage.leads()) {
      LOG.info("The registry index is written by the leader of the shared repository; this replica reads it.");
      return new Progress(0, lastIndexedCommit().orElse(null), Duration.ZERO, null);
    }
    Progress progress = catchUp();
    if (progress.refused() == null) {
      LOG.info("Registry index caught up with {} commits in {} ms; last indexed commit is {}.",
          progress.commits(), progress.took().toMillis(), progress.lastCommit());
    }
    return progress;
  }

  /**
   * Indexes every commit after the last indexed one, up to the first that fails verification; see
   * {@link #refusal()}.
   */
  public Progress catchUp() {
    lock.lock();
    try {
      return catchUpLocked();
    } finally {
      lock.unlock();
    }
  }

  private Progress catchUpLocked() {
    String first = lastIndexedCommit().orElse(null);
    // commits after a known one were never indexed (a crash or a failed batch), so their reactions are owed;
    // into an empty index (a lost database) or while completing a rebuild, they are history
    Announce announce = first != null && !rebuilding.get() ? Announce.NOW : Announce.NEVER;
    Progress p;
    String last = first;
    while (true) {
      try {
        p = replay(last, false, announce);
        break;
      } catch (Overtaken e) {
        // another process sharing the repository indexed some of these commits first: go on after them
        last = e.lastCommit();
      }
    }
    refuse(p.refused());
    behind.set(false);
    rebuilding.set(false); // a rebuild that failed half-way is complete once caught up
    return p;
  }

  /**
   * The commit the last catch-up or rebuild stopped at because it failed verification, if any. While there
   * is one the index follows no new commits and {@link #isBehind()} is true.
   */
  public Optional<Refusal> refusal() {
    return Optional.ofNullable(refused.get());
  }

  private void refuse(@Nullable Refusal refusal) {
    Refusal previous = refused.getAndSet(refusal);
    if (refusal != null && !refusal.equals(previous)) {
      LOG.error("The registry index stopped before commit {}, which failed verification: {} The index stays at {}"
          + " and serves no API calls but verification until that commit is gone from main (or its signing key"
          + " is trusted) and the index is rebuilt or Steward restarted.", refusal.commitId(), refusal.reason(),
          refusal.lastIndexedCommit() == null ? "an empty registry" : "commit " + refusal.lastIndexedCommit());
    } else if (refusal == null && previous != null) {
      LOG.info("The registry index is past the refused commit {} and follows the repository again.",
          previous.commitId());
    }
  }

  /**
   * Clears the index and replays the whole history of the repository into it, {@value #CHUNK} commits per
   * transaction. (One transaction over 100,000 commits took H2 as long to commit as to write.) While it
   * runs {@link #isRebuilding()} is true and the API refuses calls, since a half-built index would answer
   * wrongly. If it stops half-way, it stays true while the index catches up from the last chunk in the
   * background, as after a crash, and turns false once that succeeds.
   *
   * @throws IndexRefused a commit failed verification; the index holds every commit before it
   */
  public Progress rebuild() {
    lock.lock();
    rebuilding.set(true);
    try {
      Progress p;
      try {
        // first forget the last commit: if anything below fails, the catch-up starts from the beginning
        tx.executeWithoutResult(s -> saveLastCommit(null));
        tx.executeWithoutResult(s -> {
          projections.forEach(projection -> projection.clear(jdbc));
          jdbc.sql("truncate table registry_change").update();
        });
        try {
          p = replay(null, true, Announce.NEVER);
        } catch (Overtaken e) {
          // another process sharing the repository indexed commits meanwhile: go on from where it got to
          p = catchUpLocked();
        }
      } catch (RuntimeException e) {
        markBehind();
        throw e;
      }
      refuse(p.refused());
      behind.set(false);
      rebuilding.set(false);
      if (p.refused() != null) {
        throw new IndexRefused(p.refused());
      }
      LOG.info("Rebuilt the registry index from {} commits in {} ms.", p.commits(), p.took().toMillis());
      return p;
    } finally {
      lock.unlock();
    }
  }

  /** Whether a rebuild is under way or failed and is being completed; meanwhile the index is incomplete. */
  public boolean isRebuilding() {
    return rebuilding.get();
  }

  @Override
  public void committed(List<RecordedChange> batch) {
    lock.lock();
    try {
      if (behind.get() || refused.get() != null) {
        return; // the repair task replays these from Git, in order; past a refused commit nothing is indexed
      }
      boolean indexed = Boolean.TRUE.equals(tx.execute(s -> {
        String last = lockCursor();
        List<RecordedChange> unseen = batch;
        if (!Objects.equals(batch.getFirst().parentId(), last)) {
          int seen = indexOf(batch, last);
          if (seen < 0) {
            return false; // commits beneath this batch that are not indexed yet, or it is indexed already
          }
          // the catch-up at start, or another process, indexed the first of these already
          unseen = batch.subList(seen + 1, batch.size());
          if (unseen.isEmpty()) {
            return true;
          }
        }
        Announce announce = announcing ? Announce.NOW : Announce.OWED;
        if (announce == Announce.OWED) {
          markOwed(last == null ? "" : last);
        }
        unseen.forEach(c -> apply(c, null, announce == Announce.NOW));
        saveLastCommit(unseen.getLast().commitId());
        return true;
      }));
      if (!indexed) {
        // another writer committed beneath this batch: replay from Git, which verifies its commits
        LOG.debug("Commit {} was written on top of {}, which is not the last indexed commit; catching up from Git.",
            batch.getFirst().commitId(), batch.getFirst().parentId());
        catchUpLocked();
      }
    } catch (RuntimeException e) {
      LOG.error("Could not index commits {}..{}; the index is behind Git and will catch up in the background.",
          batch.getFirst().commitId(), batch.getLast().commitId(), e);
      markBehind();
    } finally {
      lock.unlock();
    }
  }

  private static int indexOf(List<RecordedChange> batch, @Nullable String commitId) {
    for (int i = 0; i < batch.size(); i++) {
      if (batch.get(i).commitId().equals(commitId)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Whether the index has fallen behind the repository: it is catching up, or it stopped before a commit
   * that failed verification ({@link #refusal()}).
   */
  public boolean isBehind() {
    return behind.get() || refused.get() != null;
  }

  public Optional<String> lastIndexedCommit() {
    return jdbc.sql("select last_commit from registry_index_state where id = 1")
        .query(String.class).optional();
  }

  private void markBehind() {
    if (behind.compareAndSet(false, true)) {
      repair.schedule(this::repairLoop, 1, TimeUnit.SECONDS);
    }
  }

  private void repairLoop() {
    try {
      if (catchUp().refused() == null) {
        LOG.info("Registry index caught up again after a failure.");
      }
    } catch (RuntimeException e) {
      LOG.warn("Registry index is still behind Git ({}); retrying in 5 s.", e.getMessage());
      repair.schedule(this::repairLoop, 5, TimeUnit.SECONDS);
    }
  }

  /**
   * Indexes the commits after {@code after}. Git is read on a second thread while this one writes the
   * index, so on two cores reading and writing overlap instead of adding up.
   */
  private Progress replay(@Nullable String after, boolean fresh, Announce wanted) {
    Announce announce = wanted == Announce.NOW && !announcing ? Announce.OWED : wanted;
    long start = System.nanoTime();
    BlockingQueue<Object> queue = new ArrayBlockingQueue<>(2 * CHUNK);
    Object end = new Object();
    // not interrupted when this side stops early: an interrupt can close JGit's pack files under the writer
    AtomicBoolean stopped = new AtomicBoolean();
    Thread.ofPlatform().name("steward-index-replay").daemon().start(() -> {
      try {
        lineage.changesSince(after, change -> offer(queue, change, stopped));
        offer(queue, end, stopped);
      } catch (ReplayStopped e) {
        // the indexing side stopped first and is reporting its own failure
      } catch (Throwable t) {
        try {
          offer(queue, t, stopped);
        } catch (ReplayStopped e) {
          // as above
        }
      }
    });
    List<RecordedChange> chunk = new ArrayList<>(CHUNK);
    Set<String> seen = fresh ? new HashSet<>() : null;
    int count = 0;
    String last = after;
    UntrustedCommit untrusted = null;
    try {
      while (true) {
        Object next = queue.take();
        if (next == end) {
          break;
        }
        if (next instanceof UntrustedCommit u) {
          untrusted = u; // every commit before it is in the queue ahead of it
          break;
        }
        if (next instanceof RuntimeException e) {
          throw e;
        }
        if (next instanceof Throwable t) {
          throw new IllegalStateException("Reading the lineage repository failed: " + t.getMessage(), t);
        }
        chunk.add((RecordedChange) next);
        if (chunk.size() == CHUNK) {
          flush(chunk, seen, announce, after, last);
          count += CHUNK;
          last = chunk.getLast().commitId();
          chunk.clear();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while indexing the lineage repository", e);
    } finally {
      stopped.set(true); // lets the reader give up if this side stopped early
    }
    if (!chunk.isEmpty()) {
      flush(chunk, seen, announce, after, last);
      count += chunk.size();
      last = chunk.getLast().commitId();
    }
    Refusal refusal = untrusted == null ? null : new Refusal(untrusted.commitId(), untrusted.reason(), last);
    return new Progress(count, last, Duration.ofNanos(System.nanoTime() - start), refusal);
  }

  private static void offer(BlockingQueue<Object> queue, Object item, AtomicBoolean stopped) {
    try {
      while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
        if (stopped.get()) {
          throw new ReplayStopped();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ReplayStopped();
    }
  }

  /** Thrown on the reader thread when the indexing side has stopped taking changes. */
  private static final class ReplayStopped extends RuntimeException {
    ReplayStopped() {
      super("replay stopped", null, false, false);
    }
  }

  /**
   * Thrown inside an index transaction that found the cursor moved by another process since the replay
   * started; the transaction rolls back and the replay goes on from {@link #lastCommit()}.
   */
  private static final class Overtaken extends RuntimeException {
    private final @Nullable String lastCommit;

    Overtaken(@Nullable String lastCommit) {
      super("overtaken", null, false, false);
      this.lastCommit = lastCommit;
    }

    @Nullable String lastCommit() {
      return lastCommit;
    }
  }

  /** What happens to the events of commits being indexed. */
  private enum Announce { NOW, OWED, NEVER }

  private void flush(List<RecordedChange> chunk, @Nullable Set<String> seen, Announce announce,
      @Nullable String after, @Nullable String previous) {
    tx.executeWithoutResult(s -> {
      String last = lockCursor();
      if (!Objects.equals(last, previous)) {
        throw new Overtaken(last);
      }
      if (announce == Announce.OWED) {
        markOwed(after == null ? "" : after);
      }
      chunk.forEach(c -> apply(c, seen, announce == Announce.NOW));
      saveLastCommit(chunk.getLast().commitId());
    });
  }

  /**
   * Applies one commit to every projection that claims its files. {@code seen} is null outside a full
   * rebuild; during one it holds the paths replayed so far, and a file is fresh (its rows cannot exist
   * yet) only the first time its path comes by: promotions, aliases, deployments and tokens are rewritten
   * or deleted by later commits, which must replace their rows, not add to them.
   */
  private void apply(RecordedChange change, @Nullable Set<String> seen, boolean announce) {
    for (ChangedFile file : change.files()) {
      boolean fresh = seen != null && seen.add(file.path());
      for (IndexProjection p : projections) {
        if (p.indexes(file.path())) {
          p.apply(jdbc, change, file, fresh);
          if (announce) {
            p.announce(change, file).forEach(events);
          }
        }
      }
    }
    if (seen == null) {
      jdbc.sql("delete from registry_change where commit_id = ?").param(change.commitId()).update();
    }
    jdbc.sql("""
        insert into registry_change (commit_id, committed_at, actor, action, subject, summary, family)
        values (?, ?, ?, ?, ?, ?, ?)""")
        .params(change.commitId(), Timestamp.from(change.time()), change.actor(), change.action(),
            change.subject(), summary(change), family(change))
        .update();
  }

  private static String summary(RecordedChange change) {
    String s = change.trailers().getOrDefault("Steward-Summary", change.action() + " " + change.subject());
    return s.length() > 1024 ? s.substring(0, 1024) : s;
  }

  /** The history key of a change: {@code <kind>/<name>}, so a model's history includes its versions and aliases. */
  static @Nullable String family(RecordedChange change) {
    for (ChangedFile f : change.files()) {
      String[] parts = f.path().split("/");
      if (parts.length >= 2) {
        return parts[0] + "/" + parts[1];
      }
    }
    return null;
  }

  /**
   * Publishes the events owed for commits indexed before the application's listeners existed (read again from
   * Git, in one transaction with clearing the mark), then announces every later commit as it is indexed.
   * Called once the application context is refreshed; a crash before this completes leaves the mark, so the
   * next start owes them again (listeners see each event at least once).
   */
  public void startAnnouncing() {
    lock.lock();
    try {
      if (announcing) {
        return;
      }
      String owedFrom = jdbc.sql("select owed_from from registry_index_state where id = 1").query(String.class)
          .optional().orElse(null);
      if (owedFrom != null) {
        String last = lastIndexedCommit().orElse(null);
        int[] announced = {0};
        tx.executeWithoutResult(s -> {
          boolean[] done = {last == null};
          try {
            lineage.changesSince(owedFrom.isEmpty() ? null : owedFrom, change -> {
              if (done[0]) {
                return;
              }
              for (ChangedFile file : change.files()) {
                for (IndexProjection p : projections) {
                  if (p.indexes(file.path())) {
                    p.announce(change, file).forEach(e -> {
                      events.accept(e);
                      announced[0]++;
                    });
                  }
                }
              }
              done[0] = change.commitId().equals(last);
            });
          } catch (UntrustedCommit e) {
            // the index stopped before this commit; everything owed lies before it
            if (!done[0] && last != null) {
              throw e;
            }
          }
          jdbc.sql("update registry_index_state set owed_from = null where id = 1").update();
        });
        LOG.info("Published {} events owed for commits indexed during start-up.", announced[0]);
      }
      announcing = true;
    } finally {
      lock.unlock();
    }
  }

  private void markOwed(String after) {
    jdbc.sql("update registry_index_state set owed_from = ? where id = 1 and owed_from is null").param(after).update();
  }

  /**
   * The last indexed commit, locking its row until the transaction ends: index writers of every process
   * sharing the database take turns here.
   */
  private @Nullable String lockCursor() {
    return jdbc.sql("select last_commit from registry_index_state where id = 1 for update")
        .query(String.class).optional().orElse(null);
  }

  private void saveLastCommit(@Nullable String commitId) {
    jdbc.sql("update registry_index_state set last_commit = ?, updated_at = ? where id = 1")
        .params(commitId, Timestamp.from(Instant.now()))
        .update();
  }

  @Override
  public void close() {
    repair.shutdownNow();
  }
}
