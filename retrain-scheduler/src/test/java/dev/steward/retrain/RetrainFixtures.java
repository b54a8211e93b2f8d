package dev.steward.retrain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Plans, runs and attempts for tests of the retrain module's pure logic. */
final class RetrainFixtures {
  static final Instant T0 = Instant.parse("2026-12-02T03:00:00Z");

  private RetrainFixtures() {}

  static RetrainPlan plan(Concurrency concurrency, String backoff) {
    return new RetrainPlan("churn", 3, null, List.of(new Trigger.Manual()),
        new Launcher.Process(List.of("python3", "train.py"), Map.of(), null), concurrency, "PT2H", 2, backoff,
        "staging", "alice", T0, null);
  }

  static Attempt attempt(int number, String instance) {
    return Attempt.next(number, "process", "sha256:" + "a".repeat(64), T0.plusSeconds(3600), instance);
  }

  static RetrainRun run(String id, RunState state, Attempt... attempts) {
    return new RetrainRun(id, "churn", 3, "cron", Cause.schedule(T0, "0 0 3 * * ?", "UTC", T0.plusMillis(120)), 7,
        state, List.of(attempts), null, null, "steward", T0, T0, state.terminal() ? T0 : null,
        RunPromotion.wanted("staging", "alice"));
  }
}
