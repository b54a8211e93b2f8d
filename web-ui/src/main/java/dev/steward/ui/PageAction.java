package dev.steward.ui;

import java.util.Objects;

/**
 * A form on a page that changes something, and the REST call it stands for: the page calls the same module
 * API, and the server lets the form through only for the roles that REST call needs.
 *
 * @param page the form's target, as a path pattern ({@code /ui/promotions/*}{@code /decision})
 * @param apiMethod the method of the REST call, for example {@code POST}
 * @param api the REST call's path pattern, for example {@code /api/v1/promotions/{id}/decisions}
 * @param what what the form does, in words, for messages
 */
public record PageAction(String page, String apiMethod, String api, String what) {
  public PageAction {
    Objects.requireNonNull(page, "page");
    Objects.requireNonNull(apiMethod, "apiMethod");
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(what, "what");
  }
}
