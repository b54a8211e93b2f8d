package dev.steward.retrain;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LaunchParametersTests {
  private final RetrainRun run = RetrainFixtures.run("20261202-030000-0123456789", RunState.TRIGGERED,
      RetrainFixtures.attempt(1, "a"));
  private final Map<String, String> parameters = LaunchParameters.of(run, 2, "stwr_secret", URI.create("http://steward:8080/"));

  @Test
  void tellsTheRunItsFacts() {
    assertThat(parameters).containsEntry("model", "churn").containsEntry("run.id", "20261202-030000-0123456789")
        .containsEntry("run.attempt", "2").containsEntry("run.token", "stwr_secret")
        .containsEntry("run.statusUrl", "http://steward:8080/api/v1/retrain/runs/20261202-030000-0123456789/status")
        .containsEntry("steward.url", "http://steward:8080").containsEntry("cause.kind", "schedule")
        .containsEntry("cause.scheduledAt", "2026-12-02T03:00:00Z").containsEntry("cause.driftReport", "")
        .containsEntry("champion", "7").containsEntry("plan.revision", "3");
    assertThat(parameters.keySet()).containsExactlyInAnyOrderElementsOf(LaunchParameters.NAMES);
  }

  @Test
  void substitutesKnownParametersAndLeavesOthersAsWritten() {
    assertThat(LaunchParameters.substitute("retrain-${model}-${run.attempt} ${nope} $model", parameters))
        .isEqualTo("retrain-churn-2 ${nope} $model");
  }

  @Test
  void substitutedValuesAreTakenLiterally() {
    Map<String, String> odd = Map.of("model", "a$1\\b${run.id}");
    assertThat(LaunchParameters.substitute("x ${model} y", odd)).isEqualTo("x a$1\\b${run.id} y");
  }

  @Test
  void substitutesInEveryStringOfABodyTemplateKeysIncluded() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("job", "retrain-${model}");
    body.put("${model}-attempt", 1);
    body.put("args", List.of("--run", "${run.id}", 3, true));
    body.put("nested", Map.of("token", "${run.token}"));
    body.put("nothing", null);
    @SuppressWarnings("unchecked")
    Map<String, Object> out = (Map<String, Object>) LaunchParameters.substituteTree(body, parameters);
    assertThat(out).containsEntry("job", "retrain-churn").containsEntry("churn-attempt", 1)
        .containsEntry("args", List.of("--run", "20261202-030000-0123456789", 3, true))
        .containsEntry("nested", Map.of("token", "stwr_secret")).containsEntry("nothing", null);
  }

  @Test
  void findsTheUnknownParametersOfATemplateOnceEach() {
    Object template = Map.of("a", "${model} ${run.tokn}", "${plan.rev}", List.of("${run.tokn}", "${cause.reason}"));
    assertThat(LaunchParameters.unknown(template)).containsExactlyInAnyOrder("run.tokn", "plan.rev");
    assertThat(LaunchParameters.unknown(null)).isEmpty();
  }

  @Test
  void namesEnvironmentVariablesAfterTheParameters() {
    Map<String, String> env = LaunchParameters.environment(parameters);
    assertThat(env).containsEntry("STEWARD_MODEL", "churn").containsEntry("STEWARD_RUN_ID", run.id())
        .containsEntry("STEWARD_RUN_STATUS_URL", parameters.get("run.statusUrl"))
        .containsEntry("STEWARD_URL", "http://steward:8080").containsEntry("STEWARD_CHAMPION_VERSION", "7")
        .containsEntry("STEWARD_CAUSE_SCHEDULED_AT", "2026-12-02T03:00:00Z")
        .containsEntry("STEWARD_PLAN_REVISION", "3").containsEntry("STEWARD_RUN_TOKEN", "stwr_secret");
  }

  @Test
  void webhookFactsAreSnakeCaseWithTheCauseAsAnObjectAndTheExtraParametersSubstituted() {
    Map<String, Object> facts = WebhookLaunch.facts(parameters, Map.of("queue", "gpu-${model}"));
    assertThat(facts).containsEntry("run_id", run.id()).containsEntry("run_status_url", parameters.get("run.statusUrl"))
        .containsEntry("steward_url", "http://steward:8080").containsEntry("plan_revision", "3")
        .containsEntry("queue", "gpu-churn").doesNotContainKeys("cause_kind", "cause.kind", "run.id");
    assertThat(facts.get("cause")).isInstanceOf(Map.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> cause = (Map<String, Object>) facts.get("cause");
    assertThat(cause).containsEntry("kind", "schedule").containsEntry("expression", "0 0 3 * * ?");
  }
}
