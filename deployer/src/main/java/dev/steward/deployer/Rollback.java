package dev.steward.deployer;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What a rollback did: {@link RolledBack} wrote the previous version as the desired state;
 * {@link AlreadyThere} found that very rollback already written and changed nothing.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "outcome")
@JsonSubTypes({@JsonSubTypes.Type(value = Rollback.RolledBack.class, name = "rolled-back"),
    @JsonSubTypes.Type(value = Rollback.AlreadyThere.class, name = "already-there")})
public sealed interface Rollback {

  Deployment deployment();

  /** Whether this call changed the desired state. */
  @JsonProperty("changed")
  boolean changed();

  /** {@code commit} is the commit that wrote the rollback. */
  record RolledBack(Deployment deployment, String commit) implements Rollback {
    @Override
    public boolean changed() {
      return true;
    }
  }

  record AlreadyThere(Deployment deployment) implements Rollback {
    @Override
    public boolean changed() {
      return false;
    }
  }
}
