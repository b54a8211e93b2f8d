package dev.steward.retrain;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How a model is retrained: its triggers, its launcher, what happens to overlapping runs, how long a run may
 * take and how often a failed one is tried again. Stored as {@code retrain/<model>.yaml}; each change is one
 * commit and raises {@code revision}.
 *
 * @param timeout how long one attempt may run before it is stopped (ISO-8601)
 * @param retries how many more attempts a failed one gets
 * @param backoff the wait before the first retry; it doubles for each further one (ISO-8601)
 * @param promoteTo the environment a successful run's version is proposed for promotion to, if any
 */
public record RetrainPlan(
    String model,
    int revision,
    @Nullable String description,
    List<Trigger> triggers,
    Launcher launcher,
    Concurrency concurrency,
    String timeout,
    int retries,
    String backoff,
    @Nullable String promoteTo,
    String registeredBy,
    Instant registeredAt,
    @Nullable String digest) {

  public RetrainPlan {
    triggers = List.copyOf(triggers);
  }

  RetrainPlan withDigest(@Nullable String digest) {
    return new RetrainPlan(model, revision, description, triggers, launcher, concurrency, timeout, retries, backoff,
        promoteTo, registeredBy, registeredAt, digest);
  }

  @JsonIgnore
  public Duration timeoutDuration() {
    return Duration.parse(timeout);
  }

  @JsonIgnore
  public Duration backoffDuration() {
    return Duration.parse(backoff);
  }

  /** The trigger of this kind, if the plan has one (the first, for kinds that may appear more than once). */
  public <T extends Trigger> Optional<T> trigger(Class<T> kind) {
    return triggers.stream().filter(kind::isInstance).map(kind::cast).findFirst();
  }
}
