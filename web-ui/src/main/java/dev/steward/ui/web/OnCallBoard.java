package dev.steward.ui.web;

import dev.steward.deployer.Deployer;
import dev.steward.deployer.Deployment;
import dev.steward.deployer.DeploymentEnvironment;
import dev.steward.deployer.DeploymentStatus;
import dev.steward.deployer.Rollback;
import dev.steward.registry.InvalidRequest;
import dev.steward.registry.RegistryConflict;
import dev.steward.ui.ActionRoles;
import dev.steward.ui.LastAlerts;
import dev.steward.ui.PageActions;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The on-call board: every environment and model with the version serving, canary progress, the last alert and what
 * was done, and a rollback that needs a reason and a confirmation. Rolling back goes through
 * {@link Deployer#rollback}, as {@code POST /api/v1/deployments/{env}/{model}/rollback} does: one commit naming the
 * person.
 */
@Controller
class OnCallBoard extends Pages {
  private static final Logger LOG = LoggerFactory.getLogger(OnCallBoard.class);

  private final Deployer deployer;
  private final LastAlerts alerts;
  private final ActionRoles roles;

  OnCallBoard(Deployer deployer, ObjectProvider<LastAlerts> alerts, ActionRoles roles) {
    this.deployer = deployer;
    this.alerts = alerts.getIfAvailable(() -> new DeploymentEvents(deployer));
    this.roles = roles;
  }

  /** One model in one environment, as the board shows it. */
  record Row(Deployment deployment, DeploymentStatus status, LastAlerts.@Nullable LastAlert lastAlert,
      @Nullable Integer rollbackTo) {}

  @GetMapping("/ui/oncall")
  ModelAndView board(HttpServletRequest request) {
    return board(Viewer.of(request), null, null, null, 200);
  }

  @PostMapping("/ui/oncall/{environment}/{model}/rollback")
  ModelAndView rollback(@PathVariable String environment, @PathVariable String model,
      @RequestParam(defaultValue = "") String reason, @RequestParam(defaultValue = "") String confirm,
      HttpServletRequest request, RedirectAttributes redirect) {
    Viewer viewer = Viewer.of(request);
    String key = environment + "/" + model;
    try {
      if (reason.isBlank()) {
        throw new InvalidRequest("reason", "a rollback needs a reason (what went wrong), for the audit trail and the "
            + "next person on call");
      }
      Deployment current = deployer.deployment(environment, model);
      Integer target = rollbackTarget(environment, model, current);
      if (target == null) {
        throw new RegistryConflict("model " + model + " has no earlier version in " + environment + " to roll back to");
      }
      if (!confirm.equals("yes")) {
        ModelAndView page = new ModelAndView("ui/rollback");
        page.addObject("viewer", viewer);
        page.addObject("deployment", current);
        page.addObject("target", target);
        page.addObject("reason", reason.strip());
        return page;
      }
      Rollback done = deployer.rollback(environment, model, viewer.name(), reason.strip());
      List<Deployer.HistoryEntry> changes = deployer.changes(environment, model);
      String commit = changes.getLast().commitId();
      redirect.addFlashAttribute("notice", done.changed()
          ? "Rolled back " + model + " in " + environment + " to version " + done.deployment().version()
              + " (commit " + commit.substring(0, 12) + ", by " + viewer.name() + ")."
          : model + " in " + environment + " was already rolled back to version " + done.deployment().version()
              + "; nothing changed.");
      return new ModelAndView("redirect:/ui/oncall");
    } catch (RuntimeException e) {
      Problem problem = Problem.of(e);
      if (problem.status() >= 500) {
        throw e;
      }
      LOG.info("{}'s rollback of {} was refused: {}", viewer.name(), key, e.getMessage());
      return board(viewer, problem, key, reason, problem.status());
    }
  }

  private ModelAndView board(Viewer viewer, @Nullable Problem problem, @Nullable String failedKey,
      @Nullable String reason, int status) {
    List<String> environments = new ArrayList<>();
    List<Row> rows = new ArrayList<>();
    for (DeploymentEnvironment env : deployer.environments().all()) {
      environments.add(env.name());
      for (Deployment d : deployer.deployments(env.name())) {
        rows.add(new Row(d, deployer.status(env.name(), d.model()), alerts.last(env.name(), d.model()).orElse(null),
            rollbackTarget(env.name(), d.model(), d)));
      }
    }
    List<String> allowed = roles.rolesFor(PageActions.ROLLBACK);
    ModelAndView page = new ModelAndView("ui/oncall");
    page.addObject("viewer", viewer);
    page.addObject("environments", environments);
    page.addObject("rows", rows);
    page.addObject("canRollBack", viewer.hasAny(allowed));
    page.addObject("rollbackRoles", String.join(", ", allowed));
    page.addObject("problem", problem);
    page.addObject("failedKey", failedKey == null ? "" : failedKey);
    page.addObject("reason", reason == null ? "" : reason);
    page.setStatus(HttpStatusCode.valueOf(status));
    return page;
  }

  /** The version a rollback would restore: the last desired before the current one that differs; null if none. */
  private @Nullable Integer rollbackTarget(String environment, String model, Deployment current) {
    if (current.action() == Deployment.Action.ROLLBACK) {
      return null;
    }
    List<Deployer.HistoryEntry> changes = deployer.changes(environment, model);
    Optional<Deployer.HistoryEntry> before = java.util.stream.IntStream.iterate(changes.size() - 1, i -> i >= 0, i -> i - 1)
        .mapToObj(changes::get).filter(h -> h.version() != current.version()).findFirst();
    return before.map(Deployer.HistoryEntry::version).orElse(null);
  }
}
