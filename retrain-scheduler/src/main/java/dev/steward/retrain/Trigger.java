package dev.steward.retrain;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What starts a run of a retrain plan: a cron schedule, drift of a deployed version, a new version of a
 * dataset, or a person ({@code POST /api/v1/retrain/plans/{model}/runs}). Durations are ISO-8601
 * ({@code PT6H}) as stored; a request may also say {@code 6h}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Trigger.Cron.class, name = "cron"),
    @JsonSubTypes.Type(value = Trigger.Drift.class, name = "drift"),
    @JsonSubTypes.Type(value = Trigger.NewDataset.class, name = "dataset"),
    @JsonSubTypes.Type(value = Trigger.Manual.class, name = "manual")})
public sealed interface Trigger {

  /** The {@code type} of this trigger in plans, runs and the API. */
  @JsonIgnore
  String kind();

  /** A Quartz cron expression (seconds first: {@code 0 0 3 * * ?}) in a time zone (default UTC). */
  record Cron(String expression, @Nullable String timeZone) implements Trigger {
    @Override
    public String kind() {
      return "cron";
    }
  }

  /**
   * Drift of the model in an environment ({@code DriftDetected}, or an alert). After a drift-started run, alerts
   * are ignored for {@code cooldown}; and none starts a run sooner than {@code minInterval} after the last run
   * of the plan began, whatever started it.
   */
  record Drift(String environment, @Nullable String cooldown, @Nullable String minInterval) implements Trigger {
    @Override
    public String kind() {
      return "drift";
    }

    @JsonIgnore
    public Duration cooldownDuration() {
      return cooldown == null ? Duration.ZERO : Duration.parse(cooldown);
    }

    @JsonIgnore
    public Duration minIntervalDuration() {
      return minInterval == null ? Duration.ZERO : Duration.parse(minInterval);
    }
  }

  /** A new version of {@code dataset}; with {@code tag} ({@code key} or {@code key=value}) only versions tagged so. */
  record NewDataset(String dataset, @Nullable String tag) implements Trigger {
    @Override
    public String kind() {
      return "dataset";
    }
  }

  /** Runs started by a person through the API; a plan without it refuses them. */
  record Manual() implements Trigger {
    @Override
    public String kind() {
      return "manual";
    }
  }
}
