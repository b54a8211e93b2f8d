package dev.steward.retrain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.steward.registry.InvalidRequest;
import java.util.Arrays;
import java.util.List;

/** What a new run does while another run of the same plan is active, as a CronJob's {@code concurrencyPolicy}. */
public enum Concurrency {
  /** The new run is recorded as skipped; the active one goes on. */
  FORBID("forbid"),
  /** The active run is cancelled (its Job deleted, its process stopped) and the new one starts. */
  REPLACE("replace");

  private final String id;

  Concurrency(String id) {
    this.id = id;
  }

  @JsonValue
  public String id() {
    return id;
  }

  /** What a new run does, given the runs of its plan still under way (oldest first). */
  Decision decide(List<RetrainRun> active) {
    if (active.isEmpty()) {
      return new Decision.Start();
    }
    RetrainRun first = active.getFirst();
    return switch (this) {
      case FORBID -> new Decision.Skip("run " + first.id() + " is still " + first.state().id() + " (concurrency forbid)");
      case REPLACE -> new Decision.Replace(active.stream().map(RetrainRun::id).toList());
    };
  }

  /** The outcome of {@link #decide}. */
  sealed interface Decision {
    /** Nothing else is under way: the run starts. */
    record Start() implements Decision {}

    /** Recorded as skipped, saying why; the active run goes on. */
    record Skip(String reason) implements Decision {}

    /** These runs are cancelled, then the run starts. */
    record Replace(List<String> runs) implements Decision {
      public Replace {
        runs = List.copyOf(runs);
      }
    }
  }

  @JsonCreator
  public static Concurrency fromId(String id) {
    return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst()
        .orElseThrow(() -> new InvalidRequest("concurrency", "must be forbid or replace, was '" + id + "'"));
  }
}
