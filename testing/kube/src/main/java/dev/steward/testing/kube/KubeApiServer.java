package dev.steward.testing.kube;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.credentials.AccessTokenAuthentication;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A kube-apiserver with embedded etcd, running as a child process on 127.0.0.1 with the KServe
 * InferenceService CRD installed.
 *
 * <pre>{@code
 * try (KubeApiServer server = KubeApiServer.start(Path.of("testing/kube-apiserver/bin/steward-kube-apiserver"),
 *         Path.of("../shared/data/kserve/serving.kserve.io_inferenceservices.full.yaml"))) {
 *     ApiClient admin = server.adminClient();
 *     new CoreV1Api(admin).listNamespace().execute();
 * }
 * }</pre>
 *
 * Tests normally get it through {@link EnableKubeApiServer}, which starts one per test run.
 */
public final class KubeApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KubeApiServer.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private Process process;
    private OutputStream stdin;
    private final List<String> command;
    private final Path workDir;
    private final Path log;
    private final String url;
    private final Credentials credentials;
    private Duration startToReady = Duration.ZERO;
    private Duration crdEstablished = Duration.ZERO;

    private KubeApiServer(Process process, List<String> command, Path workDir, Path log, String url,
                          Credentials credentials) {
        this.process = process;
        this.command = List.copyOf(command);
        // Kept open on purpose: the server shuts itself down when this pipe closes, that is when this JVM dies.
        this.stdin = process.getOutputStream();
        this.workDir = workDir;
        this.log = log;
        this.url = url;
        this.credentials = credentials;
    }

    /**
     * Starts the server, waits for {@code /readyz}, creates the CRD in {@code crdFile} and waits until it is
     * established. Fails with the tail of the server's log when any of that goes wrong.
     */
    public static KubeApiServer start(Path binary, Path crdFile) throws IOException, InterruptedException {
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("No kube-apiserver binary at " + binary + ": build it with "
                    + Locations.BUILD_SCRIPT + " (or point " + Locations.BINARY_VARIABLE + " at one).");
        }
        Path workDir = Files.createTempDirectory("steward-kube-apiserver-");
        Credentials credentials = Credentials.generate(workDir);
        int port = freePort();
        Path log = workDir.resolve("kube-apiserver.log");
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                "--etcd-data-dir=" + workDir.resolve("etcd"),
                "--exit-on-stdin-eof",
                "--bind-address=127.0.0.1",
                "--advertise-address=127.0.0.1",
                "--secure-port=" + port,
                "--cert-dir=" + workDir.resolve("certs"),
                "--tls-cert-file=" + credentials.servingCertificate(),
                "--tls-private-key-file=" + credentials.servingKey(),
                "--client-ca-file=" + credentials.caCertificate(),
                "--token-auth-file=" + credentials.tokenFile(),
                "--authorization-mode=RBAC",
                "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
                "--service-account-key-file=" + credentials.serviceAccountPublicKey(),
                "--service-account-signing-key-file=" + credentials.serviceAccountKey(),
                "--service-cluster-ip-range=10.0.0.0/24",
                "--allow-privileged=true",
                // No controller-manager runs, so nothing would ever create service-account tokens.
                "--disable-admission-plugins=ServiceAccount",
                // One client, no contention: skipping priority-and-fairness bootstrapping shortens start-up.
                "--enable-priority-and-fairness=false",
                "--v=1"));
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        KubeApiServer server = new KubeApiServer(process, command, workDir, log,
                "https://127.0.0.1:" + port, credentials);
        try {
            server.awaitReady(started);
            long crdStarted = System.nanoTime();
            new CustomResourceDefinitions(server.adminClient()).createAndAwaitEstablished(crdFile, READY_TIMEOUT);
            server.crdEstablished = Duration.ofNanos(System.nanoTime() - crdStarted);
        }
        catch (IOException | RuntimeException | InterruptedException e) {
            String tail = server.logTail(60);
            server.close();
            throw new IllegalStateException("kube-apiserver did not start: " + e.getMessage()
                    + "\n--- last lines of its log ---\n" + tail, e);
        }
        LOG.info("kube-apiserver at {}: ready {} ms after start, InferenceService CRD established {} ms later "
                        + "(pid {}, files in {}).", server.url, server.startToReady.toMillis(),
                server.crdEstablished.toMillis(), process.pid(), workDir);
        return server;
    }

    /** The API server's base URL, {@code https://127.0.0.1:<port>}. */
    public String url() {
        return url;
    }

    /** From process start to the first successful {@code /readyz}. */
    public Duration startToReady() {
        return startToReady;
    }

    /** A new client authenticated as a member of {@code system:masters}. */
    public ApiClient adminClient() {
        return client(credentials.adminToken());
    }

    /** A new client authenticated as a user without any RBAC bindings. */
    public ApiClient restrictedClient() {
        return client(credentials.restrictedToken());
    }

    /**
     * Writes a kubeconfig for this server to {@code file}: as the admin, or as the restricted user without any
     * RBAC bindings. For code that connects the way production does.
     */
    public Path writeKubeconfig(Path file, boolean restricted) throws IOException {
        String yaml = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: steward-test
                  cluster:
                    server: %s
                    certificate-authority: %s
                users:
                - name: %s
                  user:
                    token: %s
                contexts:
                - name: steward-test
                  context:
                    cluster: steward-test
                    user: %s
                current-context: steward-test
                """.formatted(url, credentials.caCertificate(),
                restricted ? Credentials.RESTRICTED_USER : Credentials.ADMIN_USER,
                restricted ? credentials.restrictedToken() : credentials.adminToken(),
                restricted ? Credentials.RESTRICTED_USER : Credentials.ADMIN_USER);
        return Files.writeString(file, yaml);
    }

    /**
     * Stops the server (SIGTERM, as an upgrade or a crash-looping control plane would) and starts it again on
     * the same port with the same etcd data, so every object survives; answers once {@code /readyz} is 200 and
     * InferenceServices are served again. Clients see connection errors and broken watches meanwhile.
     */
    public synchronized Duration restart() throws IOException, InterruptedException {
        long started = System.nanoTime();
        stop();
        start();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        LOG.info("kube-apiserver at {} is back after {} ms (pid {}).", url, took.toMillis(), process.pid());
        return took;
    }

    /** Stops the server (SIGTERM) and keeps its files and port for {@link #start()}; clients get connection errors. */
    public synchronized void stop() throws IOException, InterruptedException {
        LOG.info("Stopping kube-apiserver at {} (pid {}) for a while.", url, process.pid());
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try {
            stdin.close();
        }
        catch (IOException ignored) {
            // the old process is gone
        }
    }

    /**
     * Starts a server stopped with {@link #stop()} again on the same port and etcd data; answers once
     * {@code /readyz} is 200 and InferenceServices are served again.
     */
    public synchronized void start() throws IOException, InterruptedException {
        if (process.isAlive()) {
            return;
        }
        Files.writeString(log, "\n--- started again ---\n", java.nio.file.StandardOpenOption.APPEND);
        long launched = System.nanoTime();
        process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        stdin = process.getOutputStream();
        awaitReady(launched);
        var services = KServe.inferenceServices(adminClient());
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (services.list("default").isSuccess()) {
                    return;
                }
            }
            catch (RuntimeException notYet) {
                // keep polling
            }
            Thread.sleep(100);
        }
        throw new IOException("InferenceServices were not served again within " + READY_TIMEOUT + ":\n" + logTail(40));
    }

    /**
     * Writes a kubeconfig for the admin (a member of {@code system:masters}) to {@code file}, for code that builds
     * its client from a kubeconfig, as an application under test does.
     */
    public Path writeAdminKubeconfig(Path file) {
        try {
            return writeKubeconfig(file, false);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The PEM file of the CA that signed the serving certificate. */
    public Path caCertificate() {
        return credentials.caCertificate();
    }

    private ApiClient client(String token) {
        try {
            return new ClientBuilder()
                    .setBasePath(url)
                    .setVerifyingSsl(true)
                    .setCertificateAuthority(Files.readAllBytes(credentials.caCertificate()))
                    .setAuthentication(new AccessTokenAuthentication(token))
                    .build();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(long startedNanos) throws IOException, InterruptedException {
        ApiClient client = adminClient();
        Request readyz = new Request.Builder().url(url + "/readyz").build();
        long deadline = startedNanos + READY_TIMEOUT.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the process exited with code " + process.exitValue());
            }
            try (Response response = client.getHttpClient().newCall(readyz).execute()) {
                if (response.code() == 200) {
                    startToReady = Duration.ofNanos(System.nanoTime() - startedNanos);
                    return;
                }
                last = "HTTP " + response.code();
            }
            catch (IOException notListeningYet) {
                last = notListeningYet.toString();
            }
            Thread.sleep(100);
        }
        throw new IOException("/readyz did not answer 200 within " + READY_TIMEOUT + " (last: " + last + ")");
    }

    private String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        }
        catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops the server (SIGTERM, then SIGKILL after 20 s) and deletes its files. Safe to call twice. */
    @Override
    public void close() {
        if (process.isAlive()) {
            LOG.info("Stopping kube-apiserver at {} (pid {}).", url, process.pid());
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    LOG.warn("kube-apiserver (pid {}) ignored SIGTERM for 20 s, killing it.", process.pid());
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try {
            stdin.close();
        }
        catch (IOException ignored) {
            // the process is gone; its pipe may already be closed
        }
        deleteRecursively(workDir);
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException e) {
            LOG.warn("Could not delete {}: {}.", dir, e.getMessage());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
