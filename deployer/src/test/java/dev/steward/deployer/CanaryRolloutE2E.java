package dev.steward.deployer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.steward.registry.ModelVersion;
import dev.steward.testing.kube.EnableKubeApiServer;
import dev.steward.testing.kube.KServe;
import dev.steward.testing.kube.KubeApiServer;
import dev.steward.testing.kube.TestNamespace;
import dev.steward.testing.kube.TestingKServeController;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Canary rollouts against the real kube-apiserver, the fake KServe controller and a real Prometheus: a canary
 * that passes every step, one whose drift analysis fails and is routed back within one interval, one whose
 * metric is out of bounds, canary - rollback - canary on one service (kserve#2130), the people's controls, and
 * a query Prometheus cannot parse refused at start-up.
 */
@EnableKubeApiServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CanaryRolloutE2E {
  private static final String ERROR_RATIO = "max(steward_test_canary_error_ratio{revision=\"{{ revision }}\"})";
  private KubeApiServer server;
  private TestNamespace namespace;
  private DynamicKubernetesApi isvcs;
  private TestingKServeController kserve;
  private TestingPrometheus prometheus;
  private Path dir;
  private TestSteward steward;

  @BeforeAll
  void start(KubeApiServer server, TestNamespace namespace) throws Exception {
    this.server = server;
    this.namespace = namespace;
    this.isvcs = KServe.inferenceServices(server.adminClient());
    prometheus = TestingPrometheus.start();
    kserve = TestingKServeController.start(server.adminClient(), namespace.name());
  }

  @AfterAll
  void stop() throws InterruptedException {
    if (kserve != null) {
      kserve.close();
    }
    if (prometheus != null) {
      prometheus.close();
    }
  }

  @AfterEach
  void stopSteward() {
    if (steward != null) {
      steward.close();
      steward = null;
    }
    TestSteward.delete(dir);
  }

  private Map<String, String> canary(String steps, String interval, int iterations, int failureLimit) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("steward.environments[0].rollout.strategy", "canary");
    p.put("steward.environments[0].rollout.steps", steps);
    p.put("steward.environments[0].rollout.interval", interval);
    p.put("steward.environments[0].rollout.iterations", String.valueOf(iterations));
    p.put("steward.environments[0].rollout.failure-limit", String.valueOf(failureLimit));
    p.put("steward.environments[0].rollout.metrics[0].name", "error-ratio");
    p.put("steward.environments[0].rollout.metrics[0].query", ERROR_RATIO);
    p.put("steward.environments[0].rollout.metrics[0].max", "0.05");
    return p;
  }

  private TestSteward start(Map<String, String> extra) throws IOException {
    dir = Files.createTempDirectory("steward-canary-e2e");
    Map<String, String> p = new LinkedHashMap<>();
    p.put("steward.environments[0].name", "dev");
    p.put("steward.environments[0].namespace", namespace.name());
    p.put("steward.environments[0].target", "cluster");
    p.put("steward.environments[0].deployment.deployment-mode", "Knative");
    p.put("steward.deployer.kubeconfig", server.writeKubeconfig(dir.resolve("kubeconfig"), false).toString());
    p.put("steward.deployer.resync-interval", "2s");
    p.put("steward.deployer.prometheus-url", prometheus.url().toString());
    p.putAll(extra);
    steward = TestSteward.start(dir, p);
    return steward;
  }

  /** Version 1 rolled out (a first deployment goes direct), version 2 registered. */
  private ModelVersion firstRolledOut(String model) {
    ModelVersion v1 = steward.register(model, "s3://models/" + model + "/1");
    steward.approve("dev", v1);
    awaitStatus(model, s -> assertThat(s.rollout().state()).isEqualTo("rolled-out"));
    return steward.register(model, "s3://models/" + model + "/2");
  }

  @Test
  void aCanaryThatPassesEveryStepIsPromoted() throws Exception {
    start(canary("20, 60, 100", "1s", 2, 0));
    ModelVersion v2 = firstRolledOut("passing");
    prometheus.errorRatio("passing-predictor-00002", 0.01);
    prometheus.awaitScraped("passing-predictor-00002", 0.01);
    TestingDriftVerdicts.INSTANCE.set("dev", "passing", 2, DriftVerdicts.Status.OK, "report 7: PSI below 0.1");
    List<String> splits = new ArrayList<>();

    steward.approve("dev", v2);

    DeploymentStatus done = awaitStatus("passing", s -> {
      if (s.observed() != null && s.observed().canaryTrafficPercent() != null
          && !splits.contains(s.observed().canaryTrafficPercent() + "%")) {
        splits.add(s.observed().canaryTrafficPercent() + "%");
      }
      assertThat(s.rollout().state()).isEqualTo("promoted");
    });
    assertThat(splits).containsSubsequence("20%", "60%");
    assertThat(done.observed().traffic()).extracting(DeploymentStatus.Traffic::revision, DeploymentStatus.Traffic::percent)
        .containsExactly(Tuple.tuple("passing-predictor-00002", 100L));
    assertThat(done.observed().latestRolledoutRevision()).isEqualTo("passing-predictor-00002");
    assertThat(done.observed().previousRolledoutRevision()).isEqualTo("passing-predictor-00001");
    assertThat(done.observed().canaryTrafficPercent()).isNull();
    // two steps, two iterations each, two checks each time, all passed, never repeated
    assertThat(done.rollout().analysis()).extracting(DeploymentStatus.Check::step, DeploymentStatus.Check::iteration,
        DeploymentStatus.Check::check, DeploymentStatus.Check::result).containsExactly(
        Tuple.tuple(1, 1, "drift", "pass"), Tuple.tuple(1, 1, "error-ratio", "pass"),
        Tuple.tuple(1, 2, "drift", "pass"), Tuple.tuple(1, 2, "error-ratio", "pass"),
        Tuple.tuple(2, 1, "drift", "pass"), Tuple.tuple(2, 1, "error-ratio", "pass"),
        Tuple.tuple(2, 2, "drift", "pass"), Tuple.tuple(2, 2, "error-ratio", "pass"));
    assertThat(done.rollout().analysis()).filteredOn(c -> c.check().equals("error-ratio")).first()
        .satisfies(c -> assertThat(c.detail()).contains("0.01 is <= 0.05"));
    Map<String, Object> outcome = outcome("passing");
    assertThat(outcome).containsEntry("outcome", "promoted");
    assertThat(checks(outcome)).hasSize(8).allSatisfy(c -> assertThat(c).containsEntry("result", "pass"));
    assertThat(steward.deployer().deployment("dev", "passing").version()).isEqualTo(2);
    assertThat(eventReasons("passing")).contains("StepInPlace", "Promoted");
    assertThat(steward.bean(io.micrometer.core.instrument.MeterRegistry.class).get("steward.deployer.rollout.state")
        .tags("environment", "dev", "model", "passing").gauge().value())
        .isEqualTo(RolloutState.PROMOTED.ordinal());
  }

  @Test
  void aCanaryWhoseDriftAlertsIsRoutedBackWithinOneInterval() throws Exception {
    Duration interval = Duration.ofSeconds(2);
    start(canary("25, 100", "2s", 3, 0));
    ModelVersion v2 = firstRolledOut("drifting");
    prometheus.errorRatio("drifting-predictor-00002", 0.0);
    prometheus.awaitScraped("drifting-predictor-00002", 0.0);
    TestingDriftVerdicts.INSTANCE.set("dev", "drifting", 2, DriftVerdicts.Status.ALERT,
        "report 9 (1,200 rows): PSI of tenure 0.31 >= psi_alert 0.25");

    steward.approve("dev", v2);

    DeploymentStatus back = awaitStatus("drifting", s -> {
      assertThat(s.desired().version()).isEqualTo(1);
      assertThat(s.rollout().state()).isEqualTo("pinned");
    });
    Instant pinnedSeen = Instant.now();
    assertThat(back.observed().traffic()).filteredOn(t -> t.percent() == 100)
        .extracting(DeploymentStatus.Traffic::revision).containsExactly("drifting-predictor-00001");
    Map<String, Object> outcome = outcome("drifting");
    assertThat(outcome).containsEntry("outcome", "aborted").containsEntry("reason", "AnalysisFailed");
    assertThat(checks(outcome)).extracting(c -> c.get("detail")).containsExactly(
        "drift of version 2: alert - report 9 (1,200 rows): PSI of tenure 0.31 >= psi_alert 0.25 (alert fails the canary)",
        "error-ratio: 0 is <= 0.05 (max(steward_test_canary_error_ratio{revision=\"drifting-predictor-00002\"}))");
    Instant failedAt = Instant.parse(String.valueOf(checks(outcome).getFirst().get("at")));
    assertThat(Duration.between(failedAt, pinnedSeen)).isLessThan(interval);
    assertThat(steward.deployer().deployment("dev", "drifting").reason()).contains("PSI of tenure 0.31");
  }

  @Test
  void aCanaryWhoseMetricLeavesItsBoundsAbortsBeyondTheFailureLimit() throws Exception {
    start(canary("50, 100", "1s", 5, 1));
    ModelVersion v2 = firstRolledOut("erring");
    prometheus.errorRatio("erring-predictor-00002", 0.2);
    prometheus.awaitScraped("erring-predictor-00002", 0.2);

    steward.approve("dev", v2);

    awaitStatus("erring", s -> assertThat(s.rollout().state()).isEqualTo("pinned"));
    Map<String, Object> outcome = outcome("erring");
    // failure limit 1: the second failed analysis aborts; unknown drift does not count against the canary
    assertThat(String.valueOf(outcome.get("summary"))).contains("2 failed analyses against a limit of 1");
    assertThat(checks(outcome)).filteredOn(c -> "fail".equals(c.get("result"))).hasSize(2)
        .allSatisfy(c -> assertThat(String.valueOf(c.get("detail"))).startsWith("error-ratio: 0.2 is not <= 0.05"));
    assertThat(checks(outcome)).filteredOn(c -> "drift".equals(c.get("check"))).hasSize(2)
        .allSatisfy(c -> assertThat(String.valueOf(c.get("detail"))).contains("not counted against the canary"));
  }

  @Test
  void canaryRollbackCanaryLeavesNoRouteToTheAbandonedRevision() throws Exception {
    start(canary("20, 100", "1s", 30, 0));
    ModelVersion v2 = firstRolledOut("again");
    ModelVersion v3 = steward.register("again", "s3://models/again/3");
    steward.approve("dev", v2);
    awaitStatus("again", s -> assertThat(s.rollout().state()).isEqualTo("analysing"));

    steward.deployer().rollback("dev", "again", "olga", "latency looks wrong");
    awaitStatus("again", s -> assertThat(s.rollout().state()).isEqualTo("pinned"));
    steward.approve("dev", v3);

    DeploymentStatus canary = awaitStatus("again", s -> {
      assertThat(s.desired().version()).isEqualTo(3);
      assertThat(s.rollout().state()).isEqualTo("analysing");
    });
    assertThat(canary.observed().traffic()).extracting(DeploymentStatus.Traffic::revision, DeploymentStatus.Traffic::percent)
        .containsExactlyInAnyOrder(Tuple.tuple("again-predictor-00003", 20L), Tuple.tuple("again-predictor-00001", 80L));
    assertThat(canary.rollout().stableRevision()).isEqualTo("again-predictor-00001");

    steward.deployer().promote("dev", "again", "olga", "looks good");
    DeploymentStatus promoted = awaitStatus("again", s -> assertThat(s.rollout().state()).isEqualTo("promoted"));
    assertThat(promoted.observed().traffic()).extracting(DeploymentStatus.Traffic::revision, DeploymentStatus.Traffic::percent)
        .containsExactly(Tuple.tuple("again-predictor-00003", 100L));
    assertThat(promoted.rollout().lastTransition().message()).contains("Promoted by olga");
  }

  @Test
  void aPausedCanaryIsNotAnalysedUntilResumedAndAbortRoutesTrafficBack() throws Exception {
    start(canary("30, 100", "1s", 100, 0));
    ModelVersion v2 = firstRolledOut("steered");
    prometheus.errorRatio("steered-predictor-00002", 0.0);
    prometheus.awaitScraped("steered-predictor-00002", 0.0);
    steward.approve("dev", v2);
    awaitStatus("steered", s -> assertThat(s.rollout().state()).isEqualTo("analysing"));

    steward.deployer().pause("dev", "steered", "olga", "checking dashboards");
    Thread.sleep(300);
    int analysed = TestingDriftVerdicts.INSTANCE.asked("dev", "steered", 2);
    Thread.sleep(3000);
    assertThat(TestingDriftVerdicts.INSTANCE.asked("dev", "steered", 2)).isEqualTo(analysed);
    assertThat(steward.deployer().status("dev", "steered").rollout().paused()).isTrue();

    steward.deployer().resume("dev", "steered", "olga", null);
    await().atMost(Duration.ofSeconds(10)).until(() -> TestingDriftVerdicts.INSTANCE.asked("dev", "steered", 2) > analysed);
    steward.deployer().abort("dev", "steered", "olga", "dashboards disagree");

    DeploymentStatus back = awaitStatus("steered", s -> assertThat(s.rollout().state()).isEqualTo("pinned"));
    assertThat(back.desired().version()).isEqualTo(1);
    assertThat(back.deployment().reason()).contains("Aborted by olga: dashboards disagree");
    assertThatThrownBy(() -> steward.deployer().promote("dev", "steered", "olga", null))
        .isInstanceOf(dev.steward.registry.RegistryConflict.class).hasMessageContaining("is over");
  }

  @Test
  void aQueryPrometheusCannotParseIsRefusedAtStartUp() {
    Map<String, String> settings = canary("20, 100", "1s", 1, 0);
    settings.put("steward.environments[0].rollout.metrics[0].query", "sum(rate(http_requests_total[1m])");
    assertThatThrownBy(() -> start(settings)).rootCause().hasMessageContaining("error-ratio")
        .hasMessageContaining("Prometheus cannot parse the query");
  }

  // ---- helpers --------------------------------------------------------------------------------------

  @SuppressWarnings("unchecked")
  private Map<String, Object> outcome(String model) {
    return DeploymentDocuments.fromYaml(steward.lineage().read("rollouts/dev/" + model + ".yaml").orElseThrow(),
        Map.class);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> checks(Map<String, Object> outcome) {
    return (List<Map<String, Object>>) outcome.get("checks");
  }

  private DeploymentStatus awaitStatus(String model, Consumer<DeploymentStatus> assertions) {
    DeploymentStatus[] last = new DeploymentStatus[1];
    await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
      DeploymentStatus s = steward.deployer().status("dev", model);
      assertThat(s.rollout()).as("rollout of " + model).isNotNull();
      last[0] = s;
      assertions.accept(s);
    });
    return last[0];
  }

  private List<String> eventReasons(String name) throws Exception {
    return new CoreV1Api(server.adminClient()).listNamespacedEvent(namespace.name())
        .fieldSelector("involvedObject.name=" + name).execute().getItems().stream().map(CoreV1Event::getReason).toList();
  }
}
