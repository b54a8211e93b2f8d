package dev.steward.testing.kube;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import io.kubernetes.client.util.generic.options.PatchOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The rollout sequences of ROLLOUT-SEMANTICS.md, driven with KServe's own samples and applied the way a
 * deployer would (server-side apply, one field manager), against {@link TestingKServeController}.
 */
@EnableKubeApiServer
class TestingKServeControllerE2E {

    private static final String DEFAULT = "samples_v1beta1_rollout_default.yaml";
    private static final String CANARY = "samples_v1beta1_rollout_canary.yaml";
    private static final String PROMOTION = "samples_v1beta1_rollout_promotion.yaml";
    private static final String PINNED = "samples_v1beta1_rollout_pinned.yaml";
    private static final String TAG_ROUTING = "serving.kserve.io/enable-tag-routing";
    private static final String NEW_MODEL = "gs://kfserving-examples/models/tensorflow/flowers-2";

    private final KubeApiServer server;
    private final TestNamespace namespace;
    private final DynamicKubernetesApi isvcs;
    private TestingKServeController kserve;

    TestingKServeControllerE2E(KubeApiServer server, TestNamespace namespace) {
        this.server = server;
        this.namespace = namespace;
        this.isvcs = KServe.inferenceServices(server.adminClient());
    }

    @BeforeEach
    void startController() {
        kserve = TestingKServeController.start(server.adminClient(), namespace.name());
    }

    @AfterEach
    void stopController() {
        kserve.close();
    }

    @Test
    void firstDeploymentGetsAllTrafficWhateverCanaryTrafficPercentSays() throws ApiException {
        apply("first", CANARY);

        awaitPredictor("first", predictor -> {
            assertThat(predictor.latestCreated()).isEqualTo("first-predictor-00001");
            assertThat(predictor.latestReady()).isEqualTo("first-predictor-00001");
            assertThat(predictor.latestRolledout()).isEqualTo("first-predictor-00001");
            assertThat(predictor.previousRolledout()).isNull();
            assertThat(predictor.percentByRevision()).containsExactly("first-predictor-00001 100%");
        });
        assertThat(condition("first", "Ready")).isEqualTo("True");
        assertThat(condition("first", "PredictorReady")).isEqualTo("True");
        assertThat(modelStatus("first").get("transitionStatus").getAsString()).isEqualTo("UpToDate");
    }

    @Test
    void canarySplitsTrafficAndPromotionRollsTheNewRevisionOut() throws ApiException {
        apply("promoted", DEFAULT);
        awaitPredictor("promoted", p -> assertThat(p.latestRolledout()).isEqualTo("promoted-predictor-00001"));

        apply("promoted", CANARY);
        awaitPredictor("promoted", p -> {
            assertThat(p.latestCreated()).isEqualTo("promoted-predictor-00002");
            assertThat(p.latestReady()).isEqualTo("promoted-predictor-00002");
            assertThat(p.latestRolledout()).isEqualTo("promoted-predictor-00001");
            assertThat(p.traffic()).containsExactly(
                    "promoted-predictor-00002 10% latestRevision",
                    "promoted-predictor-00001 90% tag=prev");
        });

        apply("promoted", PROMOTION);
        awaitPredictor("promoted", p -> {
            assertThat(p.latestCreated()).isEqualTo("promoted-predictor-00002");
            assertThat(p.latestRolledout()).isEqualTo("promoted-predictor-00002");
            assertThat(p.previousRolledout()).isEqualTo("promoted-predictor-00001");
            assertThat(p.traffic()).containsExactly("promoted-predictor-00002 100% latestRevision");
        });
        assertThat(condition("promoted", "Ready")).isEqualTo("True");
    }

    @Test
    void pinningSendsAllTrafficBackToTheRolledOutRevision() throws ApiException {
        apply("pinned", DEFAULT, TAG_ROUTING);
        awaitPredictor("pinned", p -> assertThat(p.latestRolledout()).isEqualTo("pinned-predictor-00001"));
        apply("pinned", CANARY, TAG_ROUTING);
        awaitPredictor("pinned", p -> assertThat(p.latestCreated()).isEqualTo("pinned-predictor-00002"));

        apply("pinned", PINNED, TAG_ROUTING);

        awaitPredictor("pinned", p -> {
            assertThat(p.latestCreated()).isEqualTo("pinned-predictor-00002");
            assertThat(p.latestReady()).isEqualTo("pinned-predictor-00002");
            assertThat(p.latestRolledout()).isEqualTo("pinned-predictor-00001");
            assertThat(p.traffic()).containsExactly(
                    "pinned-predictor-00002 0% latestRevision tag=latest",
                    "pinned-predictor-00001 100% tag=prev");
        });
    }

