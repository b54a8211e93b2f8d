package dev.steward.retrain;

import dev.steward.registry.FieldErrors;
import dev.steward.registry.InvalidRequest;
import dev.steward.registry.Names;
import java.net.URI;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.quartz.CronExpression;
import org.springframework.boot.convert.DurationStyle;

/**
 * The rules a plan request must follow before anything else is looked at, as a pure function of the request:
 * names, triggers (Quartz cron expressions, IANA time zones, durations), the launcher and its parameters,
 * concurrency, timeout, retries, backoff. Every broken rule is reported at once, naming its field
 * ({@link InvalidRequest}, 400). What needs the registry or a cluster (the model, a dataset, a Job template) is
 * checked by {@link Plans} after these.
 */
final class PlanRules {
  static final Set<String> PRESETS = Set.of("airflow", "argo-workflows", "kubeflow-pipelines");
  static final Duration MAX_TIMEOUT = Duration.ofDays(7);
  static final int MAX_RETRIES = 10;
  static final int MAX_TRIGGERS = 20;

  private final Predicate<String> launcherEnabled;
  private final Set<String> credentials;

  /**
   * @param launcherEnabled whether this Steward has the launcher of a {@code type}
   * @param credentials the names of the configured webhook credentials
   */
  PlanRules(Predicate<String> launcherEnabled, Set<String> credentials) {
    this.launcherEnabled = launcherEnabled;
    this.credentials = Set.copyOf(credentials);
  }

  /** A request that follows every rule, with defaults filled in and durations parsed. */
  record Checked(String model, @Nullable String description, List<Trigger> triggers, Launcher launcher,
      Concurrency concurrency, Duration timeout, int retries, Duration backoff, @Nullable String promoteTo) {}

  /** Checks a request; throws {@link InvalidRequest} naming every field at fault. */
  Checked check(PlanRequest r) {
    FieldErrors errors = new FieldErrors();
    String model = errors.check(() -> Names.requireName("model", r.model()));
    String description = errors.check(() -> Names.optionalText("description", r.description()));
    List<Trigger> triggers = errors.check(() -> triggers(r.triggers()));
    Launcher launcher = errors.check(() -> launcher(r.launcher()));
    Concurrency concurrency = errors.check(() -> r.concurrency() == null ? Concurrency.FORBID
        : Concurrency.fromId(r.concurrency()));
    Duration timeout = errors.check(() -> duration("timeout", r.timeout(), Duration.ofHours(1), Duration.ofSeconds(1),
        MAX_TIMEOUT));
    Duration backoff = errors.check(() -> duration("backoff", r.backoff(), Duration.ofMinutes(1), Duration.ofSeconds(1),
        Duration.ofHours(6)));
    if (r.retries() != null && (r.retries() < 0 || r.retries() > MAX_RETRIES)) {
      errors.add("retries", "must be between 0 and " + MAX_RETRIES);
    }
    String promoteTo = r.promoteTo() == null ? null : errors.check(() -> Names.requireName("promoteTo", r.promoteTo()));
    errors.throwIfAny();
    return new Checked(model, description, triggers, launcher, concurrency, timeout,
        r.retries() == null ? 0 : r.retries(), backoff, promoteTo);
  }

