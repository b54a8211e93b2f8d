package dev.steward.ui.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every page controller shares: the viewer in the model, and refusals rendered as a page with the status the
 * API gives the same refusal. A controller's own exception handlers outrank the modules' problem-detail advice,
 * which would answer a page with JSON.
 */
abstract class Pages {
  private static final Logger LOG = LoggerFactory.getLogger(Pages.class);

  @ModelAttribute("viewer")
  Viewer viewer(HttpServletRequest request) {
    return Viewer.of(request);
  }

  @ExceptionHandler
  ModelAndView refused(RuntimeException e, HttpServletRequest request, HttpServletResponse response) {
    Problem problem = switch (e) {
      case MethodArgumentTypeMismatchException m -> new Problem(400, "Invalid input", "'" + m.getValue()
          + "' is not a valid " + m.getName() + ".", java.util.List.of());
      default -> Problem.of(e);
    };
    if (problem.status() >= 500) {
      LOG.error("Page {} {} failed.", request.getMethod(), request.getRequestURI(), e);
    }
    return problemPage(problem, request);
  }

  @ExceptionHandler
  ModelAndView missing(MissingServletRequestParameterException e, HttpServletRequest request) {
    return problemPage(new Problem(400, "Invalid input", "The form lacks " + e.getParameterName() + ".",
        java.util.List.of()), request);
  }

  static ModelAndView problemPage(Problem problem, HttpServletRequest request) {
    ModelAndView page = new ModelAndView("ui/problem", Map.of("problem", problem, "viewer", Viewer.of(request)));
    page.setStatus(org.springframework.http.HttpStatusCode.valueOf(problem.status()));
    return page;
  }
}
