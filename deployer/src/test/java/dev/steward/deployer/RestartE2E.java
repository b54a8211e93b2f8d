package dev.steward.deployer;

import static org.assertj.core.api.Assertions.assertThat;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * A canary survives a restart of Steward and a restart of the kube-apiserver in the middle of its analysis:
 * it resumes at the step and iteration it had reached, never repeating or skipping one.
 */
@EnableKubeApiServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestartE2E {
  private KubeApiServer server;
  private TestNamespace namespace;
  private DynamicKubernetesApi isvcs;
  private TestingKServeController kserve;
  private Path dir;
  private TestSteward steward;

  @BeforeAll
  void start(KubeApiServer server, TestNamespace namespace) {
    this.server = server;
    this.namespace = namespace;
    this.isvcs = KServe.inferenceServices(server.adminClient());
    kserve = TestingKServeController.start(server.adminClient(), namespace.name());
  }

  @AfterAll
  void stop() {
    kserve.close();
  }

  @AfterEach
  void stopSteward() {
    if (steward != null) {
      steward.close();
    }
    TestSteward.delete(dir);
  }

  private void startSteward() throws Exception {
    dir = Files.createTempDirectory("steward-restart-e2e");
    Map<String, String> p = new LinkedHashMap<>();
    p.put("steward.environments[0].name", "dev");
    p.put("steward.environments[0].namespace", namespace.name());
    p.put("steward.environments[0].target", "cluster");
    p.put("steward.environments[0].deployment.deployment-mode", "Knative");
    p.put("steward.environments[0].rollout.strategy", "canary");
    p.put("steward.environments[0].rollout.steps", "20, 60, 100");
    p.put("steward.environments[0].rollout.interval", "1s");
    p.put("steward.environments[0].rollout.iterations", "3");
    p.put("steward.deployer.kubeconfig", server.writeKubeconfig(dir.resolve("kubeconfig"), false).toString());
    p.put("steward.deployer.resync-interval", "2s");
    steward = TestSteward.start(dir, p);
  }

  private void canaryAnalysing(String model) {
    ModelVersion v1 = steward.register(model, "s3://models/" + model + "/1");
    ModelVersion v2 = steward.register(model, "s3://models/" + model + "/2");
    steward.approve("dev", v1);
    awaitStatus(model, s -> assertThat(s.rollout().state()).isEqualTo("rolled-out"));
    TestingDriftVerdicts.INSTANCE.set("dev", model, 2, DriftVerdicts.Status.OK, "PSI below 0.1");
    steward.approve("dev", v2);
    awaitStatus(model, s -> {
      assertThat(s.rollout().state()).isEqualTo("analysing");
      assertThat(s.rollout().analysis()).isNotEmpty();
    });
  }

  @Test
  void aRestartedStewardResumesTheCanaryWhereItWas() throws Exception {
    startSteward();
    canaryAnalysing("resumed");

    steward.stop();
    Thread.sleep(2500); // more than two intervals pass while Steward is down
    steward.startAgain();

    DeploymentStatus done = awaitStatus("resumed", s -> assertThat(s.rollout().state()).isEqualTo("promoted"));
    assertEveryIterationOnce(done);
    assertThat(stepsInPlace("resumed")).isEqualTo(2);
    assertThat(generation("resumed")).isEqualTo(4); // v1, 20 %, 60 %, promoted: each applied once
  }

  @Test
  void aRestartedKubeApiServerDelaysTheCanaryAndNothingElse() throws Exception {
    startSteward();
    canaryAnalysing("survives");

    Duration down = server.restart();

    DeploymentStatus done = awaitStatus("survives", s -> assertThat(s.rollout().state()).isEqualTo("promoted"));
    assertEveryIterationOnce(done);
    assertThat(stepsInPlace("survives")).isEqualTo(2);
    assertThat(generation("survives")).isEqualTo(4);
    assertThat(down).isPositive();
  }

  @Test
  void withItsProgressLostACanaryResumesAtTheStepTheClusterShows() throws Exception {
    startSteward();
    canaryAnalysing("observed");
    awaitStatus("observed", s -> {
      assertThat(s.rollout().step()).isEqualTo(2);
      assertThat(s.rollout().state()).isEqualTo("analysing");
    });

    steward.stop();
    TestSteward.delete(dir.resolve("index")); // the index is rebuilt from Git; rollout progress is gone
    steward.startAgain();

    DeploymentStatus resumed = awaitStatus("observed", s -> assertThat(s.rollout().state()).isIn("analysing",
        "promoting", "promoted"));
    assertThat(resumed.rollout().step()).isEqualTo(2);
    DeploymentStatus done = awaitStatus("observed", s -> assertThat(s.rollout().state()).isEqualTo("promoted"));
    assertThat(done.rollout().analysis()).extracting(DeploymentStatus.Check::step).containsOnly(2);
    assertThat(generation("observed")).isEqualTo(4); // step 1 was not applied again
  }

  @Test
  void aDesiredStateCommittedWhileTheClusterIsDownIsAppliedWhenItIsBack() throws Exception {
    startSteward();
    ModelVersion v1 = steward.register("patient", "s3://models/patient/1");
    server.stop();
    try {
      steward.approve("dev", v1);

      DeploymentStatus waiting = awaitStatus("patient", s -> assertThat(s.rollout().lastError()).isNotNull());
      assertThat(waiting.rollout().lastError()).contains("did not answer").contains("retries");
      assertThat(steward.deployer().deployment("dev", "patient").version()).isEqualTo(1);
    } finally {
      server.start();
    }

    DeploymentStatus applied = awaitStatus("patient", s -> assertThat(s.rollout().state()).isEqualTo("rolled-out"));
    assertThat(applied.rollout().lastError()).isNull();
    assertThat(applied.observed().latestRolledoutRevision()).isEqualTo("patient-predictor-00001");
  }

  private static void assertEveryIterationOnce(DeploymentStatus done) {
    assertThat(done.rollout().analysis()).extracting(DeploymentStatus.Check::step, DeploymentStatus.Check::iteration)
        .containsExactly(Tuple.tuple(1, 1), Tuple.tuple(1, 2), Tuple.tuple(1, 3), Tuple.tuple(2, 1), Tuple.tuple(2, 2),
            Tuple.tuple(2, 3));
    assertThat(done.observed().traffic()).extracting(DeploymentStatus.Traffic::percent).containsExactly(100L);
  }

  private DeploymentStatus awaitStatus(String model, Consumer<DeploymentStatus> assertions) {
    DeploymentStatus[] last = new DeploymentStatus[1];
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().untilAsserted(() -> {
      DeploymentStatus s = steward.deployer().status("dev", model);
      assertThat(s.rollout()).as("rollout of " + model).isNotNull();
      last[0] = s;
      assertions.accept(s);
    });
    return last[0];
  }

  private long stepsInPlace(String name) throws Exception {
    List<CoreV1Event> events = new CoreV1Api(server.adminClient()).listNamespacedEvent(namespace.name())
        .fieldSelector("involvedObject.name=" + name).execute().getItems();
    return events.stream().filter(e -> "StepInPlace".equals(e.getReason())).count();
  }

  private long generation(String name) throws Exception {
    return isvcs.get(namespace.name(), name).throwsApiException().getObject().getMetadata().getGeneration();
  }
}