  private List<Trigger> triggers(@Nullable List<Trigger> requested) {
    if (requested == null || requested.isEmpty()) {
      throw new InvalidRequest("triggers", "must name at least one trigger: cron, drift, dataset or manual");
    }
    if (requested.size() > MAX_TRIGGERS) {
      throw new InvalidRequest("triggers", "at most " + MAX_TRIGGERS + " triggers");
    }
    FieldErrors errors = new FieldErrors();
    List<Trigger> checked = new ArrayList<>();
    int manual = 0;
    for (int i = 0; i < requested.size(); i++) {
      String at = "triggers[" + i + "]";
      Trigger t = requested.get(i);
      switch (t) {
        case null -> errors.add(at, "must be a trigger object with a type");
        case Trigger.Cron c -> {
          String zone = c.timeZone() == null ? "UTC" : c.timeZone();
          String expression = c.expression() == null ? null : c.expression().strip();
          if (expression == null || expression.isEmpty()) {
            errors.add(at + ".expression", "is required: a Quartz cron expression such as '0 0 3 * * ?' (seconds, "
                + "minutes, hours, day of month, month, day of week)");
          } else {
            try {
              CronExpression.validateExpression(expression);
            } catch (ParseException e) {
              errors.add(at + ".expression", "'" + Names.abbreviate(expression) + "' is not a Quartz cron expression: "
                  + e.getMessage() + " (example: '0 0 3 * * ?' is 03:00 every day)");
            }
          }
          try {
            ZoneId.of(zone);
          } catch (DateTimeException e) {
            errors.add(at + ".timeZone", "'" + Names.abbreviate(zone) + "' is not a time zone; use an IANA name such as "
                + "Europe/Zurich or UTC");
          }
          checked.add(new Trigger.Cron(expression, zone));
        }
        case Trigger.Drift d -> {
          String environment = errors.check(() -> Names.requireName(at + ".environment", d.environment()));
          Duration cooldown = errors.check(() -> duration(at + ".cooldown", d.cooldown(), Duration.ofHours(6),
              Duration.ZERO, Duration.ofDays(30)));
          Duration minInterval = errors.check(() -> duration(at + ".minInterval", d.minInterval(), Duration.ofHours(1),
              Duration.ZERO, Duration.ofDays(30)));
          checked.add(new Trigger.Drift(environment, cooldown == null ? null : cooldown.toString(),
              minInterval == null ? null : minInterval.toString()));
        }
        case Trigger.NewDataset d -> {
          String dataset = errors.check(() -> Names.requireName(at + ".dataset", d.dataset()));
          if (d.tag() != null) {
            String key = d.tag().contains("=") ? d.tag().substring(0, d.tag().indexOf('=')) : d.tag();
            errors.check(() -> Names.requireKey(at + ".tag", key));
          }
          checked.add(new Trigger.NewDataset(dataset, d.tag()));
        }
        case Trigger.Manual m -> {
          if (++manual > 1) {
            errors.add(at, "a plan has at most one manual trigger");
          }
          checked.add(m);
        }
      }
    }
    errors.throwIfAny();
    return checked;
  }

