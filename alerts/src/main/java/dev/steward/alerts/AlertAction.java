package dev.steward.alerts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * What an alert asks Steward to do, from its {@code steward_action} label: roll the model back in the
 * environment, have it retrained (an {@link AlertFired} event the retrain scheduler listens to), or only
 * record it for on-call.
 */
public enum AlertAction {
  ROLLBACK("rollback", "roll the model back to the version deployed before"),
  RETRAIN("retrain", "publish AlertFired for the retrain scheduler"),
  NOTIFY("notify", "record the alert for on-call; change nothing");

  private final String id;
  private final String description;

  AlertAction(String id, String description) {
    this.id = id;
    this.description = description;
  }

  @JsonValue
  public String id() {
    return id;
  }

  public String description() {
    return description;
  }

  public static Optional<AlertAction> find(String id) {
    return Arrays.stream(values()).filter(a -> a.id.equals(id)).findFirst();
  }

  @JsonCreator
  public static AlertAction fromId(String id) {
    return find(id).orElseThrow(() -> new IllegalArgumentException("steward_action '" + id
        + "' is not one of rollback, retrain, notify"));
  }
}
