package dev.steward.retrain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.steward.registry.InvalidRequest;
import java.util.Arrays;

/** Where a retrain run stands; a terminal state never changes again. */
public enum RunState {
  TRIGGERED("triggered", false, "started by its trigger; being launched, or waiting to retry a launch"),
  LAUNCHED("launched", false, "handed to its launcher; training"),
  SUCCEEDED("succeeded", true, "the launcher reported success"),
  FAILED("failed", true, "the launcher reported failure, or launching failed, after every retry"),
  TIMED_OUT("timed-out", true, "did not finish within the plan's timeout, and was stopped"),
  SKIPPED("skipped", true, "not started: another run of the plan was active (concurrency forbid)"),
  CANCELLED("cancelled", true, "stopped: a newer run replaced it (concurrency replace), or the plan was removed");

  private final String id;
  private final boolean terminal;
  private final String description;

  RunState(String id, boolean terminal, String description) {
    this.id = id;
    this.terminal = terminal;
    this.description = description;
  }

  @JsonValue
  public String id() {
    return id;
  }

  public boolean terminal() {
    return terminal;
  }

  public String description() {
    return description;
  }

  @JsonCreator
  public static RunState fromId(String id) {
    return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst()
        .orElseThrow(() -> new InvalidRequest("state", "unknown run state '" + id + "'; expected one of "
            + Arrays.stream(values()).map(RunState::id).toList()));
  }
}
