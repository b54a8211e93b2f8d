package dev.steward.testing.kube;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1JobCondition;
import io.kubernetes.client.openapi.models.V1JobList;
import io.kubernetes.client.openapi.models.V1JobStatus;
import io.kubernetes.client.openapi.models.V1UncountedTerminatedPods;
import io.kubernetes.client.util.Watch;
import io.kubernetes.client.util.Watchable;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import io.kubernetes.client.util.generic.KubernetesApiResponse;
import io.kubernetes.client.util.generic.options.ListOptions;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in for Kubernetes' Job controller (there is no kubelet here, so no pod ever runs): it watches the Jobs
 * of one namespace and writes their status as the Job controller of Kubernetes 1.35 does for a Job whose single
 * pod starts and then succeeds, or fails until the backoff limit.
 *
 * <pre>{@code
 * try (TestingJobController jobs = TestingJobController.start(admin, namespace.name())) {
 *     jobs.failJobsWhere(job -> job.getMetadata().getName().startsWith("broken-"));
 *     jobs.holdJobsWhere(job -> ...);               // started, never finished (for timeouts)
 *     // create Jobs, then await their conditions
 * }
 * }</pre>
 *
 * What it follows, from {@code pkg/controller/job/job_controller.go} of kubernetes v1.35.4 ({@code syncJob},
 * {@code newSuccessCondition}, {@code newFailureCondition}, {@code delayTerminalCondition}: the JobManagedBy and
 * JobPodReplacementPolicy gates are on by default, so terminal conditions come in two writes) and the status
 * validation in {@code pkg/apis/batch/validation/validation.go} (which the real API server applies to these
 * writes too):
 * <ol>
 * <li>a new Job gets {@code startTime} and {@code active: 1};</li>
 * <li>after the configured delay, success first writes the interim condition {@code SuccessCriteriaMet=True}
 * (reason {@code CompletionsReached}, "Reached expected number of succeeded pods") with {@code succeeded: 1,
 * active: 0}, then {@code Complete=True} with the same reason and {@code completionTime};</li>
 * <li>failure first writes {@code FailureTarget=True} (reason {@code BackoffLimitExceeded}, "Job has reached the
 * specified backoff limit") with {@code failed: backoffLimit + 1, active: 0}, then {@code Failed=True} (no
 * {@code completionTime}: validation allows it only with {@code Complete}).</li>
 * </ol>
 * It does not model pods, parallelism, indexed completion, success or pod failure policies, suspension or
 * {@code ready}.
 */
