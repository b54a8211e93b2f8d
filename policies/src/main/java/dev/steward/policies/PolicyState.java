package dev.steward.policies;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a policy version stands: {@code proposed -> active | rejected}. A version registered by a person
 * takes effect only once a second policy admin approves it (four eyes on governance itself); the
 * policies that ship with Steward are active when Steward registers them.
 */
public enum PolicyState {
  PROPOSED("waiting for a second policy admin to approve it; promotions are judged by the active version"),
  ACTIVE("approved; new promotions into its environments are judged by it"),
  REJECTED("a second policy admin rejected it; it never takes effect");

  private final String description;

  PolicyState(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static PolicyState fromId(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
