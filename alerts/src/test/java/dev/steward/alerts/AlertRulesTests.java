package dev.steward.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The shipped rules: the Prometheus rule file and the PrometheusRule hold the same groups, and every alert
 * carries what the receiver needs (model, environment and version from the metric; steward_action from the
 * rule) and a runbook link to the deployment's page. Prometheus itself loads them in {@code AlertLoopE2E}.
 */
class AlertRulesTests {
  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final Path DEPLOY = Path.of("..", "deploy");

  @Test
  void thePrometheusRuleHoldsTheSameGroupsAsTheRuleFile() throws IOException {
    JsonNode rules = YAML.readTree(Files.readString(DEPLOY.resolve("prometheus/steward-rules.yaml")));
    JsonNode operator = YAML.readTree(Files.readString(DEPLOY.resolve("prometheus/steward-prometheusrule.yaml")));
    assertThat(operator.path("kind").asString()).isEqualTo("PrometheusRule");
    assertThat(operator.path("apiVersion").asString()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(operator.path("spec").path("groups")).isEqualTo(rules.path("groups"));
  }

  @Test
  void everyAlertNamesItsActionTargetAndRunbook() throws IOException {
    JsonNode rules = YAML.readTree(Files.readString(DEPLOY.resolve("prometheus/steward-rules.yaml")));
    int alerts = 0;
    for (JsonNode group : rules.path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        alerts++;
        assertThat(rule.path("expr").asString()).contains("by (model, version, environment)");
        assertThat(AlertAction.find(rule.path("labels").path("steward_action").asString())).isPresent();
        assertThat(rule.path("annotations").path("runbook_url").asString()).isEqualTo(
            "https://steward.example.com/api/v1/deployments/{{ $labels.environment }}/{{ $labels.model }}");
        assertThat(rule.path("annotations").path("summary").asString()).contains("{{ $labels.model }}");
      }
    }
    List<String> actions = rules.findValues("steward_action").stream().map(JsonNode::asString).toList();
    assertThat(alerts).isEqualTo(4);
    assertThat(actions).containsExactlyInAnyOrder("rollback", "retrain", "notify", "notify");
  }

  @Test
  void theReceiverExampleRoutesEveryStewardAlertWithBearerCredentials() throws IOException {
    JsonNode am = YAML.readTree(Files.readString(DEPLOY.resolve("alertmanager/steward-receiver.yaml")));
    JsonNode route = am.path("route").path("routes").get(0);
    assertThat(route.path("group_by").toString()).isEqualTo("[\"alertname\",\"model\",\"environment\"]");
    JsonNode webhook = am.path("receivers").get(1).path("webhook_configs").get(0);
    assertThat(webhook.path("url").asString()).endsWith("/api/v1/alerts/alertmanager");
    assertThat(webhook.path("http_config").path("authorization").path("type").asString()).isEqualTo("Bearer");
    assertThat(YAML.convertValue(webhook, Map.class)).containsEntry("send_resolved", true);
  }
}
