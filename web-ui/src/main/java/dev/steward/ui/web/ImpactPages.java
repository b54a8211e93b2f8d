package dev.steward.ui.web;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.steward.deployer.Deployer;
import dev.steward.deployer.Deployment;
import dev.steward.registry.InvalidRequest;
import dev.steward.registry.Kind;
import dev.steward.registry.LineageGraph;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Everything downstream of an entity version: for a dataset version, the consent-revocation question (which feature
 * sets, model versions and deployments are built on it), on the page and as CSV.
 */
@Controller
class ImpactPages extends Pages {
  private final LineageGraph lineage;
  private final Deployer deployer;

  ImpactPages(LineageGraph lineage, Deployer deployer) {
    this.lineage = lineage;
    this.deployer = deployer;
  }

  /** One affected entity version, how far it is from the root, what links it, and where it is deployed. */
  record Affected(String kind, String name, int version, int depth, @Nullable String digest, String via,
      List<String> deployedIn, @Nullable String href) {}

  @GetMapping("/ui/impact/{kind}/{name}/versions/{version}")
  String impact(@PathVariable String kind, @PathVariable String name, @PathVariable int version, Model model) {
    Kind k = kind(kind);
    LineageGraph.Answer down = lineage.trace(k, name, version, LineageGraph.Direction.DOWNSTREAM);
    List<Affected> affected = affected(down);
    model.addAttribute("kind", k.id());
    model.addAttribute("name", name);
    model.addAttribute("version", version);
    model.addAttribute("root", down.root());
    model.addAttribute("affected", affected);
    model.addAttribute("deployments", affected.stream().mapToLong(a -> a.deployedIn().size()).sum());
    model.addAttribute("models", affected.stream().filter(a -> a.kind().equals("model-version")).count());
    model.addAttribute("lineage", LineageDrawing.of(null, down));
    model.addAttribute("links", down.links());
    return "ui/impact";
  }

  @GetMapping("/ui/impact/{kind}/{name}/versions/{version}/impact.csv")
  void csv(@PathVariable String kind, @PathVariable String name, @PathVariable int version,
      HttpServletResponse response) throws IOException {
    Kind k = kind(kind);
    LineageGraph.Answer down = lineage.trace(k, name, version, LineageGraph.Direction.DOWNSTREAM);
    response.setContentType("text/csv;charset=UTF-8");
    response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "-" + version + "-impact.csv\"");
    Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
    try (CsvWriter csv = CsvWriter.builder().build(out)) {
      csv.writeRecord("kind", "name", "version", "depth", "digest", "via", "deployed_in");
      for (Affected a : affected(down)) {
        csv.writeRecord(a.kind(), a.name(), String.valueOf(a.version()), String.valueOf(a.depth()),
            a.digest() == null ? "" : a.digest(), a.via(), String.join(" ", a.deployedIn()));
      }
    }
  }

  private List<Affected> affected(LineageGraph.Answer down) {
    List<Deployment> deployments = deployer.deployments(null);
    List<Affected> affected = new ArrayList<>();
    for (LineageGraph.Node n : down.nodes()) {
      if (n.depth() == 0) {
        continue;
      }
      String id = LineageDrawing.id(n);
      String via = String.join(" ", down.edges().stream().filter(e -> e.from().equals(id))
          .map(e -> e.role() + " " + e.to().substring(e.to().indexOf(':') + 1)).distinct().toList());
      List<String> in = n.kind().equals("model-version") ? deployments.stream()
          .filter(d -> d.model().equals(n.name()) && d.version() == n.version()).map(Deployment::environment).toList()
          : List.of();
      affected.add(new Affected(n.kind(), n.name(), n.version(), n.depth(), n.digest(), via, in,
          LineageDrawing.href(n)));
    }
    return affected;
  }

  private static Kind kind(String kind) {
    Kind k = Kind.fromId(kind);
    if (!k.versioned() || k == Kind.MODEL) {
      throw new InvalidRequest("kind", "'" + kind + "' has no versions to trace");
    }
    return k;
  }
}