    /**
     * The deployer's rollback pin after a promotion: KServe's {@code PropagateStatus}
     * (pkg/apis/serving/v1beta1/inference_service_status.go) moves latestRolledoutRevision back to
     * previousRolledoutRevision when the rolled-out revision is "canaried" against itself, and the ksvc
     * reconciler (createKnativeService in reconcilers/knative/ksvc_reconciler.go) then routes the rest to it.
     */
    @Test
    void pinningAfterPromotionSendsAllTrafficToThePreviousRolledOutRevision() throws ApiException {
        apply("repinned", DEFAULT);
        awaitPredictor("repinned", p -> assertThat(p.latestRolledout()).isEqualTo("repinned-predictor-00001"));
        apply("repinned", PROMOTION);
        awaitPredictor("repinned", p -> assertThat(p.latestRolledout()).isEqualTo("repinned-predictor-00002"));

        apply("repinned", PINNED);

        awaitPredictor("repinned", p -> {
            assertThat(p.latestCreated()).isEqualTo("repinned-predictor-00002");
            assertThat(p.latestRolledout()).isEqualTo("repinned-predictor-00001");
            assertThat(p.percentByRevision()).containsExactly("repinned-predictor-00001 100%",
                    "repinned-predictor-00002 0%");
        });
    }

    @Test
    void rollbackAfterPromotionRollsOutANewRevisionOfThePreviousSpec() throws ApiException {
        apply("rolled-back", DEFAULT);
        awaitPredictor("rolled-back", p -> assertThat(p.latestRolledout()).isEqualTo("rolled-back-predictor-00001"));
        apply("rolled-back", CANARY);
        awaitPredictor("rolled-back", p -> assertThat(p.latestCreated()).isEqualTo("rolled-back-predictor-00002"));
        apply("rolled-back", PROMOTION);
        awaitPredictor("rolled-back", p -> assertThat(p.latestRolledout()).isEqualTo("rolled-back-predictor-00002"));

        apply("rolled-back", DEFAULT);

        awaitPredictor("rolled-back", p -> {
            assertThat(p.latestCreated()).isEqualTo("rolled-back-predictor-00003");
            assertThat(p.latestRolledout()).isEqualTo("rolled-back-predictor-00003");
            assertThat(p.previousRolledout()).isEqualTo("rolled-back-predictor-00002");
            assertThat(p.traffic()).containsExactly("rolled-back-predictor-00003 100% latestRevision");
        });
        assertThat(isvcs.get(namespace.name(), "rolled-back").getObject().getRaw().getAsJsonObject("spec")
                .getAsJsonObject("predictor").getAsJsonObject("tensorflow").get("storageUri").getAsString())
                .isEqualTo("gs://kfserving-examples/models/tensorflow/flowers");
    }

    @Test
    void failedRevisionKeepsTrafficWhereItWas() throws ApiException {
        apply("failing", DEFAULT);
        awaitPredictor("failing", p -> assertThat(p.latestRolledout()).isEqualTo("failing-predictor-00001"));
        kserve.failStorageUri(NEW_MODEL);

        apply("failing", CANARY);

        awaitPredictor("failing", p -> {
            assertThat(p.latestCreated()).isEqualTo("failing-predictor-00002");
            assertThat(p.latestReady()).isEqualTo("failing-predictor-00001");
            assertThat(p.latestRolledout()).isEqualTo("failing-predictor-00001");
            assertThat(p.percentByRevision()).containsExactly("failing-predictor-00001 100%");
        });
        assertThat(condition("failing", "PredictorReady")).isEqualTo("False");
        assertThat(conditionReason("failing", "PredictorReady")).isEqualTo("RevisionFailed");
        assertThat(condition("failing", "Ready")).isEqualTo("False");
        JsonObject model = modelStatus("failing");
        assertThat(model.get("transitionStatus").getAsString()).isEqualTo("BlockedByFailedLoad");
        assertThat(model.getAsJsonObject("states").get("targetModelState").getAsString()).isEqualTo("FailedToLoad");
        assertThat(model.getAsJsonObject("lastFailureInfo").get("modelRevisionName").getAsString())
                .isEqualTo("failing-predictor-00002");

        // promoting the broken revision changes nothing: KServe never sends traffic to a revision that is not ready
        apply("failing", PROMOTION);
        awaitPredictor("failing", p -> {
            assertThat(p.observedGeneration()).isEqualTo(3L);
            assertThat(p.latestRolledout()).isEqualTo("failing-predictor-00001");
            assertThat(p.percentByRevision()).containsExactly("failing-predictor-00001 100%");
        });
    }

