package dev.steward.governance;

import dev.steward.deployer.Deployer;
import dev.steward.deployer.Deployment;
import dev.steward.deployer.DeploymentStatus;
import dev.steward.deployer.Target;
import dev.steward.registry.DatasetVersion;
import dev.steward.registry.Kind;
import dev.steward.registry.LineageGraph;
import dev.steward.registry.Reference;
import dev.steward.retrain.RetrainPlan;
import dev.steward.retrain.RetrainScheduler;
import dev.steward.retrain.Trigger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Computes what a revoked dataset version reaches, from lineage: the datasets derived from it, the feature sets
 * computed from it, the model versions trained on either, the deployments serving one of those versions (the
 * desired version, and on a cluster also a version that still takes traffic, such as the stable side of a
 * canary), and the retrain plans fed by the dataset (a dataset trigger on its name) or retraining a model with
 * an affected version. The successor, when given, and what is built only on it are left out: it excludes the
 * revoked data.
 */
final class ImpactAnalysis {
  private final LineageGraph graph;
  private final Deployer deployer;
  private final RetrainScheduler retrain;

  ImpactAnalysis(LineageGraph graph, Deployer deployer, RetrainScheduler retrain) {
    this.graph = graph;
    this.deployer = deployer;
    this.retrain = retrain;
  }

  List<ImpactItem> impact(DatasetVersion dataset, @Nullable Reference successor, Instant at) {
    String revoked = dataset.name() + "/" + dataset.version();
    Set<String> barriers = successor == null ? Set.of()
        : Set.of(Kind.DATASET.id() + ":" + successor.name() + "/" + successor.version());
    List<ImpactItem> datasets = new ArrayList<>();
    List<ImpactItem> featureSets = new ArrayList<>();
    List<ImpactItem> versions = new ArrayList<>();
    Map<String, Set<Integer>> affected = new HashMap<>();
    for (LineageGraph.Descendant d : graph.descendants(Kind.DATASET, dataset.name(), dataset.version(), barriers)) {
      String why = why(d);
      switch (d.kind()) {
        case DATASET -> datasets.add(new ImpactItem(ImpactItem.DATASET, d.name(), d.version(), null, d.digest(), why,
            "recorded", "holds data of " + revoked + "; revoke it as well, or replace it with a version that excludes "
                + "the revoked data", at));
        case FEATURE_SET -> featureSets.add(new ImpactItem(ImpactItem.FEATURE_SET, d.name(), d.version(), null,
            d.digest(), why, "recorded", "computed from the revoked data; the model versions built on it are marked",
            at));
        case MODEL_VERSION -> {
          versions.add(new ImpactItem(ImpactItem.MODEL_VERSION, d.name(), d.version(), null, d.digest(), why, "marked",
              "marked " + Mark.REVOKED_INPUT + ": the production gate's rule inputs-not-revoked blocks its promotion",
              at));
          affected.computeIfAbsent(d.name(), k -> new java.util.TreeSet<>()).add(d.version());
        }
        default -> { }
      }
    }
    java.util.Comparator<ImpactItem> byName = java.util.Comparator.comparing(ImpactItem::name)
        .thenComparing(i -> i.version() == null ? 0 : i.version());
    datasets.sort(byName);
    featureSets.sort(byName);
    versions.sort(byName);
    List<ImpactItem> items = new ArrayList<>(datasets);
    items.addAll(featureSets);
    items.addAll(versions);
    items.addAll(deployments(affected, at));
    items.addAll(plans(dataset, affected, successor));
    return List.copyOf(items);
  }

  private static String why(LineageGraph.Descendant d) {
    String via = d.via().substring(d.via().indexOf(':') + 1);
    String kind = d.via().substring(0, d.via().indexOf(':'));
    return switch (d.role()) {
      case "parent" -> "derived from dataset " + via;
      case "source-dataset" -> "computed from dataset " + via;
      case "dataset" -> "trained on dataset " + via;
      case "feature-set" -> "uses feature set " + via;
      default -> d.role() + " " + kind + " " + via;
    };
  }

  /** A model version taking traffic in an environment. */
  record Served(String environment, String model, int version) {}

  /**
   * The versions each deployment serves: its desired version, and on a cluster every version the observed
   * traffic split still sends requests to (the stable side of a canary, a version being rolled back).
   */
  List<Served> served() {
    List<Served> served = new ArrayList<>();
    for (Deployment d : deployer.deployments(null)) {
      Set<Integer> versions = new LinkedHashSet<>(List.of(d.version()));
      if (deployer.environments().get(d.environment()).target() == Target.CLUSTER) {
        DeploymentStatus status = deployer.status(d.environment(), d.model());
        if (status.observed() != null) {
          status.observed().traffic().stream().filter(t -> t.percent() > 0 && t.version() != null)
              .forEach(t -> versions.add(t.version()));
        }
      }
      versions.forEach(v -> served.add(new Served(d.environment(), d.model(), v)));
    }
    return served;
  }

  /** Deployments serving an affected version. */
  List<ImpactItem> deployments(Map<String, Set<Integer>> affected, Instant at) {
    List<ImpactItem> items = new ArrayList<>();
    for (Served s : served()) {
      Set<Integer> versions = affected.get(s.model());
      if (versions != null && versions.contains(s.version())) {
        items.add(new ImpactItem(ImpactItem.DEPLOYMENT, s.model(), s.version(), s.environment(), null,
            "serves model version " + s.model() + "/" + s.version(), "flagged",
            "serves a revoked-input version: steward_revoked_input_deployment is 1 for it (alert "
                + "StewardRevokedInputServing tells on-call) until a version trained without the revoked data replaces it",
            at));
      }
    }
    return items;
  }

  private List<ImpactItem> plans(DatasetVersion dataset, Map<String, Set<Integer>> affected,
      @Nullable Reference successor) {
    Map<String, ImpactItem> items = new TreeMap<>();
    for (RetrainPlan plan : retrain.plans()) {
      List<String> why = new ArrayList<>();
      boolean fed = plan.triggers().stream().filter(Trigger.NewDataset.class::isInstance)
          .map(Trigger.NewDataset.class::cast).anyMatch(t -> t.dataset().equals(dataset.name()));
      if (fed) {
        why.add("retrains on new versions of dataset " + dataset.name());
      }
      if (affected.containsKey(plan.model())) {
        why.add("retrains model " + plan.model() + ", whose version(s) " + affected.get(plan.model())
            + " were built on the revoked data");
      }
      if (why.isEmpty()) {
        continue;
      }
      ImpactItem item = successor == null
          ? new ImpactItem(ImpactItem.RETRAIN_PLAN, plan.model(), plan.revision(), null, plan.digest(),
              String.join("; ", why), "not-triggered", "no successor dataset version was given: register one that "
                  + "excludes the revoked data and retrain " + plan.model() + " on it", null)
          : new ImpactItem(ImpactItem.RETRAIN_PLAN, plan.model(), plan.revision(), null, plan.digest(),
              String.join("; ", why), ImpactItem.PENDING, "to be retrained on successor " + successor.name() + "/"
                  + successor.version(), null);
      items.put(plan.model(), item);
    }
    return List.copyOf(items.values());
  }
}
