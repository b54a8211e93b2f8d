package dev.steward.server.access;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a principal may do: register (ml-engineer), approve promotions (reviewer), roll back (oncall),
 * register and approve policies (policy-admin), revoke consent for dataset versions (privacy-officer),
 * administer (admin), send traffic (ingest), deliver alerts (alertmanager).
 */
public enum Role {
  ML_ENGINEER("ml-engineer"),
  REVIEWER("reviewer"),
  ONCALL("oncall"),
  /** Registers policy versions and approves those of other policy admins (four eyes on governance). */
  POLICY_ADMIN("policy-admin"),
  /** Revokes consent for dataset versions (and reads everything, to answer for it); registers nothing else. */
  PRIVACY_OFFICER("privacy-officer"),
  ADMIN("admin"),
  /** A service that sends scored traffic and labels to the drift monitor, and nothing else. */
  INGEST("ingest"),
  /**
   * A retrain run's short-lived token: registers one version of its own model and reports its own run's status.
   * Never issued as an API token; Steward hands one to each run attempt ({@link RunTokenAccess}).
   */
  RETRAIN_RUN("retrain-run"),
  /** Alertmanager's webhook: delivers alerts to {@code POST /api/v1/alerts/alertmanager}, and nothing else. */
  ALERTMANAGER("alertmanager");

  private final String id;

  Role(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** Whether an admin may issue API tokens with this role. */
  public boolean issuable() {
    return this != RETRAIN_RUN;
  }

  public static Optional<Role> fromId(String id) {
    return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
  }
}
