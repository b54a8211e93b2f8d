package dev.steward.retrain;

/**
 * Checks the short-lived tokens Steward hands to each run attempt ({@code stwr_...}), for the server's
 * authentication. A valid token may register one version of its run's model and report its run's status;
 * the server enforces which calls, this interface which run and whether its one version is taken.
 *
 * <pre>{@code
 * switch (runTokens.authenticate(bearer)) {
 *   case RunAuthentication.Valid v -> ...   // v.identity().model(), v.identity().runId()
 *   case RunAuthentication.Ended e -> ...   // 401 saying e.reason()
 *   case RunAuthentication.Unknown u -> ... // 401
 * }
 * }</pre>
 */
public interface RunTokens {
  /** The prefix that tells a run token from an API token. */
  String PREFIX = "stwr_";

  RunAuthentication authenticate(String token);

  /**
   * Reserves the one model version the run may register, before the registration: false when the run has
   * registered one already or another registration of it is under way.
   */
  boolean claimRegistration(String runId);

  /**
   * Reserves the one version retrain run {@code runId} may produce, as a version of {@code model}, for a
   * registration that names the run some other way than through its token (an MLflow import of a run tagged
   * {@code steward.retrain_run}): the run must exist and retrain {@code model}. The reservation is the one
   * {@link #claimRegistration} takes, so a run produces one version whichever way it is named.
   */
  VersionClaim claimVersion(String runId, String model);

  /** Gives the reservation back when the registration was refused. */
  void releaseRegistration(String runId);
}
