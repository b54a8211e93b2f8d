package dev.steward.ui.web;

import dev.steward.deployer.Deployer;
import dev.steward.deployer.Deployment;
import dev.steward.deployer.DeploymentEnvironment;
import dev.steward.deployer.DeploymentStatus;
import dev.steward.drift.traffic.DriftReports;
import dev.steward.policies.ApprovalGates;
import dev.steward.policies.Environment;
import dev.steward.registry.ChangeHistory;
import dev.steward.registry.Kind;
import dev.steward.registry.LineageGraph;
import dev.steward.registry.ListQuery;
import dev.steward.registry.ModelRegistry;
import dev.steward.registry.ModelVersion;
import dev.steward.registry.Page;
import dev.steward.registry.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The model list (search by name and tag, paged), a model's page and a version's page. */
@Controller
class ModelPages extends Pages {
  static final int MODELS_PER_PAGE = 25;
  static final int VERSIONS_PER_PAGE = 20;

  private final ModelRegistry registry;
  private final ChangeHistory history;
  private final LineageGraph lineage;
  private final Deployer deployer;
  private final ApprovalGates gates;
  private final DriftReports drift;

  ModelPages(ModelRegistry registry, ChangeHistory history, LineageGraph lineage, Deployer deployer,
      ApprovalGates gates, DriftReports drift) {
    this.registry = registry;
    this.history = history;
    this.lineage = lineage;
    this.deployer = deployer;
    this.gates = gates;
    this.drift = drift;
  }

  @GetMapping("/ui/models")
  String models(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "") String tag,
      @RequestParam(defaultValue = "0") int page, Model model) {
    model.addAttribute("q", q);
    model.addAttribute("tag", tag);
    Page<dev.steward.registry.Model> found = registry.list(Kind.MODEL, new ListQuery(q.isBlank() ? null : q.strip(),
        tag.isBlank() ? null : tag.strip(), page, MODELS_PER_PAGE), dev.steward.registry.Model.class);
    model.addAttribute("models", found);
    model.addAttribute("pages", Paging.of(found));
    return "ui/models";
  }

  /** What runs in one environment: desired and, on a cluster, observed and the rollout. */
  record Running(String environment, String target, @Nullable DeploymentStatus status) {}

  @GetMapping("/ui/models/{name}")
  String model(@PathVariable String name, @RequestParam(defaultValue = "0") int page, Model model) {
    dev.steward.registry.Model m = registry.model(name);
    Page<ModelVersion> versions = registry.versions(Kind.MODEL_VERSION, name,
        new ListQuery(null, null, page, VERSIONS_PER_PAGE), ModelVersion.class);
    List<Running> running = new ArrayList<>();
    for (DeploymentEnvironment env : deployer.environments().all()) {
      boolean deployed = deployer.deployments(env.name()).stream().anyMatch(d -> d.model().equals(name));
      running.add(new Running(env.name(), env.target().id(), deployed ? deployer.status(env.name(), name) : null));
    }
    model.addAttribute("model", m);
    model.addAttribute("versions", versions);
    model.addAttribute("pages", Paging.of(versions));
    model.addAttribute("aliases", registry.aliases(name));
    model.addAttribute("running", running);
    model.addAttribute("history", history.of(Kind.MODEL, name, 0, 30));
    model.addAttribute("promotions", gates.promotions(null, name, null, 0, 20).items());
    return "ui/model";
  }

  /** A metric of this version beside the version serving the last environment of the ladder. */
  record MetricRow(String name, @Nullable Double value, @Nullable Double serving, @Nullable Double delta) {}

  /** A reference with its pinned digest and whether that is still the digest of what is registered. */
  record ReferenceRow(String role, Reference reference, @Nullable String href, boolean verified) {}

  @GetMapping("/ui/models/{name}/versions/{version}")
  String version(@PathVariable String name, @PathVariable int version, Model model) {
    ModelVersion v = registry.get(Kind.MODEL_VERSION, name, version, ModelVersion.class);
    Environment last = gates.environments().ladder().getLast();
    Optional<Deployment> serving = deployer.deployments(last.name()).stream().filter(d -> d.model().equals(name))
        .findFirst();
    ModelVersion current = serving.map(d -> registry.get(Kind.MODEL_VERSION, name, d.version(), ModelVersion.class))
        .orElse(null);
    List<MetricRow> metrics = new ArrayList<>();
    TreeSet<String> names = new TreeSet<>(v.metrics().keySet());
    if (current != null) {
      names.addAll(current.metrics().keySet());
    }
    for (String metric : names) {
      Double mine = v.metrics().get(metric);
      Double theirs = current == null ? null : current.metrics().get(metric);
      metrics.add(new MetricRow(metric, mine, theirs, mine != null && theirs != null ? mine - theirs : null));
    }
    LineageGraph.Answer up = lineage.trace(Kind.MODEL_VERSION, name, version, LineageGraph.Direction.UPSTREAM);
    LineageGraph.Answer down = lineage.trace(Kind.MODEL_VERSION, name, version, LineageGraph.Direction.DOWNSTREAM);
    String rootId = LineageDrawing.id(up.root());
    List<ReferenceRow> references = new ArrayList<>();
    for (var edge : v.references()) {
      Reference r = edge.target();
      String target = edge.kind().id() + ":" + r.name() + "/" + r.version();
      boolean verified = up.edges().stream().anyMatch(e -> e.from().equals(rootId) && e.to().equals(target)
          && e.pinnedDigest().equals(r.digest()) && e.intact());
      references.add(new ReferenceRow(edge.role(), r, LineageDrawing.href(new LineageGraph.Node(edge.kind().id(),
          r.name(), r.version(), r.digest(), 1)), verified));
    }
    List<Deployment> in = deployer.deployments(null).stream()
        .filter(d -> d.model().equals(name) && d.version() == version).toList();
    model.addAttribute("version", v);
    model.addAttribute("servingEnvironment", last.name());
    model.addAttribute("serving", current);
    model.addAttribute("metrics", metrics);
    model.addAttribute("references", references);
    model.addAttribute("mlflowUrl", mlflowUrl(v));
    model.addAttribute("deployedIn", in);
    model.addAttribute("lineage", LineageDrawing.of(up, down));
    model.addAttribute("links", up.links());
    model.addAttribute("reports", drift.list(new DriftReports.Query(name, version, null, null, null, null, 0, 10)));
    model.addAttribute("promotions", gates.promotions(null, name, null, 0, 50).items().stream()
        .filter(p -> p.version() == version).toList());
    return "ui/version";
  }

  /** MLflow's page of the run, when the version came from MLflow and its tracking server is known. */
  static @Nullable String mlflowUrl(ModelVersion v) {
    if (v.mlflowRun() == null || v.mlflowRun().trackingUri() == null) {
      return null;
    }
    String base = v.mlflowRun().trackingUri();
    if (!base.startsWith("http://") && !base.startsWith("https://")) {
      return null;
    }
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/#/runs/" + v.mlflowRun().runId();
  }
}
