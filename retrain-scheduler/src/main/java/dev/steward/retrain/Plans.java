package dev.steward.retrain;

import dev.steward.lineage.Change;
import dev.steward.lineage.FileChange;
import dev.steward.lineage.Lineage;
import dev.steward.registry.DatasetVersion;
import dev.steward.registry.EntityNotFound;
import dev.steward.registry.InvalidRequest;
import dev.steward.registry.Kind;
import dev.steward.registry.ListQuery;
import dev.steward.registry.ModelRegistry;
import dev.steward.registry.Names;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks and records retrain plans. Every rule ({@link PlanRules}) is checked before anything is written, and
 * all failures of a request are reported at once (400); references to what is not registered (the model, a
 * dataset) and a Job template the cluster refuses are 422. A plan that passes is one commit of
 * {@code retrain/<model>.yaml}.
 */
class Plans {
  private static final Logger LOG = LoggerFactory.getLogger(Plans.class);

  private final Lineage lineage;
  private final RetrainIndex index;
  private final ModelRegistry registry;
  private final PlanRules rules;
  private final JobTemplateCheck jobs;
  private final Clock clock;

  Plans(Lineage lineage, RetrainIndex index, ModelRegistry registry, Launchers launchers, Set<String> credentials,
      JobTemplateCheck jobs, Clock clock) {
    this.lineage = lineage;
    this.index = index;
    this.registry = registry;
    this.rules = new PlanRules(launchers::has, credentials);
    this.jobs = jobs;
    this.clock = clock;
  }

  /** Whether a Job template would be accepted by the cluster: empty when it would, else what it said. */
  interface JobTemplateCheck {
    List<String> problems(String namespace, Map<String, Object> template);
  }

  /** Validates a plan and records it as the next revision; the caller holds the plan's lock. */
  RetrainPlan register(String actor, PlanRequest r) {
    PlanRules.Checked checked = rules.check(r);
    String model = checked.model();
    List<Trigger> triggers = checked.triggers();
    Launcher launcher = checked.launcher();

    List<InvalidRequest.FieldError> unresolved = new ArrayList<>();
    try {
      registry.model(model);
    } catch (EntityNotFound e) {
      unresolved.add(new InvalidRequest.FieldError("model", "model " + model
          + " is not registered; register it first (POST /api/v1/models)"));
    }
    for (int i = 0; i < triggers.size(); i++) {
      if (triggers.get(i) instanceof Trigger.NewDataset d && !datasetExists(d.dataset())) {
        unresolved.add(new InvalidRequest.FieldError("triggers[" + i + "].dataset", "dataset " + d.dataset()
            + " is not registered; a plan can wait only for new versions of a registered dataset"));
      }
    }
    if (launcher instanceof Launcher.KubernetesJob job) {
      jobs.problems(job.namespace(), job.template())
          .forEach(p -> unresolved.add(new InvalidRequest.FieldError("launcher.template", p)));
    }
    if (!unresolved.isEmpty()) {
      throw new InvalidRequest(unresolved, true);
    }

    int revision = index.plan(model).map(RetrainPlan::revision).orElse(0) + 1;
    RetrainPlan plan = new RetrainPlan(model, revision, checked.description(), triggers, launcher,
        checked.concurrency(), checked.timeout().toString(), checked.retries(), checked.backoff().toString(),
        checked.promoteTo(), actor, clock.instant(), null);
    byte[] yaml = RetrainDocuments.toYaml(plan);
    lineage.record(new Change(actor, "register-retrain-plan", "retrain-plan " + model,
        "Register retrain plan " + model + " revision " + revision,
        List.of(FileChange.put(RetrainDocuments.planPath(model), yaml)),
        Map.of("Steward-Revision", String.valueOf(revision))));
    LOG.info("Registered retrain plan {} revision {} ({} triggers, {} launcher) for {}.", model, revision,
        triggers.size(), launcher.kind(), actor);
    return plan.withDigest(dev.steward.registry.EntityDocuments.digest(yaml));
  }

  void remove(String actor, String model) {
    RetrainPlan plan = index.plan(Names.requireName("model", model))
        .orElseThrow(() -> new EntityNotFound("retrain plan " + model + " does not exist"));
    lineage.record(new Change(actor, "remove-retrain-plan", "retrain-plan " + model,
        "Remove retrain plan " + model + " (was revision " + plan.revision() + ")",
        List.of(FileChange.delete(RetrainDocuments.planPath(model))), Map.of()));
    LOG.info("Removed retrain plan {} for {}.", model, actor);
  }

  private boolean datasetExists(String name) {
    try {
      return registry.versions(Kind.DATASET, name, new ListQuery(null, null, 0, 1), DatasetVersion.class).total() > 0;
    } catch (EntityNotFound | InvalidRequest e) {
      return false;
    }
  }

}
