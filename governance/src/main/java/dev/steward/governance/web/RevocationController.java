package dev.steward.governance.web;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.steward.governance.ImpactItem;
import dev.steward.governance.Mark;
import dev.steward.governance.Revocation;
import dev.steward.governance.RevocationReport;
import dev.steward.governance.RevocationRequest;
import dev.steward.governance.Revocations;
import dev.steward.governance.RevokedInputServing;
import dev.steward.registry.InvalidRequest;
import dev.steward.registry.Page;
import dev.steward.registry.Ref;
import java.io.StringWriter;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Consent revocations: {@code POST /api/v1/datasets/{name}/versions/{version}/revocations} (role
 * {@code ml-engineer}, {@code privacy-officer} or {@code admin}; one commit), the impact report as JSON or, with
 * {@code Accept: text/csv}, as CSV for an auditor, a preview of the impact, the marks beside a model version, and
 * the deployments serving a version with revoked inputs (the on-call board).
 */
@RestController
@RequestMapping("/api/v1")
class RevocationController {
  private static final MediaType CSV = MediaType.parseMediaType("text/csv");

  private final Revocations revocations;

  RevocationController(Revocations revocations) {
    this.revocations = revocations;
  }

  @PostMapping("/datasets/{name}/versions/{version}/revocations")
  ResponseEntity<RevocationReport> revoke(@PathVariable String name, @PathVariable int version,
      @RequestBody RevocationRequest request, Principal actor) {
    Revocation r = revocations.revoke(actor.getName(), name, version, request);
    return ResponseEntity.created(URI.create("/api/v1/datasets/" + name + "/versions/" + version + "/revocations/"
        + r.id())).body(revocations.report(name, version, r.id()));
  }

  @GetMapping("/datasets/{name}/versions/{version}/revocations")
  Page<Revocation> revocations(@PathVariable String name, @PathVariable int version,
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
    return revocations.revocations(name, version, page, size);
  }

  @GetMapping(path = "/datasets/{name}/versions/{version}/revocations/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  RevocationReport report(@PathVariable String name, @PathVariable int version, @PathVariable String id) {
    return revocations.report(name, version, id);
  }

  /** The report as CSV: one line per impact item, then one per commit of the revocation's file. */
  @GetMapping(path = "/datasets/{name}/versions/{version}/revocations/{id}", produces = "text/csv")
  ResponseEntity<String> reportCsv(@PathVariable String name, @PathVariable int version, @PathVariable String id) {
    RevocationReport report = revocations.report(name, version, id);
    Revocation r = report.revocation();
    StringWriter out = new StringWriter();
    try (CsvWriter csv = CsvWriter.builder().build(out)) {
      csv.writeRecord("revocation", "dataset", "dataset_version", "kind", "name", "version", "environment", "digest",
          "why", "action", "detail", "at");
      for (ImpactItem i : r.impact()) {
        csv.writeRecord(r.id(), r.dataset().name(), String.valueOf(r.dataset().version()), i.kind(), i.name(),
            text(i.version()), text(i.environment()), text(i.digest()), i.why(), i.action(), i.detail(), text(i.at()));
      }
      for (RevocationReport.CommitEntry c : report.commits()) {
        csv.writeRecord(r.id(), r.dataset().name(), String.valueOf(r.dataset().version()), "commit", c.actor(), "", "",
            "", "commit of " + r.path(), c.action(), c.commit(), c.at().toString());
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return ResponseEntity.ok().contentType(CSV)
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"revocation-" + r.id() + ".csv\"")
        .body(out.toString());
  }

  /** What revoking the version would reach now (nothing is recorded); {@code successor} as {@code name@version}. */
  @GetMapping("/datasets/{name}/versions/{version}/impact")
  List<ImpactItem> impact(@PathVariable String name, @PathVariable int version,
      @Nullable @RequestParam(required = false) String successor) {
    return revocations.impact(name, version, successor == null ? null : ref("successor", successor));
  }

  @GetMapping("/revocations")
  Page<Revocation> all(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
    return revocations.revocations(null, null, page, size);
  }

  /** The on-call board's list: deployments serving a model version whose inputs were revoked. */
  @GetMapping("/revocations/serving")
  List<RevokedInputServing> serving() {
    return revocations.servingRevokedInputs();
  }

  @GetMapping("/models/{name}/versions/{version}/marks")
  List<Mark> marks(@PathVariable String name, @PathVariable int version) {
    return revocations.marks(name, version);
  }

  private static Ref ref(String field, String text) {
    int at = text.lastIndexOf('@');
    if (at <= 0) {
      throw new InvalidRequest(field, "'" + text + "' is not name@version, for example churn-events@2");
    }
    try {
      return new Ref(text.substring(0, at), Integer.parseInt(text.substring(at + 1)));
    } catch (NumberFormatException e) {
      throw new InvalidRequest(field, "'" + text + "' is not name@version, for example churn-events@2");
    }
  }

  private static String text(@Nullable Object value) {
    return value == null ? "" : value.toString();
  }
}
