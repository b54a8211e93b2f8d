package dev.steward.ui.web;

import jakarta.servlet.http.HttpServletRequest;
import dev.steward.ui.PageActions;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The page for a refused page request, which the server forwards here: a form without its CSRF token (an old page,
 * or another site's), or roles that do not allow what the page does. Nothing was changed.
 */
@Controller
class DeniedPage {
  @RequestMapping("/ui/denied")
  @ResponseStatus(HttpStatus.FORBIDDEN)
  String denied(HttpServletRequest request, Model model) {
    Object reason = request.getAttribute(PageActions.DENIED_REASON);
    model.addAttribute("problem", new Problem(403, "Not allowed", reason == null
        ? "Your roles do not allow this. Nothing was changed." : reason.toString(), List.of()));
    model.addAttribute("viewer", request.getUserPrincipal() == null ? null : Viewer.of(request));
    return "ui/problem";
  }
}
