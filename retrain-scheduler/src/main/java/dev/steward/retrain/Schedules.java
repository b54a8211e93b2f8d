package dev.steward.retrain;

import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps Quartz's triggers in step with the plans and schedules the one-off steps of runs. Every trigger fires
 * the one durable job {@code retrain.step} ({@link RetrainJob}), which requests recovery: if the instance
 * running it dies, another instance of the cluster runs it again. Trigger names are derived from what they
 * do (plan and position, run and attempt), so scheduling the same step twice, from two instances or after a
 * restart, keeps one trigger.
 *
 * <p>Every change to Quartz's tables is made in a transaction of its own ({@link #inTransaction}). Spring's job
 * store on the application's DataSource works on the calling thread's Spring transaction; without one, each
 * statement commits by itself, Quartz's lock ({@code SELECT ... FOR UPDATE} on {@code QRTZ_LOCKS}) is released
 * as soon as it is taken, and two changes to the same trigger interleave: a step cancelled while it was being
 * scheduled lost its {@code QRTZ_TRIGGERS} row between the two inserts of scheduling, which then failed on the
 * foreign key of {@code QRTZ_SIMPLE_TRIGGERS}. A new transaction (not the caller's) keeps the lock only as long as
 * the change, so no Git commit or launch of the caller holds every instance's acquisitions.
 */
class Schedules {
  private static final Logger LOG = LoggerFactory.getLogger(Schedules.class);
  static final JobKey JOB = new JobKey("step", "retrain");
  static final String CRON = "retrain-cron";
  static final String ONCE = "retrain-once";

  private final Scheduler scheduler;
  private final TransactionTemplate transactions;

  Schedules(Scheduler scheduler, PlatformTransactionManager transactions) {
    this.scheduler = scheduler;
    this.transactions = new TransactionTemplate(transactions);
    this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** Adds the job (once) and brings every plan's cron triggers in step; removes those of plans that are gone. */
  void reconcile(List<RetrainPlan> plans) {
    try {
      inTransaction(() -> {
        if (!scheduler.checkExists(JOB)) {
          JobDetail job = JobBuilder.newJob(RetrainJob.class).withIdentity(JOB).storeDurably().requestRecovery()
              .withDescription("A step of a retrain run: fire a trigger, launch an attempt, time it out, poll it.")
              .build();
          try {
            scheduler.addJob(job, false);
          } catch (ObjectAlreadyExistsException another) {
            // another instance added it first
          }
        }
      });
      Set<TriggerKey> wanted = new HashSet<>();
      for (RetrainPlan plan : plans) {
        wanted.addAll(sync(plan));
      }
      for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(CRON))) {
        if (!wanted.contains(key)) {
          inTransaction(() -> scheduler.unscheduleJob(key));
          LOG.info("Removed cron trigger {}: its plan no longer has it.", key.getName());
        }
      }
    } catch (SchedulerException e) {
      throw new IllegalStateException("Quartz refused to schedule the retrain plans: " + e.getMessage(), e);
    }
  }

  /** Brings one plan's cron triggers in step with it (one transaction); returns their keys. */
  Set<TriggerKey> sync(RetrainPlan plan) {
    Set<TriggerKey> keys = new HashSet<>();
    try {
      inTransaction(() -> syncInTransaction(plan, keys));
    } catch (SchedulerException e) {
      throw new IllegalStateException("Quartz refused the triggers of plan " + plan.model() + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new IllegalStateException("Quartz refused the triggers of plan " + plan.model() + ": " + e.getMessage(), e);
    }
    return keys;
  }

  private void syncInTransaction(RetrainPlan plan, Set<TriggerKey> keys) throws SchedulerException {
    List<dev.steward.retrain.Trigger> triggers = plan.triggers();
    for (int i = 0; i < triggers.size(); i++) {
      if (!(triggers.get(i) instanceof dev.steward.retrain.Trigger.Cron cron)) {
        continue;
      }
      TriggerKey key = cronKey(plan.model(), i);
      keys.add(key);
      String zone = cron.timeZone() == null ? "UTC" : cron.timeZone();
      Trigger existing = scheduler.getTrigger(key);
      if (existing instanceof CronTrigger c && c.getCronExpression().equals(cron.expression())
          && c.getTimeZone().getID().equals(zone)) {
        continue;
      }
      JobDataMap data = new JobDataMap(Map.of("step", "cron", "model", plan.model(), "position", String.valueOf(i)));
      Trigger trigger = TriggerBuilder.newTrigger().withIdentity(key).forJob(JOB).usingJobData(data)
          .withSchedule(CronScheduleBuilder.cronSchedule(cron.expression()).inTimeZone(TimeZone.getTimeZone(zone))
              .withMisfireHandlingInstructionFireAndProceed())
          .build();
      if (existing == null) {
        try {
          scheduler.scheduleJob(trigger);
        } catch (ObjectAlreadyExistsException another) {
          scheduler.rescheduleJob(key, trigger);
        }
      } else {
        scheduler.rescheduleJob(key, trigger);
      }
      LOG.info("Scheduled retrain of {} at '{}' ({}); next at {}.", plan.model(), cron.expression(), zone,
          trigger.getNextFireTime() == null ? "never" : trigger.getNextFireTime().toInstant());
    }
    // positions that are no cron trigger (any more): asked one by one, not by listing every plan's triggers
    for (int i = 0; i < PlanRules.MAX_TRIGGERS; i++) {
      TriggerKey key = cronKey(plan.model(), i);
      if (!keys.contains(key) && scheduler.checkExists(key)) {
        scheduler.unscheduleJob(key);
      }
    }
  }

  void removePlan(String model) {
    try {
      inTransaction(() -> {
        for (int i = 0; i < PlanRules.MAX_TRIGGERS; i++) {
          if (scheduler.checkExists(cronKey(model, i))) {
            scheduler.unscheduleJob(cronKey(model, i));
          }
        }
      });
    } catch (SchedulerException e) {
      throw new IllegalStateException("Quartz could not remove the triggers of plan " + model + ": " + e.getMessage(), e);
    }
  }

  /** Schedules a step once at {@code when}; a step of the same name already scheduled stays as it is. */
  void once(String name, Instant when, Map<String, String> data) {
    Trigger trigger = TriggerBuilder.newTrigger().withIdentity(name, ONCE).forJob(JOB)
        .usingJobData(new JobDataMap(data)).startAt(Date.from(when))
        .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow()).build();
    try {
      inTransaction(() -> {
        try {
          scheduler.scheduleJob(trigger);
        } catch (ObjectAlreadyExistsException already) {
          LOG.debug("Step {} is scheduled already.", name);
        }
      });
    } catch (SchedulerException e) {
      throw new IllegalStateException("Quartz could not schedule " + name + ": " + e.getMessage(), e);
    }
  }

  void cancel(String name) {
    try {
      inTransaction(() -> scheduler.unscheduleJob(new TriggerKey(name, ONCE)));
    } catch (SchedulerException e) {
      LOG.warn("Quartz could not unschedule {}; it will find nothing to do when it fires.", name, e);
    }
  }

  boolean scheduled(String name) {
    try {
      return scheduler.checkExists(new TriggerKey(name, ONCE));
    } catch (SchedulerException e) {
      throw new IllegalStateException("Quartz could not be asked about " + name + ": " + e.getMessage(), e);
    }
  }

  /** When a plan's cron trigger fires next. */
  java.util.Optional<Instant> nextFire(String model, int position) {
    try {
      Trigger t = scheduler.getTrigger(cronKey(model, position));
      return t == null || t.getNextFireTime() == null ? java.util.Optional.empty()
          : java.util.Optional.of(t.getNextFireTime().toInstant());
    } catch (SchedulerException e) {
      return java.util.Optional.empty();
    }
  }

  /** A change to Quartz's tables. */
  @FunctionalInterface
  private interface Change {
    void apply() throws SchedulerException;
  }

  /** Runs {@code change} in a new transaction, committed (or rolled back on failure) before this returns. */
  private void inTransaction(Change change) throws SchedulerException {
    SchedulerException failed = transactions.execute(status -> {
      try {
        change.apply();
        return null;
      } catch (SchedulerException e) {
        status.setRollbackOnly();
        return e;
      }
    });
    if (failed != null) {
      throw failed;
    }
  }

  static TriggerKey cronKey(String model, int position) {
    return new TriggerKey(model + "#" + position, CRON);
  }
}