public final class TestingJobController implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TestingJobController.class);
    private static final String COMPLETIONS_REACHED = "CompletionsReached";
    private static final String SUCCESS_MESSAGE = "Reached expected number of succeeded pods";
    private static final String BACKOFF_LIMIT_EXCEEDED = "BackoffLimitExceeded";
    private static final String FAILURE_MESSAGE = "Job has reached the specified backoff limit";

    private final GenericKubernetesApi<V1Job, V1JobList> jobs;
    private final String namespace;
    private final Thread thread;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "testing-job-controller-timer");
        t.setDaemon(true);
        return t;
    });
    private final Set<String> scheduled = ConcurrentHashMap.newKeySet();
    private volatile Predicate<V1Job> failing = job -> false;
    private volatile Predicate<V1Job> holding = job -> false;
    private volatile Duration runFor = Duration.ofMillis(500);
    private volatile boolean running = true;
    private volatile @Nullable Watchable<V1Job> watch;

    private TestingJobController(ApiClient client, String namespace) {
        // Watches run for up to 30 s on the server side; the client must not time out first.
        client.setReadTimeout(0);
        this.jobs = new GenericKubernetesApi<>(V1Job.class, V1JobList.class, "batch", "v1", "jobs", client);
        this.namespace = namespace;
        this.thread = Thread.ofPlatform().daemon().name("testing-job-controller-" + namespace).unstarted(this::run);
    }

    /** Starts running the Jobs of {@code namespace}. The client should be a fresh one: its read timeout is changed. */
    public static TestingJobController start(ApiClient client, String namespace) {
        TestingJobController controller = new TestingJobController(client, namespace);
        controller.thread.start();
        return controller;
    }

    /** Jobs created from now on that match fail (their pod fails until the backoff limit). */
    public void failJobsWhere(Predicate<V1Job> job) {
        this.failing = Objects.requireNonNull(job, "job");
    }

    /** Jobs created from now on that match start and never finish. */
    public void holdJobsWhere(Predicate<V1Job> job) {
        this.holding = Objects.requireNonNull(job, "job");
    }

    /** How long a Job runs between starting and finishing (default 500 ms). */
    public void runFor(Duration duration) {
        this.runFor = Objects.requireNonNull(duration, "duration");
    }

    @Override
    public void close() {
        running = false;
        Watchable<V1Job> current = watch;
        if (current != null) {
            try {
                current.close();
            }
            catch (Exception ignored) {
                // closing the stream is all we want; the thread notices running == false
            }
        }
        thread.interrupt();
        timer.shutdownNow();
        try {
            thread.join(Duration.ofSeconds(10));
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        String resourceVersion = null;
        while (running) {
            try {
                if (resourceVersion == null) {
                    V1JobList list = jobs.list(namespace).throwsApiException().getObject();
                    list.getItems().forEach(this::reconcile);
                    resourceVersion = list.getMetadata().getResourceVersion();
                }
                try (Watchable<V1Job> events = jobs.watch(namespace,
                        new ListOptions().resourceVersion(resourceVersion).timeoutSeconds(30))) {
                    watch = events;
                    for (Watch.Response<V1Job> event : events) {
                        if ("ERROR".equals(event.type)) {
                            resourceVersion = null;
                            break;
                        }
                        if ("BOOKMARK".equals(event.type)) {
                            continue;
                        }
                        resourceVersion = event.object.getMetadata().getResourceVersion();
                        if (!"DELETED".equals(event.type)) {
                            reconcile(event.object);
                        }
                    }
                }
            }
            catch (Exception e) {
                if (!running) {
                    return;
                }
                LOG.warn("Jobs in {}: watch failed ({}), listing again.", namespace, e.toString());
                resourceVersion = null;
                try {
                    Thread.sleep(200);
                }
                catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void reconcile(V1Job job) {
        V1JobStatus status = job.getStatus() == null ? new V1JobStatus() : job.getStatus();
        if (finished(status)) {
            return;
        }
        String name = job.getMetadata().getName();
        if (status.getStartTime() == null) {
            V1JobStatus started = new V1JobStatus().startTime(now()).active(1).ready(0)
                    .uncountedTerminatedPods(new V1UncountedTerminatedPods());
            write(job, started, "started");
            return;
        }
        if (holding.test(job) || !scheduled.add(job.getMetadata().getUid())) {
            return;
        }
        boolean fails = failing.test(job);
        timer.schedule(() -> finish(name, fails), runFor.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void finish(String name, boolean fails) {
        try {
            V1Job job = jobs.get(namespace, name).throwsApiException().getObject();
            V1JobStatus status = job.getStatus();
            if (status == null || finished(status)) {
                return;
            }
            int backoffLimit = job.getSpec().getBackoffLimit() == null ? 6 : job.getSpec().getBackoffLimit();
            List<V1JobCondition> conditions = new ArrayList<>(status.getConditions() == null ? List.of()
                    : status.getConditions());
            String type = fails ? "FailureTarget" : "SuccessCriteriaMet";
            String reason = fails ? BACKOFF_LIMIT_EXCEEDED : COMPLETIONS_REACHED;
            String message = fails ? FAILURE_MESSAGE : SUCCESS_MESSAGE;
            conditions.add(condition(type, reason, message));
            V1JobStatus interim = status.active(0).ready(0).conditions(conditions);
            if (fails) {
                interim.failed(backoffLimit + 1);
            }
            else {
                interim.succeeded(1);
            }
            V1Job written = write(job, interim, type);
            if (written == null) {
                return;
            }
            List<V1JobCondition> terminal = new ArrayList<>(conditions);
            terminal.add(condition(fails ? "Failed" : "Complete", reason, message));
            V1JobStatus done = written.getStatus().conditions(terminal);
            if (!fails) {
                done.completionTime(now());
            }
            write(written, done, fails ? "Failed" : "Complete");
        }
        catch (Exception e) {
            LOG.warn("Job {}/{}: could not finish it: {}.", namespace, name, e.toString());
        }
    }

    private @Nullable V1Job write(V1Job job, V1JobStatus status, String what) {
        job.setStatus(status);
        KubernetesApiResponse<V1Job> response = jobs.updateStatus(job, V1Job::getStatus);
        if (response.isSuccess()) {
            LOG.info("Job {}/{}: {}.", namespace, job.getMetadata().getName(), what);
            return response.getObject();
        }
        if (response.getHttpStatusCode() != 409) {
            LOG.warn("Job {}/{}: status update ({}) refused with HTTP {}: {}.", namespace, job.getMetadata().getName(),
                    what, response.getHttpStatusCode(), response.getStatus());
        }
        return null;
    }

    private static boolean finished(V1JobStatus status) {
        return status.getConditions() != null && status.getConditions().stream()
                .anyMatch(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType())) && "True".equals(c.getStatus()));
    }

    private static V1JobCondition condition(String type, String reason, String message) {
        OffsetDateTime now = now();
        return new V1JobCondition().type(type).status("True").reason(reason).message(message)
                .lastProbeTime(now).lastTransitionTime(now);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
    }
}
