package dev.steward.server.access;

import java.util.Set;

/** Who is calling: the principal a token was issued to, the roles it carries, and the token's id. */
public record Identity(String principal, Set<Role> roles, String tokenId) {}
