package dev.steward.ui.web;

import dev.steward.ui.SignInOptions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in page: an API token form (always), and a link per configured OIDC provider. The server's security
 * configuration handles the form post and the OIDC flow; this page only shows them and says why a sign-in failed.
 */
@Controller
class SignInPage {
  /** Where Spring Security leaves the failure of the last sign-in in the session. */
  static final String LAST_FAILURE = "SPRING_SECURITY_LAST_EXCEPTION";

  private final SignInOptions options;

  SignInPage(ObjectProvider<SignInOptions> options) {
    this.options = options.getIfAvailable(() -> SignInOptions.NONE);
  }

  @GetMapping("/login")
  String signIn(HttpServletRequest request, Model model) {
    String failure = null;
    if (request.getParameter("error") != null) {
      HttpSession session = request.getSession(false);
      Object last = session == null ? null : session.getAttribute(LAST_FAILURE);
      failure = last instanceof Exception e && e.getMessage() != null ? e.getMessage()
          : "Sign-in failed. Try again.";
      if (session != null) {
        session.removeAttribute(LAST_FAILURE);
      }
    }
    model.addAttribute("failure", failure);
    model.addAttribute("signedOut", request.getParameter("logout") != null);
    model.addAttribute("expired", request.getParameter("expired") != null);
    model.addAttribute("providers", options.providers());
    return "ui/login";
  }
}
