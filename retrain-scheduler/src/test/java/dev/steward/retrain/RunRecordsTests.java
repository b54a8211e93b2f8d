package dev.steward.retrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunRecordsTests {

  @Test
  void theSameFireAlwaysNamesTheSameRun() {
    String id = RunEngine.runId("churn", "cron#0", RetrainFixtures.T0);
    assertThat(id).matches("20261202-030000-[0-9a-f]{10}");
    assertThat(RunEngine.runId("churn", "cron#0", RetrainFixtures.T0)).isEqualTo(id);
    assertThat(RunEngine.runId("churn", "cron#1", RetrainFixtures.T0)).isNotEqualTo(id);
    assertThat(RunEngine.runId("churn", "cron#0", RetrainFixtures.T0.plusMillis(1))).isNotEqualTo(id);
    assertThat(RunEngine.runId("other", "cron#0", RetrainFixtures.T0)).isNotEqualTo(id);
  }

  @Test
  void aRunFileLivesInTheFoldersOfItsIdsHashApartFromThePlansAndIsFoundBack() {
    String id = RunEngine.runId("churn", "cron#0", RetrainFixtures.T0);
    String path = RetrainDocuments.runPath(id);
    assertThat(path).matches("retrain-runs/[0-9a-f]{2}/[0-9a-f]{2}/" + id + "\\.yaml");
    assertThat(RetrainDocuments.runId(path)).hasValue(id);
    assertThat(RetrainDocuments.runId("retrain-runs/00/00/" + id + ".yaml")).as("not its folder").isEmpty();
    assertThat(RetrainDocuments.planModel("retrain/churn.yaml")).hasValue("churn");
    assertThat(RetrainDocuments.planModel(path)).isEmpty();
    assertThat(RetrainDocuments.owns(path)).isTrue();
    assertThat(RetrainDocuments.owns("models/churn/versions/0-99/1.yaml")).isFalse();
  }

  @Test
  void aRunWrittenInTheEarlierLayoutIsStillFound() {
    String id = RunEngine.runId("churn", "cron#0", RetrainFixtures.T0);
    String legacy = RetrainDocuments.legacyRunPath(id);
    assertThat(legacy).matches("retrain/runs/[0-9a-f]{2}/" + id + "\\.yaml");
    assertThat(RetrainDocuments.runId(legacy)).hasValue(id);
    assertThat(RetrainDocuments.planModel(legacy)).isEmpty();
  }

  @Test
  void aRunComesBackFromItsYamlAsItWasWritten() {
    RetrainRun run = RetrainFixtures.run("r1", RunState.LAUNCHED, RetrainFixtures.attempt(1, "a")
        .launched("job ml/retrain-r1-1", RetrainFixtures.T0.plusSeconds(1), "a", RetrainFixtures.T0.plusSeconds(7201))
        .withToken("sha256:" + "b".repeat(64), RetrainFixtures.T0.plusSeconds(9000)));
    byte[] yaml = RetrainDocuments.toYaml(run);
    assertThat(RetrainDocuments.fromYaml(yaml, RetrainRun.class)).isEqualTo(run);
    assertThat(new String(yaml, java.nio.charset.StandardCharsets.UTF_8)).contains("firedAt", "promotion",
        "deadline", "earlierTokenHashes").doesNotContain("promotionPending", "open:");
  }

  @Test
  void anAttemptTakenOverKeepsTheTokenItMayHaveHandedOutAndAddsItsOwn() {
    Attempt first = RetrainFixtures.attempt(1, "a");
    Attempt renewed = first.takenOverBy("b").withToken("sha256:" + "c".repeat(64), RetrainFixtures.T0.plusSeconds(7200));
    assertThat(renewed.instance()).isEqualTo("b");
    assertThat(renewed.tokenHashes()).containsExactly("sha256:" + "c".repeat(64), "sha256:" + "a".repeat(64));
    assertThat(renewed.withoutToken().tokenHashes()).isEmpty();
  }

  @Test
  void theApiShowsNoTokenHash() {
    RetrainRun run = RetrainFixtures.run("r1", RunState.TRIGGERED, RetrainFixtures.attempt(1, "a")
        .withToken("sha256:" + "d".repeat(64), RetrainFixtures.T0));
    assertThat(run.forApi().attempts()).allSatisfy(a -> {
      assertThat(a.tokenHash()).isNull();
      assertThat(a.earlierTokenHashes()).isNull();
    });
  }

  @Test
  void aPromotionIsDueOnceTheRunSucceededWithAVersion() {
    RetrainRun launched = RetrainFixtures.run("r1", RunState.LAUNCHED, RetrainFixtures.attempt(1, "a"));
    assertThat(launched.promotionPending()).isFalse();
    RetrainRun succeeded = launched.to(RunState.SUCCEEDED, "ok", RetrainFixtures.T0);
    assertThat(succeeded.promotionPending()).as("no version yet").isFalse();
    RetrainRun produced = succeeded.produced(8, RetrainFixtures.T0);
    assertThat(produced.promotionPending()).isTrue();
    RetrainRun asked = produced.withPromotion(produced.promotion().requested("p-1", "pending", RetrainFixtures.T0),
        RetrainFixtures.T0);
    assertThat(asked.promotionPending()).isFalse();
    RetrainRun refused = produced.withPromotion(produced.promotion().refused("not in dev yet", RetrainFixtures.T0),
        RetrainFixtures.T0);
    assertThat(refused.promotionPending()).isFalse();
    assertThat(refused.promotion().summary()).isEqualTo("to staging not requested: not in dev yet");
    RetrainRun failed = launched.produced(8, RetrainFixtures.T0).to(RunState.FAILED, "no", RetrainFixtures.T0);
    assertThat(failed.promotionPending()).isFalse();
  }

  @Test
  void aRunPromotionNeedsItsEnvironmentAndRequester() {
    assertThatThrownBy(() -> RunPromotion.wanted(" ", "alice")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RunPromotion.wanted("staging", "")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void lockStripesAreStableAndBounded() {
    assertThat(RunLedger.stripe("run", "20261202-030000-0123456789"))
        .isEqualTo(RunLedger.stripe("run", "20261202-030000-0123456789")).startsWith("run#");
    for (String key : List.of("a", "churn", "zzzzzzzzzzzzzzzzzzzzzzzzz", "-")) {
      int n = Integer.parseInt(RunLedger.stripe("plan", key).substring("plan#".length()));
      assertThat(n).isBetween(0, RunLedger.STRIPES - 1);
    }
  }

  @Test
  void aDatasetTriggerTagMatchesAKeyOrAKeyAndValue() {
    assertThat(RetrainScheduler.tagMatches(null, java.util.Map.of())).isTrue();
    assertThat(RetrainScheduler.tagMatches("team", java.util.Map.of("team", "growth"))).isTrue();
    assertThat(RetrainScheduler.tagMatches("team=retention", java.util.Map.of("team", "growth"))).isFalse();
    assertThat(RetrainScheduler.tagMatches("team=retention", java.util.Map.of("team", "retention"))).isTrue();
    assertThat(RetrainScheduler.tagMatches("team=", java.util.Map.of("team", ""))).isTrue();
    assertThat(RetrainScheduler.tagMatches("team", java.util.Map.of())).isFalse();
  }

  @Test
  void anAttemptNumberStartsAtOne() {
    assertThatThrownBy(() -> Attempt.next(0, "process", "h", Instant.EPOCH, "a"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