    /** Applies a sample's spec as the one field manager of the deployer would, so fields left out are removed. */
    private void apply(String name, String sample, String... trueAnnotations) throws ApiException {
        DynamicKubernetesObject object = Manifests.kserveSample(sample);
        JsonObject metadata = new JsonObject();
        metadata.addProperty("name", name);
        metadata.addProperty("namespace", namespace.name());
        if (trueAnnotations.length > 0) {
            JsonObject annotations = new JsonObject();
            for (String annotation : trueAnnotations) {
                annotations.addProperty(annotation, "true");
            }
            metadata.add("annotations", annotations);
        }
        object.getRaw().add("metadata", metadata);
        isvcs.patch(namespace.name(), name, V1Patch.PATCH_FORMAT_APPLY_YAML, new V1Patch(object.getRaw().toString()),
                new PatchOptions().fieldManager("steward-deployer").force(true)).throwsApiException();
    }

    private void awaitPredictor(String name, ThrowingConsumer<PredictorStatus> assertions) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertions.accept(predictorStatus(name)));
    }

    private PredictorStatus predictorStatus(String name) throws ApiException {
        JsonObject raw = isvcs.get(namespace.name(), name).throwsApiException().getObject().getRaw();
        long generation = raw.getAsJsonObject("metadata").get("generation").getAsLong();
        JsonObject status = raw.has("status") ? raw.getAsJsonObject("status") : new JsonObject();
        // only a status for the current spec counts
        long observed = status.has("observedGeneration") ? status.get("observedGeneration").getAsLong() : 0;
        JsonObject predictor = observed != generation ? new JsonObject() : Optional.ofNullable(status.getAsJsonObject("components"))
                .map(c -> c.getAsJsonObject("predictor")).orElseGet(JsonObject::new);
        return new PredictorStatus(predictor, observed);
    }

    private String condition(String name, String type) throws ApiException {
        return conditionObject(name, type).get("status").getAsString();
    }

    private String conditionReason(String name, String type) throws ApiException {
        return conditionObject(name, type).get("reason").getAsString();
    }

    private JsonObject conditionObject(String name, String type) throws ApiException {
        JsonObject status = isvcs.get(namespace.name(), name).throwsApiException().getObject().getRaw()
                .getAsJsonObject("status");
        for (JsonElement condition : status.getAsJsonArray("conditions")) {
            if (type.equals(condition.getAsJsonObject().get("type").getAsString())) {
                return condition.getAsJsonObject();
            }
        }
        throw new AssertionError("InferenceService " + name + " has no " + type + " condition: " + status);
    }

    private JsonObject modelStatus(String name) throws ApiException {
        return isvcs.get(namespace.name(), name).throwsApiException().getObject().getRaw()
                .getAsJsonObject("status").getAsJsonObject("modelStatus");
    }

    @FunctionalInterface
    private interface ThrowingConsumer<T> {
        void accept(T value) throws Exception;
    }

    private record PredictorStatus(JsonObject json, long observedGeneration) {

        String latestCreated() {
            return string("latestCreatedRevision");
        }

        String latestReady() {
            return string("latestReadyRevision");
        }

        String latestRolledout() {
            return string("latestRolledoutRevision");
        }

        String previousRolledout() {
            return string("previousRolledoutRevision");
        }

        /** Each traffic target as {@code "<revision> <percent>% [latestRevision] [tag=<tag>]"}, in order. */
        List<String> traffic() {
            List<String> targets = new ArrayList<>();
            if (json.has("traffic")) {
                for (JsonElement element : json.getAsJsonArray("traffic")) {
                    JsonObject target = element.getAsJsonObject();
                    StringBuilder text = new StringBuilder(target.get("revisionName").getAsString())
                            .append(' ').append(target.get("percent").getAsLong()).append('%');
                    if (target.has("latestRevision") && target.get("latestRevision").getAsBoolean()) {
                        text.append(" latestRevision");
                    }
                    if (target.has("tag")) {
                        text.append(" tag=").append(target.get("tag").getAsString());
                    }
                    targets.add(text.toString());
                }
            }
            return targets;
        }

        /** The traffic summed per revision, as {@code "<revision> <percent>%"}. */
        List<String> percentByRevision() {
            java.util.Map<String, Long> sums = new java.util.TreeMap<>();
            if (json.has("traffic")) {
                for (JsonElement element : json.getAsJsonArray("traffic")) {
                    JsonObject target = element.getAsJsonObject();
                    sums.merge(target.get("revisionName").getAsString(), target.get("percent").getAsLong(), Long::sum);
                }
            }
            return sums.entrySet().stream().map(e -> e.getKey() + " " + e.getValue() + "%").toList();
        }

        private String string(String member) {
            return json.has(member) ? json.get(member).getAsString() : null;
        }
    }
}
