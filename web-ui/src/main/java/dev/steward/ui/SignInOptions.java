package dev.steward.ui;

import java.util.List;

/** The identity providers the sign-in page offers beside the API token form (OIDC login, when configured). */
@FunctionalInterface
public interface SignInOptions {

  List<Provider> providers();

  /** A provider's name as people know it, and where its sign-in starts ({@code /oauth2/authorization/<id>}). */
  record Provider(String name, String url) {}

  SignInOptions NONE = List::of;
}
