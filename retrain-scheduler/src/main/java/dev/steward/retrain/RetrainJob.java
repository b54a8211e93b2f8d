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
 * plan; {@code attempt}, {@code timeout}, {@code poll} move a run on). Created per execution by Spring, so
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
        case "drift" -> engine.fireDrift(data.getString("model"), data.getString("environment"),
            optionalLong(data.getString("report")), data.getString("alert"), optionalInt(data.getString("version")),
            Instant.ofEpochMilli(Long.parseLong(data.getString("at"))), context.isRecovering());
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
