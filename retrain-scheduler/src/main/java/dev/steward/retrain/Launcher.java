package dev.steward.retrain;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where a run trains. Every launcher hands the run the same facts: model, trigger and cause, the champion
 * version, Steward's URL and a run token that may register one version of the model and report the run's
 * status. Strings of commands, templates and bodies may use {@code ${name}} parameters
 * ({@link LaunchParameters}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Launcher.Process.class, name = "process"),
    @JsonSubTypes.Type(value = Launcher.Webhook.class, name = "webhook"),
    @JsonSubTypes.Type(value = Launcher.KubernetesJob.class, name = "kubernetes-job")})
public sealed interface Launcher {

  @JsonIgnore
  String kind();

  /**
   * A local command (the embedded default): exit code 0 is success. The run's facts arrive as
   * {@code STEWARD_*} environment variables; output goes to {@code <data-dir>/retrain/logs/<run>-<attempt>.log}.
   */
  record Process(List<String> command, @Nullable Map<String, String> environment, @Nullable String workingDirectory)
      implements Launcher {
    @Override
    public String kind() {
      return "process";
    }
  }

  /**
   * An HTTP call. With a {@code preset} ({@code airflow}, {@code argo-workflows}, {@code kubeflow-pipelines}) the
   * call and its status polling follow that system's REST API from {@code url} (its base URL); without one,
   * {@code method} {@code url} with {@code headers} and the JSON {@code body} template, and the run reports its
   * status itself. {@code credentials} names {@code steward.retrain.credentials.<name>} (never a secret in Git).
   */
  record Webhook(@Nullable String preset, String url, @Nullable String method, @Nullable Map<String, String> headers,
      @Nullable Map<String, Object> body, @Nullable String credentials, @Nullable String dag,
      @Nullable String namespace, @Nullable String workflowTemplate, @Nullable String pipelineId,
      @Nullable String pipelineVersionId, @Nullable String experimentId, @Nullable Map<String, String> parameters,
      @Nullable String callTimeout) implements Launcher {
    @Override
    public String kind() {
      return "webhook";
    }
  }

  /**
   * A Kubernetes Job created from {@code template} (a {@code batch/v1} Job, parameters substituted in its
   * strings) in {@code namespace}; Steward names it, labels it with the run, and gives every container the
   * run's facts as environment variables, the token from a Secret the Job owns. Status comes from a watch.
   */
  record KubernetesJob(String namespace, Map<String, Object> template) implements Launcher {
    @Override
    public String kind() {
      return "kubernetes-job";
    }
  }
}
