package dev.steward.retrain;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a run is told, as {@code ${name}} parameters for commands, templates and bodies, and as
 * {@code STEWARD_*} environment variables: {@code model}, {@code run.id}, {@code run.attempt},
 * {@code run.token}, {@code run.statusUrl}, {@code trigger}, {@code cause} (JSON), {@code cause.kind},
 * {@code cause.scheduledAt}, {@code cause.driftReport}, {@code cause.environment}, {@code cause.dataset},
 * {@code cause.datasetVersion}, {@code cause.reason}, {@code champion} (empty when no version is champion),
 * {@code steward.url}, {@code plan.revision}. Unset ones are empty strings.
 */
final class LaunchParameters {
  static final Set<String> NAMES = Set.of("model", "run.id", "run.attempt", "run.token", "run.statusUrl", "trigger",
      "cause", "cause.kind", "cause.scheduledAt", "cause.driftReport", "cause.environment", "cause.dataset",
      "cause.datasetVersion", "cause.reason", "champion", "steward.url", "plan.revision");
  private static final Pattern PARAMETER = Pattern.compile("\\$\\{([A-Za-z.]+)}");

  private LaunchParameters() {}

  static Map<String, String> of(RetrainRun run, int attempt, String token, URI stewardUrl) {
    Cause c = run.cause();
    String base = stewardUrl.toString().replaceAll("/+$", "");
    Map<String, String> p = new LinkedHashMap<>();
    p.put("model", run.model());
    p.put("run.id", run.id());
    p.put("run.attempt", String.valueOf(attempt));
    p.put("run.token", token);
    p.put("run.statusUrl", base + "/api/v1/retrain/runs/" + run.id() + "/status");
    p.put("trigger", run.trigger());
    p.put("cause", RetrainDocuments.toJson(c));
    p.put("cause.kind", c.kind());
    p.put("cause.scheduledAt", text(c.scheduledAt()));
    p.put("cause.driftReport", text(c.driftReport()));
    p.put("cause.environment", text(c.environment()));
    p.put("cause.dataset", c.dataset() == null ? "" : c.dataset().name());
    p.put("cause.datasetVersion", c.dataset() == null ? "" : String.valueOf(c.dataset().version()));
    p.put("cause.reason", text(c.reason()));
    p.put("champion", text(run.champion()));
    p.put("steward.url", base);
    p.put("plan.revision", String.valueOf(run.planRevision()));
    return p;
  }

  /** The environment variables of a process or container: {@code run.statusUrl} becomes {@code STEWARD_RUN_STATUS_URL}. */
  static Map<String, String> environment(Map<String, String> parameters) {
    Map<String, String> env = new LinkedHashMap<>();
    parameters.forEach((k, v) -> env.put(variable(k), v));
    return env;
  }

  /** {@code steward.url} is {@code STEWARD_URL}, {@code champion} {@code STEWARD_CHAMPION_VERSION}, {@code run.statusUrl} {@code STEWARD_RUN_STATUS_URL}. */
  static String variable(String parameter) {
    return switch (parameter) {
      case "steward.url" -> "STEWARD_URL";
      case "champion" -> "STEWARD_CHAMPION_VERSION";
      default -> "STEWARD_" + parameter.replaceAll("([a-z])([A-Z])", "$1_$2").replace('.', '_')
          .toUpperCase(java.util.Locale.ROOT);
    };
  }

  static String substitute(String template, Map<String, String> parameters) {
    Matcher m = PARAMETER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = parameters.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Substitutes in every string of a JSON-like tree (maps, lists, strings, numbers, booleans). */
  @SuppressWarnings("unchecked")
  static @Nullable Object substituteTree(@Nullable Object node, Map<String, String> parameters) {
    if (node instanceof String s) {
      return substitute(s, parameters);
    }
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<String, Object>) map).forEach((k, v) -> out.put(substitute(k, parameters), substituteTree(v, parameters)));
      return out;
    }
    if (node instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(substituteTree(v, parameters)));
      return out;
    }
    return node;
  }

  /** The parameter names a template uses that do not exist. */
  static List<String> unknown(@Nullable Object node) {
    List<String> unknown = new ArrayList<>();
    collect(node, unknown);
    return unknown;
  }

  private static void collect(@Nullable Object node, List<String> unknown) {
    if (node instanceof String s) {
      Matcher m = PARAMETER.matcher(s);
      while (m.find()) {
        if (!NAMES.contains(m.group(1)) && !unknown.contains(m.group(1))) {
          unknown.add(m.group(1));
        }
      }
    } else if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> {
        collect(k, unknown);
        collect(v, unknown);
      });
    } else if (node instanceof List<?> list) {
      list.forEach(v -> collect(v, unknown));
    }
  }

  private static String text(@Nullable Object value) {
    return value == null ? "" : value.toString();
  }
}
