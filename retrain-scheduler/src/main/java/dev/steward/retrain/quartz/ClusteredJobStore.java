package dev.steward.retrain.quartz;

import java.sql.SQLException;
import org.quartz.JobDetail;
import org.quartz.JobPersistenceException;
import org.quartz.Trigger.CompletedExecutionInstruction;
import org.quartz.spi.OperableTrigger;
import org.springframework.scheduling.quartz.LocalDataSourceJobStore;

/**
 * Spring's job store on the application's DataSource, with one change: a step that ends leaving its trigger as
 * it is ({@code NOOP}: a cron trigger with a next fire time) only deletes its own row of
 * {@code QRTZ_FIRED_TRIGGERS}, without Quartz's cluster-wide {@code TRIGGER_ACCESS} lock. Quartz takes that lock
 * for every completion; with many fires at once, each completion queued behind the others and behind the
 * acquisitions of both instances, and the workers waiting there held the permits the next acquisition needed:
 * the completions were most of the fire lateness measured. Deleting one's own fired-trigger row changes no
 * trigger's state, which is what the lock keeps consistent; the only other writer of that row is another
 * instance recovering this one after taking it for dead, which at worst runs the step again, and every retrain
 * step may be repeated. Other completions (a one-off trigger deleted, a state set) keep the lock. Public because
 * Quartz makes it by reflection ({@code org.quartz.jobStore.class}).
 */
public class ClusteredJobStore extends LocalDataSourceJobStore {

  @Override
  public void triggeredJobComplete(OperableTrigger trigger, JobDetail jobDetail,
      CompletedExecutionInstruction instruction) {
    if (instruction != CompletedExecutionInstruction.NOOP || jobDetail.isConcurrentExecutionDisallowed()
        || jobDetail.isPersistJobDataAfterExecution()) {
      super.triggeredJobComplete(trigger, jobDetail, instruction);
      return;
    }
    retryExecuteInNonManagedTXLock(null, connection -> {
      try {
        getDelegate().deleteFiredTrigger(connection, trigger.getFireInstanceId());
        return null;
      } catch (SQLException e) {
        throw new JobPersistenceException("Couldn't delete fired trigger: " + e.getMessage(), e);
      }
    });
  }
}
