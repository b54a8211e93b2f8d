package dev.steward.retrain;

import dev.steward.lineage.Change;
import dev.steward.lineage.FileChange;
import dev.steward.lineage.Lineage;
import dev.steward.lineage.PathAlreadyExists;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes runs to the registry repository. A run's file is created once and then changed by whichever
 * instance learns something about it (a Quartz job, a callback, a process exit, a Job watch), so every change
 * reads the file from Git and commits the new content while holding the run's row in {@code retrain_lock}
 * ({@code select ... for update}): changes of one run are serialised across instances, and each one sees the
 * last.
 */
class RunLedger {
  /**
   * Holders of a row lock keep a connection while they wait for their commit, and the commit's index update
   * needs one of its own; fewer holders than connections keeps the pool from running dry.
   */
  private static final int LOCK_HOLDERS = 4;

  private final Lineage lineage;
  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final TransactionTemplate newTransaction;
  private final Semaphore holders = new Semaphore(LOCK_HOLDERS, true);

  RunLedger(Lineage lineage, JdbcClient jdbc, TransactionTemplate tx) {
    this.lineage = lineage;
    this.jdbc = jdbc;
    this.tx = tx;
    this.newTransaction = new TransactionTemplate(tx.getTransactionManager());
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** Creates the run's file; if a run with this id exists already (a repeated fire), returns that one. */
  Created create(RetrainRun run, String actor, String summary) {
    try {
      lineage.record(change(actor, "trigger-run", run, summary, FileChange.create(RetrainDocuments.runPath(run.id()),
          RetrainDocuments.toYaml(run))));
      return new Created(run, true);
    } catch (PathAlreadyExists e) {
      return new Created(read(run.id()).orElseThrow(() -> e), false);
    }
  }

  record Created(RetrainRun run, boolean isNew) {}

  Optional<RetrainRun> read(String id) {
    return lineage.read(RetrainDocuments.runPath(id)).map(yaml -> RetrainDocuments.fromYaml(yaml, RetrainRun.class));
  }

  /**
   * Changes a run under its lock: {@code change} gets the current run and returns the new one, or empty to
   * leave it as it is. Returns the run as it is afterwards (empty if there is no such run).
   */
  Optional<Outcome> change(String id, String actor, String action, Function<RetrainRun, Optional<RetrainRun>> change) {
    return locked("run:" + id, () -> read(id).map(current -> {
      Optional<RetrainRun> next = change.apply(current);
      if (next.isEmpty() || next.get().equals(current)) {
        return new Outcome(current, false);
      }
      RetrainRun changed = next.get();
      lineage.record(change(actor, action, changed, summary(action, changed),
          FileChange.put(RetrainDocuments.runPath(id), RetrainDocuments.toYaml(changed))));
      return new Outcome(changed, true);
    }));
  }

  record Outcome(RetrainRun run, boolean changed) {}

  JdbcClient jdbc() {
    return jdbc;
  }

  /**
   * Runs {@code work} holding the row lock {@code name}, in a transaction of its own or (nested) in the
   * caller's, which then holds both locks until it ends.
   */
  <T> T locked(String name, java.util.function.Supplier<T> work) {
    ensureLockRow(name);
    boolean outermost = !TransactionSynchronizationManager.isActualTransactionActive();
    if (outermost) {
      holders.acquireUninterruptibly();
    }
    try {
      return tx.execute(status -> {
        jdbc.sql("select name from retrain_lock where name = ? for update").param(name).query(String.class).single();
        return work.get();
      });
    } finally {
      if (outermost) {
        holders.release();
      }
    }
  }

  /**
   * Inserts the lock's row if it is missing, in a transaction of its own: on PostgreSQL a failed insert (another
   * instance was quicker) would abort the transaction it ran in.
   */
  private void ensureLockRow(String name) {
    if (jdbc.sql("select count(*) from retrain_lock where name = ?").param(name).query(Long.class).single() > 0) {
      return;
    }
    try {
      newTransaction.executeWithoutResult(status ->
          jdbc.sql("insert into retrain_lock (name) values (?)").param(name).update());
    } catch (DataIntegrityViolationException exists) {
      // another writer inserted it first: what we need
    }
  }

  private static Change change(String actor, String action, RetrainRun run, String summary, FileChange file) {
    return new Change(actor, action, "retrain-run " + run.id(), summary, List.of(file),
        Map.of("Steward-Retrain-State", run.state().id()));
  }

  private static String summary(String action, RetrainRun run) {
    return switch (action) {
      case "launch-run" -> "Launch retrain run " + run.id() + " of " + run.model() + " (attempt "
          + run.currentAttempt().map(Attempt::number).orElse(0) + ")";
      case "produce-version" -> "Retrain run " + run.id() + " registered " + run.model() + "/" + run.producedVersion();
      default -> "Retrain run " + run.id() + " of " + run.model() + ": " + run.state().id()
          + (run.message() == null ? "" : " (" + abbreviate(run.message()) + ")");
    };
  }

  private static String abbreviate(String text) {
    String line = text.replaceAll("\\s+", " ").strip();
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }
}
