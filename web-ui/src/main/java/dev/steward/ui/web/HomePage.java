package dev.steward.ui.web;

import dev.steward.deployer.Deployer;
import dev.steward.deployer.Deployment;
import dev.steward.deployer.DeploymentStatus;
import dev.steward.deployer.Target;
import dev.steward.drift.traffic.DriftReports;
import dev.steward.drift.traffic.DriftStatus;
import dev.steward.policies.ApprovalGates;
import dev.steward.policies.Promotion;
import dev.steward.policies.PromotionState;
import dev.steward.registry.Kind;
import dev.steward.registry.ModelRegistry;
import dev.steward.registry.ModelVersion;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** "What needs me": pending decisions for reviewers, trouble for on-call, an engineer's latest versions. */
@Controller
class HomePage extends Pages {
  static final Duration RECENT = Duration.ofDays(7);
  private static final Set<String> FAILED = Set.of("aborted", "failed");

  private final ApprovalGates gates;
  private final Deployer deployer;
  private final DriftReports drift;
  private final ModelRegistry registry;
  private final Clock clock;

  HomePage(ApprovalGates gates, Deployer deployer, DriftReports drift, ModelRegistry registry) {
    this.gates = gates;
    this.deployer = deployer;
    this.drift = drift;
    this.registry = registry;
    this.clock = Clock.systemUTC();
  }

  @GetMapping("/")
  String root() {
    return "redirect:/ui";
  }

  /** A pending promotion with what stops the viewer from approving it, if anything. */
  record Pending(Promotion promotion, String blockedBy, String cannotApprove) {}

  /** A version the viewer registered, and where it stands. */
  record Standing(ModelVersion version, List<String> deployedIn, List<Promotion> promotions) {}

  /** A rollout that failed or cannot proceed. */
  record Trouble(Deployment deployment, String state, String why) {}

  @GetMapping("/ui")
  String home(Model model, jakarta.servlet.http.HttpServletRequest request) {
    Viewer viewer = Viewer.of(request);
    Instant since = clock.instant().minus(RECENT);
    if (viewer.reviewer()) {
      List<Pending> pending = new ArrayList<>();
      for (Promotion p : gates.promotions(PromotionState.PENDING, null, null, 0, 50).items()) {
        String blocked = p.evaluation() == null ? "" : String.join(", ", p.evaluation().blockedBy());
        String author = registry.get(Kind.MODEL_VERSION, p.model(), p.version(), ModelVersion.class).registeredBy();
        pending.add(new Pending(p, blocked, cannotApprove(p, author, viewer)));
      }
      model.addAttribute("pending", pending);
    }
    if (viewer.oncall()) {
      List<Deployment> all = deployer.deployments(null);
      List<Trouble> trouble = new ArrayList<>();
      for (Deployment d : all) {
        if (d.target() != Target.CLUSTER) {
          continue;
        }
        DeploymentStatus s = deployer.status(d.environment(), d.model());
        if (s.rollout() != null && (FAILED.contains(s.rollout().state()) || s.rollout().lastError() != null)) {
          trouble.add(new Trouble(d, s.rollout().state(), s.rollout().lastError() != null ? s.rollout().lastError()
              : s.rollout().lastTransition().message()));
        }
      }
      model.addAttribute("trouble", trouble);
      model.addAttribute("rollbacks", all.stream()
          .filter(d -> d.action() == Deployment.Action.ROLLBACK && d.writtenAt().isAfter(since)).toList());
      model.addAttribute("alerts", drift.list(new DriftReports.Query(null, null, null, DriftStatus.ALERT, since, null,
          0, 20)));
    }
    if (viewer.engineer()) {
      List<Deployment> all = deployer.deployments(null);
      List<Standing> mine = new ArrayList<>();
      for (ModelVersion v : registry.versionsRegisteredBy(viewer.name(), 10)) {
        List<String> in = all.stream().filter(d -> d.model().equals(v.name()) && d.version() == v.version())
            .map(Deployment::environment).toList();
        List<Promotion> promotions = gates.promotions(null, v.name(), null, 0, 20).items().stream()
            .filter(p -> p.version() == v.version()).toList();
        mine.add(new Standing(v, in, promotions));
      }
      model.addAttribute("mine", mine);
    }
    return "ui/home";
  }

  /** Why the viewer may not approve {@code p} (four eyes: its requester or the version's author), or empty. */
  static String cannotApprove(Promotion p, String author, Viewer viewer) {
    if (p.requestedBy().equals(viewer.name())) {
      return "You requested this promotion, so someone else must approve it (four eyes).";
    }
    if (author.equals(viewer.name())) {
      return "You registered " + p.model() + " version " + p.version()
          + ", so someone else must approve its promotion (four eyes).";
    }
    return "";
  }
}
