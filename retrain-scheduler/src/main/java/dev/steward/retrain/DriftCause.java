package dev.steward.retrain;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What says a model drifted, as {@link DriftTriggers#onDrift} takes it: a drift report of the drift monitor, or an
 * alert episode of the alert receiver. Its identity (report id; fingerprint and start) and its time name the run
 * it starts, so the same report or episode delivered twice starts one run.
 */
public sealed interface DriftCause {

  /** The model version the drift was seen on, where known. */
  @Nullable Integer version();

  /** The time the drift is about: a report's window end, an episode's start. */
  Instant at();

  /**
   * A drift report in alert ({@code DriftDetected}).
   *
   * @param id the report's id
   * @param version the version whose traffic drifted
   * @param windowEnd the end of the report's window
   */
  record Report(long id, @Nullable Integer version, Instant windowEnd) implements DriftCause {
    public Report {
      Objects.requireNonNull(windowEnd, "windowEnd");
    }

    @Override
    public Instant at() {
      return windowEnd;
    }
  }

  /**
   * A firing alert episode asking for retraining (the alert receiver's {@code AlertFired} with
   * {@code steward_action=retrain}).
   *
   * @param fingerprint Alertmanager's fingerprint of the alert's label set
   * @param startsAt when the episode started firing; with the fingerprint, the episode's identity
   * @param alertname the alert's name, recorded with the run's cause
   * @param version the {@code version} label, where the alert has one
   */
  record Alert(String fingerprint, Instant startsAt, @Nullable String alertname, @Nullable Integer version)
      implements DriftCause {
    public Alert {
      if (fingerprint == null || fingerprint.isBlank()) {
        throw new IllegalArgumentException("An alert names its fingerprint.");
      }
      Objects.requireNonNull(startsAt, "startsAt");
    }

    @Override
    public Instant at() {
      return startsAt;
    }

    /** How the run's cause names the episode: {@code <alertname> <fingerprint>@<startsAt>}. */
    String id() {
      return (alertname == null || alertname.isBlank() ? "" : alertname + " ") + fingerprint + "@" + startsAt;
    }
  }
}
