package dev.steward.ui;

import java.util.List;
import java.util.Optional;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Every form of the pages that changes something. All are {@code POST}; reading a page needs what reading
 * the API needs ({@link #READ}).
 */
public final class PageActions {
  /** Reading any page: what {@code GET /api/v1/models} needs. */
  public static final PageAction READ = new PageAction("/ui/**", "GET", "/api/v1/models", "reading");
  public static final PageAction DECIDE = new PageAction("/ui/promotions/*/decision", "POST",
      "/api/v1/promotions/{id}/decisions", "deciding on a promotion");
  public static final PageAction ROLLBACK = new PageAction("/ui/oncall/*/*/rollback", "POST",
      "/api/v1/deployments/{environment}/{model}/rollback", "rolling back");

  public static final List<PageAction> ALL = List.of(DECIDE, ROLLBACK);

  /** Where the server forwards a refused page request, with {@link #DENIED_REASON} set to why in words. */
  public static final String DENIED_PAGE = "/ui/denied";
  public static final String DENIED_REASON = "dev.steward.ui.denied.reason";

  private PageActions() {}

  /** The action a form post to {@code path} stands for, if any. */
  public static Optional<PageAction> of(String path) {
    PathContainer p = PathContainer.parsePath(path);
    return ALL.stream().filter(a -> PathPatternParser.defaultInstance.parse(a.page()).matches(p)).findFirst();
  }
}
