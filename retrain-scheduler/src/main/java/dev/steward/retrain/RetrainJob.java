package dev.steward.retrain;

import java.time.Instant;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Quartz job: runs the step its trigger names ({@code cron}, {@code drift}, {@code dataset} fire a
 * plan; {@code attempt} launches a retry after its backoff; {@code timeout} and {@code poll}, which an earlier
 * version scheduled per run, are now done by {@link RunSupervisor} and only finish what is left in Quartz). Created per execution by Spring, so
 * it takes the engine by its constructor. Steps are idempotent: Quartz runs a step again on another instance
 * when the one running it died ({@link JobExecutionContext#isRecovering()}).
 */
class RetrainJob implements Job {
  private static final Logger LOG = LoggerFactory.getLogger(RetrainJob.class);

  private final RunEngine engine;

  RetrainJob(RunEngine engine) {
    this.engine = engine;
  }

  @Override
  public void execute(JobExecutionContext context) throws JobExecutionException {
    JobDataMap data = context.getMergedJobDataMap();
    String step = data.getString("step");
    try {
      switch (step) {
        case "cron" -> engine.fireCron(data.getString("model"), Integer.parseInt(data.getString("position")),
            context.getScheduledFireTime().toInstant(), context.getFireTime().toInstant(), context.isRecovering());
        // drift alerts are recorded when they arrive now; a drift step left in Quartz by an earlier version
        // was admitted already
        case "drift" -> engine.fireDrift(data.getString("model"), data.getString("environment"),
            optionalLong(data.getString("report")), data.getString("alert"), optionalInt(data.getString("version")),
            Instant.ofEpochMilli(Long.parseLong(data.getString("at"))));
        case "dataset" -> engine.fireDataset(data.getString("model"), data.getString("dataset"),
            Integer.parseInt(data.getString("datasetVersion")), data.getString("datasetDigest"),
            Instant.ofEpochMilli(Long.parseLong(data.getString("at"))), context.isRecovering());
        case "attempt" -> engine.attempt(data.getString("run"), Integer.parseInt(data.getString("attempt")));
        case "timeout" -> engine.timeout(data.getString("run"), Integer.parseInt(data.getString("attempt")));
        case "poll" -> engine.poll(data.getString("run"), Integer.parseInt(data.getString("attempt")));
        default -> LOG.warn("Quartz trigger {} names an unknown retrain step '{}'; ignoring it.",
            context.getTrigger().getKey(), step);
      }
    } catch (RuntimeException e) {
      LOG.error("Retrain step {} of trigger {} failed.", step, context.getTrigger().getKey(), e);
      throw new JobExecutionException(e, false);
    }
  }

  private static Long optionalLong(String text) {
    return text == null || text.isEmpty() ? null : Long.valueOf(text);
  }

  private static Integer optionalInt(String text) {
    return text == null || text.isEmpty() ? null : Integer.valueOf(text);
  }
}
