package dev.steward.deployer;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where the rollout of a desired state stands; terminal states wait for the next desired state. */
public enum RolloutState {
  PENDING(false, "committed; waiting to be applied to the cluster"),
  PROGRESSING(false, "applied; waiting until KServe has the step in place"),
  ANALYSING(false, "the step is in place; its analysis runs every interval"),
  PROMOTING(false, "analysis passed; the canary takes all traffic"),
  ABORTING(false, "routing all traffic back to the stable revision"),
  ROLLED_OUT(true, "the version serves all traffic"),
  PROMOTED(true, "the canary passed every step and serves all traffic"),
  PINNED(true, "rolled back: all traffic is on a revision KServe still held"),
  ABORTED(true, "the rollout failed; all traffic is back on the stable revision"),
  FAILED(true, "the rollout failed and there is no earlier revision to route traffic to");

  private final boolean terminal;
  private final String description;

  RolloutState(boolean terminal, String description) {
    this.terminal = terminal;
    this.description = description;
  }

  public boolean terminal() {
    return terminal;
  }

  public String description() {
    return description;
  }

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
