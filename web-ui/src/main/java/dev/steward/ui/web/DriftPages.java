package dev.steward.ui.web;

import dev.steward.drift.traffic.DriftReport;
import dev.steward.drift.traffic.DriftReports;
import dev.steward.registry.Kind;
import dev.steward.registry.ModelRegistry;
import dev.steward.registry.ModelVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;

/**
 * Drift of one model version in one environment over the last windows: PSI per feature, null rate per feature and
 * calibration (ECE), each as a chart with its thresholds drawn, from the stored drift reports.
 */
@Controller
class DriftPages extends Pages {
  static final int WINDOWS = 30;
  private static final String BLUE = "#1d4ed8";
  private static final String GREY = "#475467";

  private final DriftReports reports;
  private final ModelRegistry registry;

  DriftPages(DriftReports reports, ModelRegistry registry) {
    this.reports = reports;
    this.registry = registry;
  }

  @GetMapping("/ui/drift/{model}/versions/{version}")
  String drift(@PathVariable String model, @PathVariable int version,
      @RequestParam(required = false) @Nullable String environment, Model page) {
    ModelVersion v = registry.get(Kind.MODEL_VERSION, model, version, ModelVersion.class);
    List<DriftReport> any = reports.list(new DriftReports.Query(model, version, null, null, null, null, 0, 200));
    Set<String> environments = new LinkedHashSet<>();
    any.forEach(r -> environments.add(r.stream().environment()));
    String env = environment != null && !environment.isBlank() ? environment
        : environments.stream().findFirst().orElse(null);
    List<DriftReport> windows = env == null ? List.of()
        : new ArrayList<>(reports.list(new DriftReports.Query(model, version, env, null, null, null, 0, WINDOWS)));
    java.util.Collections.reverse(windows);
    page.addAttribute("version", v);
    page.addAttribute("environments", environments);
    page.addAttribute("environment", env);
    page.addAttribute("windows", windows);
    page.addAttribute("latest", windows.isEmpty() ? null : windows.getLast());
    page.addAttribute("psi", windows.isEmpty() ? List.of() : featureCharts(windows, true));
    page.addAttribute("nulls", windows.isEmpty() ? List.of() : featureCharts(windows, false));
    page.addAttribute("calibration", windows.isEmpty() ? null : calibration(windows));
    return "ui/drift";
  }

  private static List<DriftChart> featureCharts(List<DriftReport> windows, boolean psi) {
    Map<String, List<DriftChart.Value>> byFeature = new LinkedHashMap<>();
    Map<String, List<DriftChart.Value>> reference = new LinkedHashMap<>();
    for (DriftReport r : windows) {
      for (JsonNode f : r.document().path("features")) {
        String name = f.path("name").asString();
        byFeature.computeIfAbsent(name, n -> new ArrayList<>());
        reference.computeIfAbsent(name, n -> new ArrayList<>());
      }
    }
    for (DriftReport r : windows) {
      Map<String, JsonNode> features = new LinkedHashMap<>();
      r.document().path("features").forEach(f -> features.put(f.path("name").asString(), f));
      for (String name : byFeature.keySet()) {
        JsonNode f = features.get(name);
        byFeature.get(name).add(new DriftChart.Value(r.windowStart(), f == null ? null
            : number(psi ? f.path("psi") : f.path("nullRate").path("currentRate"))));
        reference.get(name).add(new DriftChart.Value(r.windowStart(), f == null ? null
            : number(f.path("nullRate").path("referenceRate"))));
      }
    }
    JsonNode limits = windows.getLast().document().path("thresholds");
    List<DriftChart> charts = new ArrayList<>();
    for (String name : byFeature.keySet()) {
      if (psi) {
        charts.add(DriftChart.of("PSI of " + name, List.of("PSI"), List.of(byFeature.get(name)), List.of(BLUE),
            List.of(false), List.of("psi_warn", "psi_alert"),
            List.of(number(limits.path("psiWarn")), number(limits.path("psiAlert")))));
      } else {
        Double delta = number(limits.path("nullRateDeltaAlert"));
        List<DriftChart.Value> ref = reference.get(name);
        Double refRate = ref.isEmpty() ? null : ref.getLast().value();
        charts.add(DriftChart.of("Null rate of " + name, List.of("current", "reference"),
            List.of(byFeature.get(name), ref), List.of(BLUE, GREY), List.of(false, true),
            List.of("reference + null_rate_delta_alert"),
            java.util.Collections.singletonList(delta == null || refRate == null ? null : refRate + delta)));
      }
    }
    return charts;
  }

  private static DriftChart calibration(List<DriftReport> windows) {
    List<DriftChart.Value> ece = new ArrayList<>();
    List<DriftChart.Value> reference = new ArrayList<>();
    for (DriftReport r : windows) {
      JsonNode c = r.document().path("calibration");
      ece.add(new DriftChart.Value(r.windowStart(), number(c.path("ece"))));
      reference.add(new DriftChart.Value(r.windowStart(), number(c.path("referenceEce"))));
    }
    JsonNode last = windows.getLast().document();
    Double alert = number(last.path("calibration").path("eceAlertThreshold"));
    Double fixed = number(last.path("thresholds").path("eceAlert"));
    return DriftChart.of("Expected calibration error (ECE)", List.of("ECE", "reference ECE"), List.of(ece, reference),
        List.of(BLUE, GREY), List.of(false, true), List.of("ece_alert", "alert threshold"),
        java.util.Arrays.asList(fixed, alert));
  }

  private static @Nullable Double number(JsonNode n) {
    return n.isNumber() ? n.asDouble() : null;
  }
}
