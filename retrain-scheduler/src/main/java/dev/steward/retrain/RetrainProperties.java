package dev.steward.retrain;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code steward.retrain.*}.
 *
 * @param enabled whether this instance runs the Quartz scheduler (plans are registered either way)
 * @param clustered whether Quartz coordinates with other instances through the database; unset means on
 *     PostgreSQL, off on H2 (an embedded H2 file belongs to one process)
 * @param threads Quartz's workers (virtual threads): steps executing at once on this instance; a fire waits for its
 *     run's commit, so this bounds how many fires of one moment share a group commit
 * @param clusterCheckinInterval how often an instance tells the others it is alive; one silent for longer is
 *     taken for dead and its running steps are recovered elsewhere
 * @param misfireThreshold how late a trigger may fire before it counts as misfired (it still fires once)
 * @param batchSize how many due triggers one acquisition takes (Quartz's batchTriggerAcquisitionMaxCount)
 * @param batchWindow how far ahead of its due time a trigger may join a batch (Quartz's
 *     batchTriggerAcquisitionFireAheadTimeWindow); it then fires up to this much early
 * @param concurrentLaunches how many launch calls this instance makes at once
 * @param stewardUrl the URL runs call back on; unset means http://127.0.0.1:<server port>
 * @param tokenGrace how long past its attempt's timeout a run token still counts
 * @param pollInterval how often attempts past their deadline are timed out, and launchers with a status API
 *     asked about the launched attempts of this instance
 * @param superviseInterval how often active runs are checked for an instance that is gone or a step that was
 *     lost, drift alerts for runs they did not start, and successful runs for the promotion their plan wants
 * @param driftCatchUp how far back the supervision looks for drift alert reports that started no run
 * @param credentials named credentials for webhook launchers: {@code token}, or {@code username} and
 *     {@code password} (never in plans, which are in Git)
 * @param webhook whether plans may use the webhook launcher
 */
@ConfigurationProperties("steward.retrain")
record RetrainProperties(
    @DefaultValue("true") boolean enabled,
    @Nullable Boolean clustered,
    @DefaultValue("100") int threads,
    @DefaultValue("7500ms") Duration clusterCheckinInterval,
    @DefaultValue("60s") Duration misfireThreshold,
    @DefaultValue("100") int batchSize,
    @DefaultValue("0ms") Duration batchWindow,
    @DefaultValue("32") int concurrentLaunches,
    @Nullable URI stewardUrl,
    @DefaultValue("5m") Duration tokenGrace,
    @DefaultValue("5s") Duration pollInterval,
    @DefaultValue("30s") Duration superviseInterval,
    @DefaultValue("1h") Duration driftCatchUp,
    @DefaultValue Process process,
    @DefaultValue Webhook webhook,
    @DefaultValue Kubernetes kubernetes,
    @Nullable Map<String, Credentials> credentials) {

  /** The local process launcher: on by default (the embedded default); turn it off where plans are untrusted. */
  record Process(@DefaultValue("true") boolean enabled, @Nullable Path logDirectory) {}

  /** The webhook launcher: on by default; off where Steward must call no address a plan names (an API fuzzing run). */
  record Webhook(@DefaultValue("true") boolean enabled) {}

  /**
   * The Kubernetes Job launcher: off unless enabled; {@code kubeconfig} unset means the standard lookup
   * ({@code KUBECONFIG}, {@code ~/.kube/config}, in-cluster).
   */
  record Kubernetes(@DefaultValue("false") boolean enabled, @Nullable Path kubeconfig) {}

  record Credentials(@Nullable String token, @Nullable String username, @Nullable String password) {}

  Map<String, Credentials> credentialsOrEmpty() {
    return credentials == null ? Map.of() : credentials;
  }
}
