package dev.steward.ui.web;

import dev.steward.registry.Page;
import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Where a listing's page stands, with links to the previous and next page of the same query (null: none). */
record Paging(int page, int last, long total, @Nullable String previous, @Nullable String next) {

  /** For the current request: the links keep its query and change only {@code page}. */
  static Paging of(Page<?> page) {
    int last = page.total() == 0 ? 0 : (int) ((page.total() - 1) / page.size());
    return new Paging(page.page(), last, page.total(), page.page() > 0 ? link(page.page() - 1) : null,
        page.page() < last ? link(page.page() + 1) : null);
  }

  private static String link(int page) {
    return ServletUriComponentsBuilder.fromCurrentRequestUri().query(currentQuery()).replaceQueryParam("page", page)
        .build().toUriString().replaceFirst("^[a-z]+://[^/]+", "");
  }

  private static @Nullable String currentQuery() {
    var attributes = org.springframework.web.context.request.RequestContextHolder.getRequestAttributes();
    return attributes instanceof org.springframework.web.context.request.ServletRequestAttributes s
        ? s.getRequest().getQueryString() : null;
  }
}
