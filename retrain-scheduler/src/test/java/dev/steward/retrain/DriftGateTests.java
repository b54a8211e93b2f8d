package dev.steward.retrain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DriftGateTests {
  private static final Instant NOON = Instant.parse("2026-12-02T12:00:00Z");
  private final Trigger.Drift trigger = new Trigger.Drift("production", "PT6H", "PT1H");

  @Test
  void admitsDriftWhenNoRunBeganBefore() {
    assertThat(DriftGate.hold(trigger, null, null, NOON)).isEmpty();
  }

  @Test
  void holdsDriftWithinTheCooldownOfTheLastDriftStartedRun() {
    assertThat(DriftGate.hold(trigger, NOON.minusSeconds(5 * 3600), NOON.minusSeconds(5 * 3600), NOON))
        .hasValue("a drift-started run began at 2026-12-02T07:00:00Z and the cooldown is PT6H");
  }

  @Test
  void admitsDriftOnceTheCooldownIsOver() {
    assertThat(DriftGate.hold(trigger, NOON.minusSeconds(6 * 3600), NOON.minusSeconds(6 * 3600), NOON)).isEmpty();
  }

  @Test
  void holdsDriftWithinTheMinimumIntervalAfterARunOfAnyKind() {
    assertThat(DriftGate.hold(trigger, null, NOON.minusSeconds(1800), NOON))
        .hasValue("the last run began at 2026-12-02T11:30:00Z and the minimum interval is PT1H");
  }

  @Test
  void withoutCooldownOrIntervalEveryAlertIsAdmitted() {
    Trigger.Drift eager = new Trigger.Drift("production", "PT0S", "PT0S");
    assertThat(DriftGate.hold(eager, NOON, NOON, NOON)).isEmpty();
  }

  @Test
  void aReportThatClosedBeforeTheCooldownEndedStaysHeldWhenSeenLater() {
    // the catch-up judges a report at the time it closed, not at the time it is found
    Instant lastDrift = NOON.minusSeconds(8 * 3600);
    Instant closed = NOON.minusSeconds(3 * 3600);
    assertThat(DriftGate.hold(trigger, lastDrift, lastDrift, closed)).isPresent();
    assertThat(DriftGate.hold(trigger, lastDrift, lastDrift, NOON)).isEmpty();
  }
}
