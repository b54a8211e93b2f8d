package dev.steward.retrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.registry.InvalidRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryAndConcurrencyTests {

  @Test
  void backoffDoublesWithEachFailedAttempt() {
    RetrainPlan plan = RetrainFixtures.plan(Concurrency.FORBID, "PT10S");
    assertThat(RunEngine.backoff(plan, 1)).isEqualTo(Duration.ofSeconds(10));
    assertThat(RunEngine.backoff(plan, 2)).isEqualTo(Duration.ofSeconds(20));
    assertThat(RunEngine.backoff(plan, 3)).isEqualTo(Duration.ofSeconds(40));
  }

  @Test
  void backoffStopsGrowingAtSixHours() {
    RetrainPlan plan = RetrainFixtures.plan(Concurrency.FORBID, "PT1H");
    assertThat(RunEngine.backoff(plan, 3)).isEqualTo(Duration.ofHours(4));
    assertThat(RunEngine.backoff(plan, 4)).isEqualTo(Duration.ofHours(6));
    assertThat(RunEngine.backoff(plan, 60)).isEqualTo(Duration.ofHours(6));
  }

  @Test
  void backoffWithoutAPlanIsAMinute() {
    assertThat(RunEngine.backoff(null, 1)).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void aRunStartsWhenNothingElseOfItsPlanIsActive() {
    assertThat(Concurrency.FORBID.decide(List.of())).isEqualTo(new Concurrency.Decision.Start());
    assertThat(Concurrency.REPLACE.decide(List.of())).isEqualTo(new Concurrency.Decision.Start());
  }

  @Test
  void forbidSkipsTheNewRunNamingTheActiveOne() {
    RetrainRun active = RetrainFixtures.run("20261202-030000-aaaaaaaaaa", RunState.LAUNCHED,
        RetrainFixtures.attempt(1, "a"));
    assertThat(Concurrency.FORBID.decide(List.of(active))).isEqualTo(new Concurrency.Decision.Skip(
        "run 20261202-030000-aaaaaaaaaa is still launched (concurrency forbid)"));
  }

  @Test
  void replaceCancelsEveryActiveRun() {
    RetrainRun waiting = RetrainFixtures.run("r1", RunState.TRIGGERED, RetrainFixtures.attempt(1, "a"));
    RetrainRun launched = RetrainFixtures.run("r2", RunState.LAUNCHED, RetrainFixtures.attempt(1, "a"));
    assertThat(Concurrency.REPLACE.decide(List.of(waiting, launched)))
        .isEqualTo(new Concurrency.Decision.Replace(List.of("r1", "r2")));
  }

  @Test
  void concurrencyIsReadOnlyByItsName() {
    assertThat(Concurrency.fromId("replace")).isEqualTo(Concurrency.REPLACE);
    assertThatThrownBy(() -> Concurrency.fromId("allow")).isInstanceOf(InvalidRequest.class)
        .hasMessageContaining("must be forbid or replace, was 'allow'");
  }

  @Test
  void runStatesAreReadOnlyByTheirNames() {
    assertThat(RunState.fromId("timed-out")).isEqualTo(RunState.TIMED_OUT);
    assertThatThrownBy(() -> RunState.fromId("done")).isInstanceOf(InvalidRequest.class)
        .hasMessageContaining("unknown run state 'done'");
  }

  @Test
  void aTerminalRunIsNeverLeft() {
    RetrainRun done = RetrainFixtures.run("r1", RunState.SUCCEEDED, RetrainFixtures.attempt(1, "a"));
    assertThatThrownBy(() -> done.to(RunState.FAILED, "late", RetrainFixtures.T0))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("is succeeded and cannot become failed");
  }
}
