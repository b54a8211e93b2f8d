package dev.steward.retrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.registry.InvalidRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlanRulesTests {
  private final PlanRules rules = new PlanRules(Set.of("process", "webhook", "kubernetes-job")::contains,
      Set.of("airflow-admin"));

  private static PlanRequest request(List<Trigger> triggers, Launcher launcher) {
    return new PlanRequest("churn", null, triggers, launcher, null, null, null, null, null);
  }

  private static Launcher process(String... command) {
    return new Launcher.Process(List.of(command), null, null);
  }

  private static Launcher.Webhook webhook(String preset, String url) {
    return new Launcher.Webhook(preset, url, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  private List<String> fieldsRefused(PlanRequest request) {
    try {
      rules.check(request);
    } catch (InvalidRequest e) {
      List<String> fields = new ArrayList<>();
      e.errors().forEach(f -> fields.add(f.field()));
      return fields;
    }
    throw new AssertionError("the request was accepted");
  }

  private String detail(PlanRequest request) {
    try {
      rules.check(request);
    } catch (InvalidRequest e) {
      return e.getMessage() + " " + e.errors();
    }
    throw new AssertionError("the request was accepted");
  }

  @Test
  void fillsTheDefaultsOfAMinimalPlan() {
    PlanRules.Checked checked = rules.check(request(List.of(new Trigger.Manual()), process("true")));
    assertThat(checked.concurrency()).isEqualTo(Concurrency.FORBID);
    assertThat(checked.timeout()).isEqualTo(Duration.ofHours(1));
    assertThat(checked.backoff()).isEqualTo(Duration.ofMinutes(1));
    assertThat(checked.retries()).isZero();
    assertThat(checked.promoteTo()).isNull();
  }

  @Test
  void cronTriggerGetsUtcWithoutATimeZoneAndKeepsAnIanaOne() {
    PlanRules.Checked checked = rules.check(request(List.of(new Trigger.Cron(" 0 0 3 * * ? ", null),
        new Trigger.Cron("0 30 2 ? * MON-FRI", "Europe/Zurich")), process("true")));
    assertThat(checked.triggers()).containsExactly(new Trigger.Cron("0 0 3 * * ?", "UTC"),
        new Trigger.Cron("0 30 2 ? * MON-FRI", "Europe/Zurich"));
  }

  @Test
  void refusesACronExpressionQuartzCannotParseSayingWhatAnExpressionLooksLike() {
    for (String bad : List.of("0 0 25 * * ?", "* * *", "every night", "0 0 3 * * ? 1969-")) {
      PlanRequest r = request(List.of(new Trigger.Cron(bad, null)), process("true"));
      assertThat(fieldsRefused(r)).as(bad).containsExactly("triggers[0].expression");
      assertThat(detail(r)).as(bad).contains("is not a Quartz cron expression", "'0 0 3 * * ?' is 03:00 every day");
    }
    assertThat(fieldsRefused(request(List.of(new Trigger.Cron("  ", null)), process("true"))))
        .containsExactly("triggers[0].expression");
  }

  @Test
  void refusesATimeZoneThatIsNotAnIanaName() {
    for (String zone : List.of("Mars/Olympus", "CEST+25", "")) {
      PlanRequest r = request(List.of(new Trigger.Cron("0 0 3 * * ?", zone)), process("true"));
      assertThat(fieldsRefused(r)).as(zone).containsExactly("triggers[0].timeZone");
      assertThat(detail(r)).contains("use an IANA name such as Europe/Zurich or UTC");
    }
  }

  @Test
  void reportsEveryFieldAtFaultInOneAnswer() {
    PlanRequest r = new PlanRequest("Not A Name", null, List.of(new Trigger.Cron("0 0 25 * * ?", "Mars/Olympus"),
        new Trigger.Manual(), new Trigger.Manual()), process("train", "${run.secret}"), "sometimes", "soon", 99, "0s",
        "prod uction");
    assertThat(fieldsRefused(r)).containsExactlyInAnyOrder("model", "triggers[0].expression", "triggers[0].timeZone",
        "triggers[2]", "launcher.command", "concurrency", "timeout", "retries", "backoff", "promoteTo");
  }

  @Test
  void readsDurationsInSpringsShortFormOrIsoAndKeepsThemInRange() {
    PlanRules.Checked checked = rules.check(new PlanRequest("churn", null, List.of(new Trigger.Manual()),
        process("true"), "replace", "90m", 3, "PT30S", null));
    assertThat(checked.timeout()).isEqualTo(Duration.ofMinutes(90));
    assertThat(checked.backoff()).isEqualTo(Duration.ofSeconds(30));
    assertThat(checked.concurrency()).isEqualTo(Concurrency.REPLACE);
    assertThat(detail(new PlanRequest("churn", null, List.of(new Trigger.Manual()), process("true"), null, "8d", null,
        null, null))).contains("must be between PT1S and PT168H, was PT192H");
    assertThat(detail(new PlanRequest("churn", null, List.of(new Trigger.Manual()), process("true"), null, "two hours",
        null, null, null))).contains("write 90s, 30m, 6h, 1d or ISO-8601 such as PT6H");
  }

  @Test
  void driftTriggerDefaultsItsCooldownAndMinimumIntervalAndRefusesNegativeOnes() {
    PlanRules.Checked checked = rules.check(request(List.of(new Trigger.Drift("production", null, null)), process("true")));
    Trigger.Drift drift = (Trigger.Drift) checked.triggers().getFirst();
    assertThat(drift.cooldownDuration()).isEqualTo(Duration.ofHours(6));
    assertThat(drift.minIntervalDuration()).isEqualTo(Duration.ofHours(1));
    assertThat(fieldsRefused(request(List.of(new Trigger.Drift("production", "-1s", "45d")), process("true"))))
        .containsExactly("triggers[0].cooldown", "triggers[0].minInterval");
    assertThat(fieldsRefused(request(List.of(new Trigger.Drift(null, null, null)), process("true"))))
        .containsExactly("triggers[0].environment");
  }

  @Test
  void datasetTriggerChecksTheNameAndTheTagKey() {
    assertThat(rules.check(request(List.of(new Trigger.NewDataset("churn-events", "team=retention")), process("true")))
        .triggers()).containsExactly(new Trigger.NewDataset("churn-events", "team=retention"));
    assertThat(fieldsRefused(request(List.of(new Trigger.NewDataset("Churn Events", "=x")), process("true"))))
        .containsExactly("triggers[0].dataset", "triggers[0].tag");
  }

  @Test
  void needsOneTriggerAtLeastAndAtMostTwenty() {
    assertThat(fieldsRefused(request(List.of(), process("true")))).containsExactly("triggers");
    assertThat(fieldsRefused(request(null, process("true")))).containsExactly("triggers");
    List<Trigger> many = new ArrayList<>();
    for (int i = 0; i < 21; i++) {
      many.add(new Trigger.Cron("0 0 3 * * ?", null));
    }
    assertThat(detail(request(many, process("true")))).contains("at most 20 triggers");
    assertThat(fieldsRefused(request(Arrays.asList(new Trigger.Manual(), null), process("true"))))
        .containsExactly("triggers[1]");
  }

  @Test
  void refusesUnknownParametersAndNamesTheKnownOnes() {
    PlanRequest r = request(List.of(new Trigger.Manual()), new Launcher.Process(List.of("train", "--run", "${run.id}"),
        Map.of("TOKEN", "${run.tokn}"), "/work/${model}"));
    assertThat(fieldsRefused(r)).containsExactly("launcher.environment");
    assertThat(detail(r)).contains("${run.tokn}", "${run.token}");
    assertThat(fieldsRefused(request(List.of(new Trigger.Manual()), process(" ")))).containsExactly("launcher.command");
  }

  @Test
  void refusesALauncherThisStewardDoesNotHaveNamingItsSetting() {
    PlanRules processOff = new PlanRules(Set.of("webhook")::contains, Set.of());
    try {
      processOff.check(request(List.of(new Trigger.Manual()), process("true")));
      throw new AssertionError("accepted");
    } catch (InvalidRequest e) {
      assertThat(e.errors().getFirst().field()).isEqualTo("launcher.type");
      assertThat(e.errors().getFirst().detail()).contains("steward.retrain.process.enabled");
    }
    assertThat(fieldsRefused(request(List.of(new Trigger.Manual()), null))).containsExactly("launcher");
  }

  @Test
  void webhookPresetsNeedWhatTheirApiNeeds() {
    assertThat(fieldsRefused(request(List.of(new Trigger.Manual()), webhook("airflow", "http://airflow:8080"))))
        .containsExactly("launcher.dag");
    assertThat(fieldsRefused(request(List.of(new Trigger.Manual()), webhook("argo-workflows", "https://argo:2746"))))
        .containsExactly("launcher.namespace", "launcher.workflowTemplate");
    assertThat(fieldsRefused(request(List.of(new Trigger.Manual()), webhook("kubeflow-pipelines", "http://kfp"))))
        .containsExactly("launcher.pipelineId");
    assertThat(detail(request(List.of(new Trigger.Manual()), webhook("jenkins", "http://ci"))))
        .contains("unknown preset 'jenkins'", "airflow", "argo-workflows", "kubeflow-pipelines");
  }

  @Test
  void plainWebhookNeedsAnHttpUrlPostOrPutAndConfiguredCredentials() {
    assertThat(fieldsRefused(request(List.of(new Trigger.Manual()), webhook(null, "ftp://files/train"))))
        .containsExactly("launcher.url");
    assertThat(fieldsRefused(request(List.of(new Trigger.Manual()), webhook(null, "no url at all"))))
        .containsExactly("launcher.url");
    Launcher get = new Launcher.Webhook(null, "http://ci/train", "GET", null, null, "someone", null, null, null, null,
        null, null, null, "5m1s");
    assertThat(fieldsRefused(request(List.of(new Trigger.Manual()), get)))
        .containsExactly("launcher.method", "launcher.credentials", "launcher.callTimeout");
    Launcher ok = new Launcher.Webhook(null, "http://ci/train", "PUT", Map.of("X-Team", "${model}"),
        Map.of("run", "${run.id}"), "airflow-admin", null, null, null, null, null, null, null, "2500ms");
    Launcher.Webhook checked = (Launcher.Webhook) rules.check(request(List.of(new Trigger.Manual()), ok)).launcher();
    assertThat(checked.callTimeout()).isEqualTo("PT2.5S");
  }

  @Test
  void jobTemplateMustBeABatchV1Job() {
    assertThat(fieldsRefused(request(List.of(new Trigger.Manual()), new Launcher.KubernetesJob("ml",
        Map.of("apiVersion", "v1", "kind", "Pod"))))).containsExactly("launcher.template");
    assertThat(fieldsRefused(request(List.of(new Trigger.Manual()), new Launcher.KubernetesJob("ML", Map.of()))))
        .containsExactly("launcher.namespace", "launcher.template");
  }
}
