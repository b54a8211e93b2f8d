package dev.steward.deployer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steward.lineage.CommitSummary;
import dev.steward.registry.ModelVersion;
import dev.steward.testing.kube.EnableKubeApiServer;
import dev.steward.testing.kube.KServe;
import dev.steward.testing.kube.KubeApiServer;
import dev.steward.testing.kube.TestNamespace;
import dev.steward.testing.kube.TestingKServeController;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.options.PatchOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The cluster target against a real kube-apiserver and the fake KServe controller: a direct rollout, a
 * rollback that pins the revision KServe still holds (twice: one change), a revision that fails to load, a
 * hand edit reported and reverted, and a service account that may not touch the namespace.
 */
@EnableKubeApiServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterDeploymentE2E {
  private KubeApiServer server;
  private TestNamespace namespace;
  private DynamicKubernetesApi isvcs;
  private TestingKServeController kserve;
  private Path dir;
  private TestSteward steward;

  @BeforeAll
  void startKServe(KubeApiServer server, TestNamespace namespace) {
    this.server = server;
    this.namespace = namespace;
    this.isvcs = KServe.inferenceServices(server.adminClient());
    kserve = TestingKServeController.start(server.adminClient(), namespace.name());
  }

  @AfterAll
  void stopKServe() {
    kserve.close();
  }

  @AfterEach
  void stopSteward() {
    if (steward != null) {
      steward.close();
    }
    TestSteward.delete(dir);
  }

  private TestSteward start(boolean restricted, Map<String, String> extra) throws IOException {
    dir = Files.createTempDirectory("steward-deployer-e2e");
    Path kubeconfig = server.writeKubeconfig(dir.resolve("kubeconfig"), restricted);
    Map<String, String> p = new LinkedHashMap<>();
    p.put("steward.environments[0].name", "dev");
    p.put("steward.environments[0].namespace", namespace.name());
    p.put("steward.environments[0].target", "cluster");
    p.put("steward.environments[0].deployment.deployment-mode", "Knative");
    p.put("steward.deployer.kubeconfig", kubeconfig.toString());
    p.put("steward.deployer.resync-interval", "2s");
    p.putAll(extra);
    steward = TestSteward.start(dir, p);
    return steward;
  }

  @Test
  void appliesTheDesiredVersionAndReportsItInPlace() throws Exception {
    start(false, Map.of());
    ModelVersion v1 = steward.register("direct", "s3://models/direct/1");

    steward.approve("dev", v1);

    DeploymentStatus status = awaitStatus("direct", s -> assertThat(s.rollout().state()).isEqualTo("rolled-out"));
    assertThat(status.desired().version()).isEqualTo(1);
    assertThat(status.observed().version()).isEqualTo(1);
    assertThat(status.observed().latestRolledoutRevision()).isEqualTo("direct-predictor-00001");
    assertThat(status.observed().traffic()).extracting(DeploymentStatus.Traffic::revision, DeploymentStatus.Traffic::percent,
        DeploymentStatus.Traffic::version).containsExactly(org.assertj.core.groups.Tuple.tuple("direct-predictor-00001", 100L, 1));
    assertThat(status.observed().conditions().get("Ready").status()).isEqualTo("True");
    assertThat(status.rollout().plan()).isEqualTo("direct");
    assertThat(status.rollout().lastTransition().reason()).isEqualTo("RolledOut");
    var raw = isvcs.get(namespace.name(), "direct").throwsApiException().getObject().getRaw();
    assertThat(raw.getAsJsonObject("metadata").getAsJsonArray("managedFields").toString()).contains("\"manager\":\"steward\"")
        .contains("\"operation\":\"Apply\"");
    assertThat(raw.getAsJsonObject("spec").getAsJsonObject("predictor").getAsJsonObject("model").get("storageUri")
        .getAsString()).isEqualTo("s3://models/direct/1");
    assertThat(eventReasons("direct")).contains("Applied", "RolledOut");
  }

  @Test
  void rollbackPinsThePreviousRevisionOnceHoweverOftenItIsAsked() throws Exception {
    start(false, Map.of());
    ModelVersion v1 = steward.register("pinned", "s3://models/pinned/1");
    ModelVersion v2 = steward.register("pinned", "s3://models/pinned/2");
    steward.approve("dev", v1);
    awaitStatus("pinned", s -> assertThat(s.rollout().state()).isEqualTo("rolled-out"));
    steward.approve("dev", v2);
    awaitStatus("pinned", s -> {
      assertThat(s.rollout().state()).isEqualTo("rolled-out");
      assertThat(s.observed().latestRolledoutRevision()).isEqualTo("pinned-predictor-00002");
    });
    long generation = generation("pinned");
    int commits = steward.lineage().history("deployments/dev/pinned.yaml", 50).size();

    Rollback first = steward.deployer().rollback("dev", "pinned", "olga", "PSI alert on tenure",
        Map.of("Steward-Alert", "fp-4711"));
    Rollback second = steward.deployer().rollback("dev", "pinned", "olga", "PSI alert on tenure");

    assertThat(first.changed()).isTrue();
    assertThat(second.changed()).isFalse();
    DeploymentStatus pinned = awaitStatus("pinned", s -> assertThat(s.rollout().state()).isEqualTo("pinned"));
    assertThat(pinned.rollout().plan()).isEqualTo("pin");
    assertThat(pinned.observed().latestCreatedRevision()).isEqualTo("pinned-predictor-00002");
    assertThat(pinned.observed().latestRolledoutRevision()).isEqualTo("pinned-predictor-00001");
    assertThat(pinned.observed().traffic()).filteredOn(t -> t.percent() == 100)
        .extracting(DeploymentStatus.Traffic::revision, DeploymentStatus.Traffic::version)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("pinned-predictor-00001", 1));
    // one change of the cluster (canaryTrafficPercent 0) and one commit, no new revision
    assertThat(generation("pinned")).isEqualTo(generation + 1);
    List<CommitSummary> history = steward.lineage().history("deployments/dev/pinned.yaml", 50);
    assertThat(history).hasSize(commits + 1);
    assertThat(history.getFirst().action()).isEqualTo("rollback");
    var rollbackCommit = steward.lineage().changesSince(history.get(1).commitId()).getFirst();
    assertThat(rollbackCommit.trailers()).containsEntry("Steward-Alert", "fp-4711")
        .containsEntry("Steward-Reason", "PSI alert on tenure");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> steward.deployer().rollback("dev", "pinned", "olga",
        "again", Map.of("Steward-Actor", "mallory"))).hasMessageContaining("trailer 'Steward-Actor' is not allowed");
    assertThat(eventReasons("pinned")).contains("RolledBack");
    Thread.sleep(2500); // a resync later nothing has moved
    assertThat(generation("pinned")).isEqualTo(generation + 1);
  }

  @Test
  void aRevisionThatFailsToLoadFailsTheRolloutAndRollsTheDesiredStateBack() throws Exception {
    start(false, Map.of("steward.environments[0].rollout.progress-deadline", "20s"));
    ModelVersion v1 = steward.register("broken", "s3://models/broken/1");
    ModelVersion v2 = steward.register("broken", "s3://models/broken/2-corrupt");
    steward.approve("dev", v1);
    awaitStatus("broken", s -> assertThat(s.rollout().state()).isEqualTo("rolled-out"));
    kserve.failStorageUri("s3://models/broken/2-corrupt");
    try {
      steward.approve("dev", v2);

      DeploymentStatus back = awaitStatus("broken", s -> {
        assertThat(s.desired().version()).isEqualTo(1);
        assertThat(s.rollout().state()).isEqualTo("pinned");
      });
      assertThat(back.deployment().action()).isEqualTo(Deployment.Action.ROLLBACK);
      assertThat(back.deployment().reason()).contains("broken-predictor-00002 failed").contains("failed to load");
      assertThat(back.observed().traffic()).extracting(DeploymentStatus.Traffic::revision, DeploymentStatus.Traffic::percent)
          .contains(org.assertj.core.groups.Tuple.tuple("broken-predictor-00001", 100L));
      String outcome = new String(steward.lineage().read("rollouts/dev/broken.yaml").orElseThrow());
      assertThat(outcome).contains("outcome: aborted").contains("reason: RevisionFailed")
          .contains("BlockedByFailedLoad");
      assertThat(steward.lineage().history("deployments/dev/broken.yaml", 1).getFirst().actor()).isEqualTo("steward");
      assertThat(eventReasons("broken")).contains("RolloutAborted");
    } finally {
      kserve.failNothing();
    }
  }

  @Test
  void aHandEditIsReportedAndRevertedWhenConfigured() throws Exception {
    start(false, Map.of("steward.deployer.revert-manual-changes", "true"));
    ModelVersion v1 = steward.register("edited", "s3://models/edited/1");
    steward.approve("dev", v1);
    awaitStatus("edited", s -> assertThat(s.rollout().state()).isEqualTo("rolled-out"));

    isvcs.patch(namespace.name(), "edited", V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH,
        new V1Patch("{\"spec\":{\"predictor\":{\"maxReplicas\":7}}}"), new PatchOptions().fieldManager("kubectl-edit"))
        .throwsApiException();

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      assertThat(eventReasons("edited")).contains("ManualChange");
      assertThat(isvcs.get(namespace.name(), "edited").getObject().getRaw().getAsJsonObject("spec")
          .getAsJsonObject("predictor").get("maxReplicas").getAsInt()).isEqualTo(1);
    });
    assertThat(events("edited")).filteredOn(e -> "ManualChange".equals(e.getReason())).first()
        .satisfies(e -> assertThat(e.getMessage()).contains("spec.predictor.maxReplicas"));
    assertThat(steward.bean(io.micrometer.core.instrument.MeterRegistry.class)
        .get("steward.deployer.manual.changes").counter().count()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void aServiceAccountThatMayNotTouchTheNamespaceGetsAClearErrorAndNothingIsApplied() throws Exception {
    start(true, Map.of());
    ModelVersion v1 = steward.register("forbidden", "s3://models/forbidden/1");

    steward.approve("dev", v1);

    DeploymentStatus status = awaitStatus("forbidden", s -> assertThat(s.rollout().lastError()).isNotNull());
    assertThat(status.rollout().state()).isEqualTo("pending");
    assertThat(status.rollout().lastError()).contains("HTTP 403").contains("steward-restricted")
        .contains("inferenceservices").contains(namespace.name()).contains("Role and RoleBinding");
    assertThat(isvcs.get(namespace.name(), "forbidden").getHttpStatusCode()).isEqualTo(404);
    assertThat(events("forbidden")).isEmpty();
    // the desired state stays committed, to be applied once access is granted
    assertThat(steward.deployer().deployment("dev", "forbidden").version()).isEqualTo(1);
  }

  // ---- helpers --------------------------------------------------------------------------------------

  private DeploymentStatus awaitStatus(String model, Consumer<DeploymentStatus> assertions) {
    DeploymentStatus[] last = new DeploymentStatus[1];
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
      DeploymentStatus s = steward.deployer().status("dev", model);
      assertThat(s.rollout()).as("rollout of " + model).isNotNull();
      last[0] = s;
      assertions.accept(s);
    });
    return last[0];
  }

  private long generation(String name) throws Exception {
    return isvcs.get(namespace.name(), name).throwsApiException().getObject().getMetadata().getGeneration();
  }

  private List<CoreV1Event> events(String name) throws Exception {
    return new CoreV1Api(server.adminClient()).listNamespacedEvent(namespace.name())
        .fieldSelector("involvedObject.name=" + name).execute().getItems();
  }

  private List<String> eventReasons(String name) throws Exception {
    return events(name).stream().map(CoreV1Event::getReason).toList();
  }
}
