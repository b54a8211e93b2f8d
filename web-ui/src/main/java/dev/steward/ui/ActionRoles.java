package dev.steward.ui;

import java.util.List;

/**
 * Which roles may do what a page action does: those of the REST call it stands for. The server answers from its
 * access table, so pages show (and enforce) exactly what the API enforces.
 */
@FunctionalInterface
public interface ActionRoles {

  /** The role ids any one of which allows {@code action}, for example {@code [reviewer, admin]}. */
  List<String> rolesFor(PageAction action);
}
