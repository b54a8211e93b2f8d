package dev.steward.server.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steward.testing.kube.EnableKubeApiServer;
import dev.steward.testing.kube.KubeApiServer;
import dev.steward.testing.kube.TestNamespace;
import dev.steward.testing.kube.TestingJobController;
import io.kubernetes.client.openapi.apis.BatchV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1Job;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Kubernetes Job launcher against the real kube-apiserver, with {@link TestingJobController} in place of
 * the Job controller (there is no kubelet): Jobs created from the plan's template with the run's facts and a
 * token Secret, their end learnt through a watch, failures retried, timeouts deleting the Job, and templates
 * the API server refuses refused at registration.
 */
@EnableKubeApiServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetrainJobLauncherE2E {
  private Path dataDir;
  private Steward steward;
  private Api alice;
  private TestingJobController jobs;
  private BatchV1Api batch;
  private CoreV1Api core;
  private String namespace;

  @BeforeAll
  void start(KubeApiServer server, TestNamespace ns) throws Exception {
    namespace = ns.name();
    dataDir = Files.createTempDirectory("steward-retrain-jobs");
    Path kubeconfig = server.writeAdminKubeconfig(dataDir.resolve("kubeconfig"));
    steward = Steward.start(dataDir, Database.h2(), Map.of("steward.retrain.kubernetes.enabled", "true",
        "steward.retrain.kubernetes.kubeconfig", kubeconfig.toString()));
    alice = steward.admin().as(steward.admin().issue("alice", "ml-engineer"));
    RegistryFixtures.registerChurn(alice);
    jobs = TestingJobController.start(server.adminClient(), namespace);
    jobs.failJobsWhere(job -> "broken".equals(job.getMetadata().getLabels().get("steward.dev/model")));
    jobs.holdJobsWhere(job -> "stuck".equals(job.getMetadata().getLabels().get("steward.dev/model")));
    batch = new BatchV1Api(server.adminClient());
    core = new CoreV1Api(server.adminClient());
  }

  @AfterAll
  void stop() {
    if (jobs != null) {
      jobs.close();
    }
    if (steward != null) {
      steward.close();
      Steward.deleteRecursively(dataDir);
    }
  }

  private ObjectNode jobPlan(String model, ObjectNode template) {
    RegistryFixtures.expectCreated(alice.post("/api/v1/models", RegistryFixtures.model(model)));
    ObjectNode launcher = Api.object().put("type", "kubernetes-job").put("namespace", namespace);
    launcher.set("template", template);
    return RetrainRunsTests.plan(model, launcher, RetrainRunsTests.manual());
  }

  static ObjectNode template(String image) {
    return (ObjectNode) Api.JSON.readTree("""
        {"apiVersion": "batch/v1", "kind": "Job",
         "metadata": {"labels": {"team": "retention"}},
         "spec": {"backoffLimit": 1, "template": {"spec": {"restartPolicy": "Never",
           "containers": [{"name": "train", "image": "%s", "args": ["--model", "${model}", "--run", "${run.id}"]}]}}}}
        """.formatted(image));
  }

  @Test
  void jobFromTheTemplateCarriesTheRunAndItsCompletionEndsTheRun() throws Exception {
    assertThat(alice.post("/api/v1/retrain/plans", jobPlan("jobbed", template("registry.example/train:1"))).status())
        .isEqualTo(201);
    Api.Answer started = alice.post("/api/v1/retrain/plans/jobbed/runs", Api.object());
    assertThat(started.status()).as(started.toString()).isEqualTo(201);
    String id = started.text("id");
    String name = "retrain-" + id + "-1";
    assertThat(started.json().path("attempts").get(0).path("reference").asString()).isEqualTo("job " + namespace + "/" + name);

    V1Job job = batch.readNamespacedJob(name, namespace).execute();
    assertThat(job.getMetadata().getLabels()).containsEntry("steward.dev/retrain-run", id)
        .containsEntry("steward.dev/model", "jobbed").containsEntry("team", "retention");
    var container = job.getSpec().getTemplate().getSpec().getContainers().getFirst();
    assertThat(container.getArgs()).containsExactly("--model", "jobbed", "--run", id);
    Map<String, V1EnvVar> env = new java.util.HashMap<>();
    container.getEnv().forEach(e -> env.put(e.getName(), e));
    assertThat(env.get("STEWARD_MODEL").getValue()).isEqualTo("jobbed");
    assertThat(env.get("STEWARD_RUN_TOKEN").getValue()).isNull();
    assertThat(env.get("STEWARD_RUN_TOKEN").getValueFrom().getSecretKeyRef().getName()).isEqualTo(name + "-token");

    // the pod would read its token from the Secret and register the version with it
    var secret = core.readNamespacedSecret(name + "-token", namespace).execute();
    assertThat(secret.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo(job.getMetadata().getUid()));
    String token = new String(secret.getData().get("STEWARD_RUN_TOKEN"), StandardCharsets.UTF_8);
    Api.Answer registered = steward.api(token).post("/api/v1/models/jobbed/versions", RegistryFixtures.minimalModelVersion());
    assertThat(registered.status()).as(registered.toString()).isEqualTo(201);

    JsonNode run = awaitEnd(id);
    assertThat(run.path("state").asString()).as(run.toString()).isEqualTo("succeeded");
    assertThat(run.path("message").asString()).contains("Job " + namespace + "/" + name + " complete (CompletionsReached");
    assertThat(run.path("producedVersion").asInt()).isEqualTo(1);
  }

  @Test
  void failedJobIsRetriedWithANewJobThenTheRunFails() throws Exception {
    assertThat(alice.post("/api/v1/retrain/plans", jobPlan("broken", template("registry.example/train:1"))
        .put("retries", 1).put("backoff", "1s")).status()).isEqualTo(201);
    String id = alice.post("/api/v1/retrain/plans/broken/runs", Api.object()).text("id");
    JsonNode run = awaitEnd(id);
    assertThat(run.path("state").asString()).as(run.toString()).isEqualTo("failed");
    assertThat(run.path("attempts").size()).isEqualTo(2);
    assertThat(run.path("message").asString()).contains("failed (BackoffLimitExceeded: Job has reached the specified backoff limit)");
    assertThat(batch.listNamespacedJob(namespace).labelSelector("steward.dev/retrain-run=" + id).execute().getItems())
        .hasSize(2);
  }

  @Test
  void jobPastTheTimeoutIsDeleted() throws Exception {
    assertThat(alice.post("/api/v1/retrain/plans", jobPlan("stuck", template("registry.example/train:1"))
        .put("timeout", "2s")).status()).isEqualTo(201);
    String id = alice.post("/api/v1/retrain/plans/stuck/runs", Api.object()).text("id");
    JsonNode run = awaitEnd(id);
    assertThat(run.path("state").asString()).isEqualTo("timed-out");
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(batch.listNamespacedJob(namespace)
        .labelSelector("steward.dev/retrain-run=" + id).execute().getItems())
        .allMatch(j -> j.getMetadata().getDeletionTimestamp() != null));
  }

  @Test
  void templateTheApiServerRefusesIsRefusedAtRegistrationAndChangesNothing() {
    ObjectNode noImage = template("registry.example/train:1");
    ((ObjectNode) noImage.path("spec").path("template").path("spec").path("containers").get(0)).remove("image");
    Api.Answer refused = alice.post("/api/v1/retrain/plans", jobPlan("imageless", noImage));
    assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
    assertThat(refused.json().path("errors").get(0).path("field").asString()).isEqualTo("launcher.template");
    assertThat(refused.text("detail")).contains("spec.template.spec.containers[0].image");

    ObjectNode always = template("registry.example/train:1");
    ((ObjectNode) always.path("spec").path("template").path("spec")).put("restartPolicy", "Always");
    Api.Answer restarting = alice.post("/api/v1/retrain/plans", jobPlan("restarting", always));
    assertThat(restarting.status()).isEqualTo(422);
    assertThat(restarting.text("detail")).contains("restartPolicy");

    ObjectNode typo = template("registry.example/train:1");
    ((ObjectNode) typo.path("spec")).put("backofLimit", 2);
    Api.Answer misspelt = alice.post("/api/v1/retrain/plans", jobPlan("misspelt", typo));
    assertThat(misspelt.status()).isEqualTo(422);
    assertThat(misspelt.text("detail")).contains("backofLimit");
    assertThat(alice.get("/api/v1/retrain/plans/imageless").status()).isEqualTo(404);
  }

  private JsonNode awaitEnd(String id) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
        !List.of("triggered", "launched").contains(alice.get("/api/v1/retrain/runs/" + id).text("state")));
    return alice.get("/api/v1/retrain/runs/" + id).json();
  }
}
