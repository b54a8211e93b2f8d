package dev.steward.retrain;

import dev.steward.registry.EntityNotFound;
import dev.steward.registry.Kind;
import dev.steward.registry.LineageGraph;
import dev.steward.registry.LineageLinks;
import dev.steward.registry.ModelRegistry;
import dev.steward.registry.ModelVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Retrain runs in lineage answers. Upstream of a model version: the run that produced it ({@code produced-by},
 * from the version's {@code producedBy}) and what started the run ({@code triggered-by}: the dataset version, the
 * drift report or alert, the schedule, or the person who asked). Downstream of a dataset version: the runs it
 * started ({@code started}) and the versions they produced ({@code produced}).
 */
class RetrainLineage implements LineageLinks {
  private final ModelRegistry registry;
  private final RetrainIndex index;

  RetrainLineage(ModelRegistry registry, RetrainIndex index) {
    this.registry = registry;
    this.index = index;
  }

  @Override
  public List<LineageGraph.Link> upstream(Kind kind, String name, int version) {
    if (kind != Kind.MODEL_VERSION) {
      return List.of();
    }
    ModelVersion v;
    try {
      v = registry.get(Kind.MODEL_VERSION, name, version, ModelVersion.class);
    } catch (EntityNotFound e) {
      return List.of();
    }
    if (v.producedBy() == null) {
      return List.of();
    }
    String runId = v.producedBy().retrainRun();
    Optional<RetrainRun> run = index.run(runId);
    List<LineageGraph.Link> links = new ArrayList<>();
    Map<String, Object> details = new LinkedHashMap<>();
    run.ifPresentOrElse(r -> {
      details.put("model", r.model());
      details.put("planRevision", r.planRevision());
      details.put("trigger", r.trigger());
      details.put("state", r.state().id());
      details.put("triggeredAt", r.triggeredAt().toString());
      if (r.endedAt() != null) {
        details.put("endedAt", r.endedAt().toString());
      }
      if (r.champion() != null) {
        details.put("champion", r.champion());
      }
      details.put("attempts", r.attempts().size());
      r.currentAttempt().map(Attempt::reference).ifPresent(ref -> details.put("launchedAs", ref));
    }, () -> details.put("state", "unknown: the run is not in the index"));
    LineageGraph.Link produced = new LineageGraph.Link("model-version:" + name + "/" + version, "retrain-run", runId,
        "produced-by", details);
    links.add(produced);
    run.ifPresent(r -> links.add(cause(produced.node(), r.cause())));
    return links;
  }

  private static LineageGraph.Link cause(String from, Cause c) {
    Map<String, Object> details = new LinkedHashMap<>();
    return switch (c.kind()) {
      case "dataset" -> {
        details.put("digest", c.dataset().digest());
        yield new LineageGraph.Link(from, "dataset", c.dataset().name() + "/" + c.dataset().version(), "triggered-by",
            details);
      }
      case "drift" -> {
        put(details, "environment", c.environment());
        put(details, "driftedVersion", c.driftedVersion());
        put(details, "alert", c.alert());
        yield new LineageGraph.Link(from, c.driftReport() != null ? "drift-report" : "drift-alert",
            c.driftReport() != null ? String.valueOf(c.driftReport()) : String.valueOf(c.alert()), "triggered-by",
            details);
      }
      case "schedule" -> {
        put(details, "scheduledAt", c.scheduledAt() == null ? null : c.scheduledAt().toString());
        put(details, "timeZone", c.timeZone());
        yield new LineageGraph.Link(from, "schedule", String.valueOf(c.expression()), "triggered-by", details);
      }
      default -> {
        put(details, "reason", c.reason());
        yield new LineageGraph.Link(from, "request", String.valueOf(c.requestedBy()), "triggered-by", details);
      }
    };
  }

  @Override
  public List<LineageGraph.Link> downstream(Kind kind, String name, int version) {
    if (kind != Kind.DATASET) {
      return List.of();
    }
    List<LineageGraph.Link> links = new ArrayList<>();
    for (RetrainRun r : index.runsCausedBy(name, version)) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("model", r.model());
      details.put("state", r.state().id());
      details.put("triggeredAt", r.triggeredAt().toString());
      LineageGraph.Link started = new LineageGraph.Link("dataset:" + name + "/" + version, "retrain-run", r.id(),
          "started", details);
      links.add(started);
      if (r.producedVersion() != null) {
        links.add(new LineageGraph.Link(started.node(), "model-version", r.model() + "/" + r.producedVersion(),
            "produced", Map.of()));
      }
    }
    return links;
  }

  private static void put(Map<String, Object> details, String key, Object value) {
    if (value != null) {
      details.put(key, value);
    }
  }
}
