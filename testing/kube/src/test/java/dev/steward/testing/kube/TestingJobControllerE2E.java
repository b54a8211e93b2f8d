package dev.steward.testing.kube;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.BatchV1Api;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1JobCondition;
import io.kubernetes.client.openapi.models.V1JobSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Job status as the Job controller writes it, accepted by the real API server's status validation. */
@EnableKubeApiServer
class TestingJobControllerE2E {

    private final KubeApiServer server;
    private final TestNamespace namespace;
    private final BatchV1Api batch;
    private TestingJobController controller;

    TestingJobControllerE2E(KubeApiServer server, TestNamespace namespace) {
        this.server = server;
        this.namespace = namespace;
        this.batch = new BatchV1Api(server.adminClient());
    }

    @BeforeEach
    void start() {
        controller = TestingJobController.start(server.adminClient(), namespace.name());
        controller.failJobsWhere(job -> job.getMetadata().getName().startsWith("broken"));
        controller.holdJobsWhere(job -> job.getMetadata().getName().startsWith("stuck"));
    }

    @AfterEach
    void stop() {
        controller.close();
    }

    @Test
    void aSucceedingJobGetsSuccessCriteriaMetThenComplete() throws ApiException {
        create("trains");
        V1Job job = awaitCondition("trains", "Complete");
        assertThat(types(job)).containsExactly("SuccessCriteriaMet", "Complete");
        assertThat(job.getStatus().getConditions()).allMatch(c -> "CompletionsReached".equals(c.getReason()));
        assertThat(job.getStatus().getSucceeded()).isEqualTo(1);
        assertThat(job.getStatus().getActive()).as("active (0 is omitted)").isNull();
        assertThat(job.getStatus().getCompletionTime()).as(job.getStatus().toString()).isAfterOrEqualTo(job.getStatus().getStartTime());
    }

    @Test
    void aFailingJobGetsFailureTargetThenFailedAfterItsBackoffLimit() throws ApiException {
        create("broken");
        V1Job job = awaitCondition("broken", "Failed");
        assertThat(types(job)).containsExactly("FailureTarget", "Failed");
        assertThat(job.getStatus().getConditions().getLast().getReason()).isEqualTo("BackoffLimitExceeded");
        assertThat(job.getStatus().getFailed()).isEqualTo(3);
        assertThat(job.getStatus().getCompletionTime()).isNull();
    }

    @Test
    void aHeldJobStartsAndStaysActive() throws ApiException, InterruptedException {
        create("stuck");
        await().atMost(Duration.ofSeconds(20)).until(() -> status("stuck").getStartTime() != null);
        Thread.sleep(1500);
        assertThat(status("stuck").getActive()).isEqualTo(1);
        assertThat(status("stuck").getConditions()).isNullOrEmpty();
    }

    private void create(String name) throws ApiException {
        V1Job job = new V1Job().apiVersion("batch/v1").kind("Job")
                .metadata(new V1ObjectMeta().name(name))
                .spec(new V1JobSpec().backoffLimit(2).template(new V1PodTemplateSpec()
                        .metadata(new V1ObjectMeta().labels(Map.of("app", name)))
                        .spec(new V1PodSpec().restartPolicy("Never").containers(List.of(
                                new V1Container().name("train").image("python:3.12-slim").command(List.of("true")))))));
        batch.createNamespacedJob(namespace.name(), job).execute();
    }

    private V1Job awaitCondition(String name, String type) {
        await().atMost(Duration.ofSeconds(30)).until(() -> types(batch.readNamespacedJob(name, namespace.name()).execute())
                .contains(type));
        try {
            return batch.readNamespacedJob(name, namespace.name()).execute();
        }
        catch (ApiException e) {
            throw new IllegalStateException(e);
        }
    }

    private io.kubernetes.client.openapi.models.V1JobStatus status(String name) throws ApiException {
        return batch.readNamespacedJob(name, namespace.name()).execute().getStatus();
    }

    private static List<String> types(V1Job job) {
        return job.getStatus() == null || job.getStatus().getConditions() == null ? List.of()
                : job.getStatus().getConditions().stream().map(V1JobCondition::getType).toList();
    }
}
