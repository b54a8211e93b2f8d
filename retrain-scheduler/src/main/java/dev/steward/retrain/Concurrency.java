package dev.steward.retrain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.steward.registry.InvalidRequest;
import java.util.Arrays;

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

  @JsonCreator
  public static Concurrency fromId(String id) {
    return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst()
        .orElseThrow(() -> new InvalidRequest("concurrency", "must be forbid or replace, was '" + id + "'"));
  }
}
