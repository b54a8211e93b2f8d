package dev.steward.retrain;

import dev.steward.lineage.Change;
import dev.steward.lineage.FileChange;
import dev.steward.lineage.Lineage;
import dev.steward.lineage.LineageUnavailable;
import dev.steward.lineage.PathAlreadyExists;
import dev.steward.lineage.RecordedChange;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes runs to the registry repository. A run's file is created once and then changed by whichever
 * instance learns something about it (a fire, a launch, a callback, a process exit, a Job watch), so every
 * change reads the file from Git and commits the new content while holding a row lock in {@code retrain_lock}
 * ({@code select ... for update}) that covers the run (or, for a start, its plan): changes of one run are
 * serialised across instances, and each one sees the last.
 *
 * <p>Changes are batched, as the lineage writer batches commits: one thread takes whatever changes are
 * waiting, locks the rows of all of them in one statement (in name order, so two batches never deadlock),
 * decides each change, hands all commits to lineage at once (they share a group commit) and waits for them,
 * then ends the transaction. One connection serves the whole batch, however many callers wait; before,
 * each caller held a connection while its commit was written, and a small pool limited how many commits
 * could share a group commit. Lock rows are striped ({@code plan#<n>}, {@code run#<n>}): a fixed set of rows,
 * made once, instead of one row per run ever started.
 *
 * <p>Code that holds a lock itself ({@link #locked}) changes runs directly, in its own transaction: waiting
 * there for the batch could wait for a lock the caller holds.
 */
class RunLedger implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RunLedger.class);
  static final int STRIPES = 1024;
  private static final int MAX_BATCH = 256;

  private final Lineage lineage;
  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final TransactionTemplate newTransaction;
  /**
   * Direct lock holders keep a connection while they wait for their commit, and the commit's index update
   * needs one of its own; fewer holders than connections keeps the pool from running dry.
   */
  private final Semaphore holders;
  private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean closing;
  private volatile boolean stripesReady;

  RunLedger(Lineage lineage, JdbcClient jdbc, TransactionTemplate tx, int directHolders) {
    this.lineage = lineage;
    this.jdbc = jdbc;
    this.tx = tx;
    this.newTransaction = new TransactionTemplate(tx.getTransactionManager());
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.holders = new Semaphore(Math.max(1, directHolders), true);
    this.writer = Thread.ofPlatform().name("steward-retrain-ledger").daemon(true).unstarted(this::run);
    writer.start();
  }

  // ---- what a batched change decides -------------------------------------------------------------------

  /** What a unit of work decided under its lock: nothing to write, a commit, or work the batch cannot do. */
  sealed interface Decision<T> {
    /** Nothing to write; the answer is {@code value}. */
    record Done<T>(T value) implements Decision<T> {}

    /** Record {@code change}; the answer is {@code recorded}, or {@code existing} if a created path was taken. */
    record Write<T>(Change change, T recorded, Supplier<T> existing) implements Decision<T> {}

    /** Work that must hold its lock while it does more (cancelling other runs): done by the caller alone. */
    record Alone<T>(String why) implements Decision<T> {}
  }

  /** Thrown to the caller of a unit that decided {@link Decision.Alone}. */
  static final class MustRunAlone extends RuntimeException {
    MustRunAlone(String why) {
      super(why, null, false, false);
    }
  }

  private record Pending<T>(String kind, String key, @Nullable Object subject, Function<Batch, Decision<T>> decide,
      CompletableFuture<T> result) {
    String name() {
      return kind + ":" + key;
    }
  }

  /** What the units of one batch share: which keys it holds, and lookups made once for all of them. */
  static final class Batch {
    private final List<Pending<?>> units;
    private final Map<String, Object> memo = new java.util.HashMap<>();

    private Batch(List<Pending<?>> units) {
      this.units = units;
    }

    /** The keys of one kind this batch holds the locks of. */
    List<String> keys(String kind) {
      return units.stream().filter(p -> p.kind().equals(kind)).map(Pending::key).toList();
    }

    /** What the units of one kind said they are about ({@link #submit}'s {@code subject}), of one type. */
    <S> List<S> units(String kind, Class<S> type) {
      return units.stream().filter(p -> p.kind().equals(kind) && type.isInstance(p.subject()))
          .map(p -> type.cast(p.subject())).toList();
    }

    /** {@code lookup}'s answer, made once per batch under {@code name}. */
    @SuppressWarnings("unchecked")
    <V> V memo(String name, Supplier<V> lookup) {
      return (V) memo.computeIfAbsent(name, n -> lookup.get());
    }
  }

  /**
   * Queues a unit of work to run under the lock of {@code kind} ({@code plan} or {@code run}) and {@code key},
   * in the next batch. {@code decide} runs on the batch's thread inside its transaction; {@code subject} is what
   * the unit is about, for lookups the batch makes once for all its units ({@link Batch#units}).
   */
  <T> CompletableFuture<T> submit(String kind, String key, @Nullable Object subject, Function<Batch, Decision<T>> decide) {
    CompletableFuture<T> result = new CompletableFuture<>();
    if (closing) {
      result.completeExceptionally(new LineageUnavailable("The retrain ledger is closed."));
      return result;
    }
    queue.add(new Pending<>(kind, key, subject, decide, result));
    return result;
  }

  // ---- the common verbs -----------------------------------------------------------------------------------

  /** Creates the run's file; if a run with this id exists already (a repeated fire), returns that one. */
  Created create(RetrainRun run, String actor, String summary) {
    try {
      lineage.record(createChange(run, actor, summary));
      return new Created(run, true);
    } catch (PathAlreadyExists e) {
      return new Created(read(run.id()).orElseThrow(() -> e), false);
    }
  }

  static Change createChange(RetrainRun run, String actor, String summary) {
    return change(actor, "trigger-run", run, summary, FileChange.create(RetrainDocuments.runPath(run.id()),
        RetrainDocuments.toYaml(run)));
  }

  record Created(RetrainRun run, boolean isNew) {}

  Optional<RetrainRun> read(String id) {
    return locate(id).map(Located::run);
  }

  /** A run and the path of its file: the current layout, or the one before it for runs written then. */
  private record Located(String path, RetrainRun run) {}

  private Optional<Located> locate(String id) {
    for (String path : List.of(RetrainDocuments.runPath(id), RetrainDocuments.legacyRunPath(id))) {
      Optional<byte[]> yaml = lineage.read(path);
      if (yaml.isPresent()) {
        return Optional.of(new Located(path, RetrainDocuments.fromYaml(yaml.get(), RetrainRun.class)));
      }
    }
    return Optional.empty();
  }

  /**
   * Changes a run under its lock: {@code change} gets the current run and returns the new one, or empty to
   * leave it as it is. Returns the run as it is afterwards (empty if there is no such run). Batched, unless the
   * caller holds a lock already ({@link #locked}): then in the caller's transaction.
   */
  Optional<Outcome> change(String id, String actor, String action, Function<RetrainRun, Optional<RetrainRun>> change) {
    if (TransactionSynchronizationManager.isActualTransactionActive() || Thread.currentThread() == writer) {
      return locked("run", id, () -> decideChange(id, actor, action, change).map(this::recordNow));
    }
    return join(changeAsync(id, actor, action, change));
  }

  /** {@link #change}, batched, without waiting. */
  CompletableFuture<Optional<Outcome>> changeAsync(String id, String actor, String action,
      Function<RetrainRun, Optional<RetrainRun>> change) {
    return submit("run", id, null, batch -> {
      Optional<Step> step = decideChange(id, actor, action, change);
      if (step.isEmpty()) {
        return new Decision.Done<>(Optional.empty());
      }
      Step s = step.get();
      if (s.change() == null) {
        return new Decision.Done<>(Optional.of(s.outcome()));
      }
      return new Decision.Write<>(s.change(), Optional.of(s.outcome()), () -> Optional.of(s.outcome()));
    });
  }

  private record Step(Outcome outcome, @Nullable Change change) {}

  private Optional<Step> decideChange(String id, String actor, String action,
      Function<RetrainRun, Optional<RetrainRun>> change) {
    return locate(id).map(located -> {
      RetrainRun current = located.run();
      Optional<RetrainRun> next = change.apply(current);
      if (next.isEmpty() || next.get().equals(current)) {
        return new Step(new Outcome(current, false), null);
      }
      RetrainRun changed = next.get();
      return new Step(new Outcome(changed, true), change(actor, action, changed, summary(action, changed),
          FileChange.put(located.path(), RetrainDocuments.toYaml(changed))));
    });
  }

  private Outcome recordNow(Step step) {
    if (step.change() != null) {
      lineage.record(step.change());
    }
    return step.outcome();
  }

  record Outcome(RetrainRun run, boolean changed) {}

  JdbcClient jdbc() {
    return jdbc;
  }

  /**
   * Runs {@code work} holding the lock of {@code kind} and {@code key}, in a transaction of its own or
   * (nested) in the caller's, which then holds both locks until it ends. Never waits for the batch.
   */
  <T> T locked(String kind, String key, Supplier<T> work) {
    ensureStripes();
    boolean outermost = !TransactionSynchronizationManager.isActualTransactionActive();
    if (outermost) {
      holders.acquireUninterruptibly();
    }
    try {
      return tx.execute(status -> {
        jdbc.sql("select name from retrain_lock where name = ? for update").param(stripe(kind, key))
            .query(String.class).single();
        return work.get();
      });
    } finally {
      if (outermost) {
        holders.release();
      }
    }
  }

  /** The lock row covering {@code key}: one of {@link #STRIPES} per kind. */
  static String stripe(String kind, String key) {
    return kind + "#" + Math.floorMod(key.hashCode(), STRIPES);
  }

  // ---- the batch ------------------------------------------------------------------------------------------

  private void run() {
    Deque<Pending<?>> carried = new ArrayDeque<>();
    while (true) {
      List<Pending<?>> batch = new ArrayList<>();
      Set<String> names = new HashSet<>();
      try {
        if (carried.isEmpty()) {
          Pending<?> first = queue.poll(50, TimeUnit.MILLISECONDS);
          if (first == null) {
            if (closing) {
              break;
            }
            continue;
          }
          carried.add(first);
        }
        List<Pending<?>> more = new ArrayList<>();
        queue.drainTo(more, MAX_BATCH);
        carried.addAll(more);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      // one unit per run (or plan) per batch: a second change of the same run must see the first one's result
      Deque<Pending<?>> later = new ArrayDeque<>();
      while (!carried.isEmpty() && batch.size() < MAX_BATCH) {
        Pending<?> p = carried.poll();
        if (names.add(p.name())) {
          batch.add(p);
        } else {
          later.add(p);
        }
      }
      later.addAll(carried);
      carried = later;
      try {
        execute(batch);
      } catch (RuntimeException | Error e) {
        LOG.error("A batch of {} retrain run changes failed.", batch.size(), e);
        batch.forEach(p -> p.result().completeExceptionally(e));
      }
    }
    List<Pending<?>> stranded = new ArrayList<>(carried);
    queue.drainTo(stranded);
    stranded.forEach(p -> p.result().completeExceptionally(new LineageUnavailable("The retrain ledger closed.")));
  }

  private void execute(List<Pending<?>> units) {
    ensureStripes();
    long started = System.nanoTime();
    long[] marks = new long[3];
    List<String> stripes = new ArrayList<>(new TreeSet<>(units.stream().map(p -> stripe(p.kind(), p.key())).toList()));
    List<Runnable> answers = new ArrayList<>();
    Batch batch = new Batch(units);
    tx.executeWithoutResult(status -> {
      String places = String.join(", ", java.util.Collections.nCopies(stripes.size(), "?"));
      int locked = jdbc.sql("select name from retrain_lock where name in (" + places + ") order by name for update")
          .params(stripes.toArray()).query(String.class).list().size();
      if (locked != stripes.size()) {
        throw new IllegalStateException("Only " + locked + " of " + stripes.size() + " retrain lock rows exist.");
      }
      marks[0] = System.nanoTime();
      List<Decided<?>> decided = new ArrayList<>();
      for (Pending<?> p : units) {
        decide(p, batch, answers).ifPresent(decided::add);
      }
      marks[1] = System.nanoTime();
      // every commit of the batch handed over at once, so that the lineage writer takes them as one group
      List<Runnable> waits = new ArrayList<>();
      for (Decided<?> d : decided) {
        waits.add(d.record(lineage, answers));
      }
      waits.forEach(Runnable::run);
      marks[2] = System.nanoTime();
    });
    answers.forEach(Runnable::run);
    if (LOG.isDebugEnabled()) {
      LOG.debug("Wrote a batch of {} retrain run changes in {} ms: locks {} ms, decisions {} ms, commits {} ms, "
          + "transaction end {} ms.", units.size(), millis(started, System.nanoTime()), millis(started, marks[0]),
          millis(marks[0], marks[1]), millis(marks[1], marks[2]), millis(marks[2], System.nanoTime()));
    }
  }

  private static long millis(long from, long to) {
    return (to - from) / 1_000_000;
  }

  /** A unit that decided to write: its commit, then its answer. */
  private record Decided<T>(Pending<T> pending, Decision.Write<T> write) {
    /** Hands the commit to lineage; returns what waits for it and answers the unit. */
    Runnable record(Lineage lineage, List<Runnable> answers) {
      CompletableFuture<RecordedChange> commit = lineage.recordAsync(write.change());
      return () -> {
        try {
          commit.join();
          answers.add(() -> pending.result().complete(write.recorded()));
        } catch (CompletionException e) {
          if (e.getCause() instanceof PathAlreadyExists) {
            answers.add(() -> {
              try {
                pending.result().complete(write.existing().get());
              } catch (RuntimeException failed) {
                pending.result().completeExceptionally(failed);
              }
            });
          } else {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            answers.add(() -> pending.result().completeExceptionally(cause));
          }
        }
      };
    }
  }

  /** Decides one unit: a write to record, or (adding its answer to {@code answers}) nothing. */
  private <T> Optional<Decided<?>> decide(Pending<T> p, Batch batch, List<Runnable> answers) {
    Decision<T> decision;
    try {
      decision = p.decide().apply(batch);
    } catch (RuntimeException e) {
      answers.add(() -> p.result().completeExceptionally(e));
      return Optional.empty();
    }
    return switch (decision) {
      case Decision.Done<T> done -> {
        answers.add(() -> p.result().complete(done.value()));
        yield Optional.empty();
      }
      case Decision.Alone<T> alone -> {
        answers.add(() -> p.result().completeExceptionally(new MustRunAlone(alone.why())));
        yield Optional.empty();
      }
      case Decision.Write<T> write -> Optional.of(new Decided<>(p, write));
    };
  }

  /** Waits for a batched answer, rethrowing what failed it as it was thrown. */
  static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  /**
   * Makes the lock rows once: {@link #STRIPES} per kind. Each instance checks at its first write; rows another
   * instance inserted meanwhile are taken as they are.
   */
  private void ensureStripes() {
    if (stripesReady) {
      return;
    }
    synchronized (this) {
      if (stripesReady) {
        return;
      }
      for (int attempt = 1; ; attempt++) {
        Set<String> existing = new HashSet<>(jdbc.sql("select name from retrain_lock where name like 'plan#%' "
            + "or name like 'run#%'").query(String.class).list());
        List<String> missing = new ArrayList<>();
        for (String kind : List.of("plan", "run")) {
          for (int i = 0; i < STRIPES; i++) {
            String name = kind + "#" + i;
            if (!existing.contains(name)) {
              missing.add(name);
            }
          }
        }
        if (missing.isEmpty()) {
          break;
        }
        try {
          newTransaction.executeWithoutResult(status -> {
            for (int from = 0; from < missing.size(); from += 256) {
              List<String> slice = missing.subList(from, Math.min(missing.size(), from + 256));
              jdbc.sql("insert into retrain_lock (name) values " + String.join(", ",
                  java.util.Collections.nCopies(slice.size(), "(?)"))).params(slice.toArray()).update();
            }
          });
          LOG.info("Made {} retrain lock rows.", missing.size());
          break;
        } catch (DataIntegrityViolationException another) {
          if (attempt >= 5) {
            throw another;
          }
          // another instance made some of them meanwhile: look again
        }
      }
      stripesReady = true;
    }
  }

  static Change change(String actor, String action, RetrainRun run, String summary, FileChange file) {
    return new Change(actor, action, "retrain-run " + run.id(), summary, List.of(file),
        Map.of("Steward-Retrain-State", run.state().id()));
  }

  static String summary(String action, RetrainRun run) {
    return switch (action) {
      case "launch-run" -> "Launch retrain run " + run.id() + " of " + run.model() + " (attempt "
          + run.currentAttempt().map(Attempt::number).orElse(0) + ")";
      case "produce-version" -> "Retrain run " + run.id() + " registered " + run.model() + "/" + run.producedVersion();
      case "take-over-attempt" -> "Retrain run " + run.id() + " of " + run.model() + ": attempt "
          + run.currentAttempt().map(Attempt::number).orElse(0) + " taken over by "
          + run.currentAttempt().map(Attempt::instance).orElse("?");
      case "request-promotion" -> "Retrain run " + run.id() + " of " + run.model() + ": promotion "
          + (run.promotion() == null ? "" : run.promotion().summary());
      default -> "Retrain run " + run.id() + " of " + run.model() + ": " + run.state().id()
          + (run.message() == null ? "" : " (" + abbreviate(run.message()) + ")");
    };
  }

  private static String abbreviate(String text) {
    String line = text.replaceAll("\\s+", " ").strip();
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }

  @Override
  public void close() {
    closing = true;
    try {
      writer.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