  private Launcher launcher(@Nullable Launcher launcher) {
    if (launcher == null) {
      throw new InvalidRequest("launcher", "is required: a launcher of type process, webhook or kubernetes-job");
    }
    if (!launcherEnabled.test(launcher.kind())) {
      throw new InvalidRequest("launcher.type", "the " + launcher.kind() + " launcher is not enabled on this Steward"
          + (launcher.kind().equals("process") ? " (steward.retrain.process.enabled)" : "")
          + (launcher.kind().equals("webhook") ? " (steward.retrain.webhook.enabled)" : "")
          + (launcher.kind().equals("kubernetes-job") ? " (steward.retrain.kubernetes.enabled)" : ""));
    }
    FieldErrors errors = new FieldErrors();
    switch (launcher) {
      case Launcher.Process p -> {
        if (p.command() == null || p.command().isEmpty() || p.command().getFirst() == null
            || p.command().getFirst().isBlank()) {
          errors.add("launcher.command", "must name the program and its arguments, for example [\"python3\", \"train.py\"]");
        } else {
          unknownParameters(errors, "launcher.command", p.command());
        }
        unknownParameters(errors, "launcher.environment", p.environment());
        unknownParameters(errors, "launcher.workingDirectory", p.workingDirectory());
      }
      case Launcher.Webhook w -> {
        URI url = errors.check(() -> httpUrl("launcher.url", w.url()));
        if (w.preset() != null && !PRESETS.contains(w.preset())) {
          errors.add("launcher.preset", "unknown preset '" + Names.abbreviate(w.preset()) + "'; expected one of "
              + PRESETS.stream().sorted().toList() + ", or none for a plain call");
        }
        if ("airflow".equals(w.preset()) && (w.dag() == null || w.dag().isBlank())) {
          errors.add("launcher.dag", "is required with the airflow preset: the id of the DAG to run");
        }
        if ("argo-workflows".equals(w.preset())) {
          if (w.namespace() == null || w.namespace().isBlank()) {
            errors.add("launcher.namespace", "is required with the argo-workflows preset");
          }
          if (w.workflowTemplate() == null || w.workflowTemplate().isBlank()) {
            errors.add("launcher.workflowTemplate", "is required with the argo-workflows preset");
          }
        }
        if ("kubeflow-pipelines".equals(w.preset()) && (w.pipelineId() == null || w.pipelineId().isBlank())) {
          errors.add("launcher.pipelineId", "is required with the kubeflow-pipelines preset");
        }
        if (w.preset() == null && w.method() != null && !Set.of("POST", "PUT").contains(w.method())) {
          errors.add("launcher.method", "must be POST or PUT");
        }
        if (w.credentials() != null && !credentials.contains(w.credentials())) {
          errors.add("launcher.credentials", "no credentials named '" + Names.abbreviate(w.credentials())
              + "' are configured (steward.retrain.credentials." + Names.abbreviate(w.credentials()) + ".*); known: "
              + credentials.stream().sorted().toList());
        }
        errors.check(() -> duration("launcher.callTimeout", w.callTimeout(), Duration.ofSeconds(10), Duration.ofMillis(100),
            Duration.ofMinutes(5)));
        unknownParameters(errors, "launcher.url", url == null ? null : w.url());
        unknownParameters(errors, "launcher.headers", w.headers());
        unknownParameters(errors, "launcher.body", w.body());
        unknownParameters(errors, "launcher.parameters", w.parameters());
      }
      case Launcher.KubernetesJob k -> {
        errors.check(() -> Names.requireName("launcher.namespace", k.namespace()));
        if (k.template() == null || k.template().isEmpty()) {
          errors.add("launcher.template", "is required: a batch/v1 Job (its metadata.name is set by Steward)");
        } else {
          if (!"batch/v1".equals(k.template().get("apiVersion")) || !"Job".equals(k.template().get("kind"))) {
            errors.add("launcher.template", "must be a batch/v1 Job (apiVersion: batch/v1, kind: Job)");
          }
          unknownParameters(errors, "launcher.template", k.template());
        }
      }
    }
    errors.throwIfAny();
    if (launcher instanceof Launcher.Webhook w && w.callTimeout() != null) {
      return new Launcher.Webhook(w.preset(), w.url(), w.method(), w.headers(), w.body(), w.credentials(), w.dag(),
          w.namespace(), w.workflowTemplate(), w.pipelineId(), w.pipelineVersionId(), w.experimentId(), w.parameters(),
          DurationStyle.detectAndParse(w.callTimeout()).toString());
    }
    return launcher;
  }

  private static void unknownParameters(FieldErrors errors, String field, @Nullable Object template) {
    List<String> unknown = LaunchParameters.unknown(template);
    if (!unknown.isEmpty()) {
      errors.add(field, "unknown parameter(s) " + unknown.stream().map(n -> "${" + n + "}").toList() + "; known: "
          + LaunchParameters.NAMES.stream().sorted().map(n -> "${" + n + "}").toList());
    }
  }

  private static URI httpUrl(String field, @Nullable String url) {
    if (url == null || url.isBlank()) {
      throw new InvalidRequest(field, "is required: an http or https URL");
    }
    try {
      URI uri = new URI(url);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new InvalidRequest(field, "'" + Names.abbreviate(url) + "' is not an http or https URL with a host");
      }
      return uri;
    } catch (java.net.URISyntaxException e) {
      throw new InvalidRequest(field, "'" + Names.abbreviate(url) + "' is not a URL: " + e.getReason());
    }
  }

  /** A duration given as ISO-8601 ({@code PT6H}) or in Spring's simple form ({@code 6h}, {@code 90s}). */
  static Duration duration(String field, @Nullable String text, Duration fallback, Duration min, Duration max) {
    if (text == null) {
      return fallback;
    }
    Duration d;
    try {
      d = DurationStyle.detectAndParse(text.strip());
    } catch (IllegalArgumentException e) {
      throw new InvalidRequest(field, "'" + Names.abbreviate(text) + "' is not a duration; write 90s, 30m, 6h, 1d or "
          + "ISO-8601 such as PT6H");
    }
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw new InvalidRequest(field, "must be between " + min + " and " + max + ", was " + d);
    }
    return d;
  }
}
