package dev.steward.ui.web;

import dev.steward.policies.ApprovalGates;
import dev.steward.policies.DriftStatus;
import dev.steward.policies.Promotion;
import dev.steward.policies.PromotionState;
import dev.steward.policies.RuleResult;
import dev.steward.registry.Kind;
import dev.steward.registry.ModelRegistry;
import dev.steward.registry.ModelVersion;
import dev.steward.registry.Page;
import dev.steward.ui.ActionRoles;
import dev.steward.ui.PageActions;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Promotions: the list, and one promotion with every rule's result and why, the metrics against the serving
 * version, the drift status, the decisions so far, and the approve or reject form. Deciding goes through
 * {@link ApprovalGates#decide}, as {@code POST /api/v1/promotions/{id}/decisions} does: the same four-eyes checks,
 * the same commit.
 */
@Controller
class PromotionPages extends Pages {
  private static final Logger LOG = LoggerFactory.getLogger(PromotionPages.class);

  private final ApprovalGates gates;
  private final ModelRegistry registry;
  private final DriftStatus drift;
  private final ActionRoles roles;

  PromotionPages(ApprovalGates gates, ModelRegistry registry, DriftStatus drift, ActionRoles roles) {
    this.gates = gates;
    this.registry = registry;
    this.drift = drift;
    this.roles = roles;
  }

  @GetMapping("/ui/promotions")
  String promotions(@RequestParam(defaultValue = "pending") String state, @RequestParam(defaultValue = "0") int page,
      Model model) {
    PromotionState filter = state.equals("all") ? null : PromotionState.fromId(state);
    Page<Promotion> found = gates.promotions(filter, null, null, page, 25);
    model.addAttribute("state", state);
    model.addAttribute("promotions", found);
    model.addAttribute("pages", Paging.of(found));
    return "ui/promotions";
  }

  @GetMapping("/ui/promotions/{id}")
  ModelAndView promotion(@PathVariable String id, HttpServletRequest request) {
    return page(id, Viewer.of(request), null, null, 200);
  }

  @PostMapping("/ui/promotions/{id}/decision")
  ModelAndView decide(@PathVariable String id, @RequestParam(defaultValue = "") String decision,
      @RequestParam(defaultValue = "") String comment, HttpServletRequest request, RedirectAttributes redirect) {
    Viewer viewer = Viewer.of(request);
    try {
      Promotion decided = gates.decide(id, viewer.actor(), decision.isBlank() ? null : decision,
          comment.isBlank() ? null : comment);
      String outcome = switch (decided.state()) {
        case APPROVED -> "Approved: the promotion passed its policy and the desired deployment is written.";
        case REJECTED -> "Rejected: " + (decided.closedReason() == null ? "closed" : decided.closedReason()) + ".";
        default -> "Your " + decision + " is recorded; the promotion still waits for "
            + (decided.evaluation() == null ? "its policy" : String.join(", ", decided.evaluation().blockedBy())) + ".";
      };
      redirect.addFlashAttribute("notice", outcome);
      return new ModelAndView("redirect:/ui/promotions/" + id);
    } catch (RuntimeException e) {
      Problem problem = Problem.of(e);
      if (problem.status() >= 500) {
        throw e;
      }
      LOG.info("{}'s {} of promotion {} was refused: {}", viewer.name(), decision, id, e.getMessage());
      return page(id, viewer, problem, comment, problem.status());
    }
  }

  /** A rule's result as a reviewer reads it. */
  record RuleRow(String id, @Nullable String description, String severity, String outcome, String explanation,
      boolean blocks) {}

  private ModelAndView page(String id, Viewer viewer, @Nullable Problem problem, @Nullable String comment,
      int status) {
    Promotion p = gates.promotion(id);
    ModelVersion version = registry.get(Kind.MODEL_VERSION, p.model(), p.version(), ModelVersion.class);
    List<RuleRow> rules = new ArrayList<>();
    if (p.evaluation() != null) {
      for (RuleResult r : p.evaluation().results()) {
        rules.add(new RuleRow(r.id(), r.description(), r.severity().id(), r.outcome().id(), r.explanation(),
            r.blocks()));
      }
    }
    List<String> allowed = roles.rolesFor(PageActions.DECIDE);
    List<String> cannotApprove = new ArrayList<>();
    if (!viewer.hasAny(allowed)) {
      cannotApprove.add("Deciding needs one of the roles " + String.join(", ", allowed) + "; you have "
          + viewer.roleList() + ".");
    }
    if (p.requestedBy().equals(viewer.name())) {
      cannotApprove.add("You requested this promotion, so you may not approve it: someone else must (four eyes).");
    }
    if (version.registeredBy().equals(viewer.name())) {
      cannotApprove.add("You registered " + p.model() + " version " + p.version()
          + ", so you may not approve its promotion: someone else must (four eyes).");
    }
    if (p.decidedBy(viewer.name())) {
      cannotApprove.add("You already decided on this promotion.");
    }
    Map<String, Object> driftStatus = drift.latest(p.environment(), p.model(), p.comparison().deployedVersion());
    ModelAndView page = new ModelAndView("ui/promotion");
    page.addObject("viewer", viewer);
    page.addObject("promotion", p);
    page.addObject("version", version);
    page.addObject("rules", rules);
    page.addObject("cannotApprove", cannotApprove);
    page.addObject("canDecide", viewer.hasAny(allowed) && !p.decidedBy(viewer.name()));
    page.addObject("pending", p.state() == PromotionState.PENDING);
    page.addObject("driftStatus", driftStatus);
    page.addObject("problem", problem);
    page.addObject("comment", comment == null ? "" : comment);
    page.setStatus(HttpStatusCode.valueOf(status));
    return page;
  }
}
