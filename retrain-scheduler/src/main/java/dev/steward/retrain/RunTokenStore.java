package dev.steward.retrain;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Run tokens checked against the index: hashed in the run's file, counting while their attempt is open. */
class RunTokenStore implements RunTokens {
  private final RetrainIndex index;
  private final JdbcClient jdbc;
  private final Clock clock;

  RunTokenStore(RetrainIndex index, JdbcClient jdbc, Clock clock) {
    this.index = index;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public RunAuthentication authenticate(String token) {
    if (!token.startsWith(PREFIX)) {
      return new RunAuthentication.Unknown();
    }
    Optional<RetrainIndex.TokenRow> row = index.token(RunEngine.hash(token));
    if (row.isEmpty()) {
      return new RunAuthentication.Unknown();
    }
    RetrainIndex.TokenRow t = row.get();
    if (t.state().terminal()) {
      return new RunAuthentication.Ended(t.runId(), "retrain run " + t.runId() + " has ended (" + t.state().id()
          + "); its tokens no longer count");
    }
    if (!t.attemptOpen()) {
      return new RunAuthentication.Ended(t.runId(), "attempt " + t.attempt() + " of retrain run " + t.runId()
          + " has ended; a later attempt has a token of its own");
    }
    Instant now = clock.instant();
    if (!now.isBefore(t.expiresAt())) {
      return new RunAuthentication.Ended(t.runId(), "the token of retrain run " + t.runId() + " expired at "
          + t.expiresAt());
    }
    return new RunAuthentication.Valid(new RunIdentity(t.runId(), t.model(), t.attempt()));
  }

  @Override
  public boolean claimRegistration(String runId) {
    if (index.run(runId).map(RetrainRun::producedVersion).isPresent()) {
      return false;
    }
    try {
      jdbc.sql("insert into retrain_registration_claim (run_id, claimed_at) values (?, ?)")
          .params(runId, Timestamp.from(clock.instant())).update();
      return true;
    } catch (DataIntegrityViolationException taken) {
      return false;
    }
  }

  @Override
  public VersionClaim claimVersion(String runId, String model) {
    Optional<RetrainRun> run = index.run(runId);
    if (run.isEmpty()) {
      return new VersionClaim.UnknownRun(runId);
    }
    if (!run.get().model().equals(model)) {
      return new VersionClaim.OtherModel(runId, run.get().model());
    }
    if (run.get().producedVersion() != null || !claimRegistration(runId)) {
      return new VersionClaim.Taken(runId, run.get().producedVersion());
    }
    return new VersionClaim.Claimed(runId);
  }

  @Override
  public void releaseRegistration(String runId) {
    jdbc.sql("delete from retrain_registration_claim where run_id = ?").param(runId).update();
  }
}
