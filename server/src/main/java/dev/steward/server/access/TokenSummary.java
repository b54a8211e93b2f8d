package dev.steward.server.access;

import java.time.Instant;
import java.util.List;

/** An issued token as an admin sees it in a listing: never the token, never its hash. */
public record TokenSummary(String id, String principal, List<String> roles, String issuedBy, Instant issuedAt) {}
