package dev.steward.deployer;

import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The reconciler's progress with one desired state (a commit of {@code deployments/<env>/<model>.yaml}), as
 * kept in table {@code rollout}: the plan, the step, when it was applied and in place, analysis timing, the
 * commands people gave, the last transition and why. Mutable on purpose: the reconciler changes it in place
 * and {@link RolloutStore#save} writes it after each change, before it acts on the cluster again.
 */
final class Rollout {
  /** How the desired state reaches the cluster. */
  enum Plan {
    DIRECT("all traffic at once"),
    CANARY("canary steps with analysis"),
    PIN("rollback: all traffic back to a revision KServe still holds, no new revision"),
    REAPPLY("rollback: the earlier version's spec applied again");

    final String description;

    Plan(String description) {
      this.description = description;
    }

    String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What a person asked for, carried out by the next reconcile. */
  enum Command {
    PROMOTE, ABORT;

    String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  final String environment;
  final String model;
  final String desiredCommit;
  final int version;
  final String service;
  final Plan plan;
  RolloutState state;
  int step;
  @Nullable Integer percent;
  /** The manifest this rollout applies, as JSON, without {@code canaryTrafficPercent}. */
  final String manifest;
  @Nullable String stableRevision;
  @Nullable Integer stableVersion;
  @Nullable String canaryRevision;
  @Nullable String appliedDigest;
  @Nullable Long appliedGeneration;
  @Nullable Instant appliedAt;
  @Nullable Instant stepStartedAt;
  @Nullable Instant inPlaceAt;
  @Nullable Instant nextAnalysisAt;
  int failures;
  boolean paused;
  @Nullable Command command;
  @Nullable String commandBy;
  @Nullable String commandReason;
  final Instant desiredAt;
  final Instant startedAt;
  Instant transitionAt;
  String transitionReason;
  String transitionMessage;
  @Nullable String lastError;
  @Nullable String drift;
  @Nullable Long driftGeneration;
  @Nullable String outcomeCommit;

  Rollout(String environment, String model, String desiredCommit, int version, String service, Plan plan,
      RolloutState state, int step, @Nullable Integer percent, String manifest, Instant desiredAt, Instant startedAt,
      String transitionReason, String transitionMessage) {
    this.environment = environment;
    this.model = model;
    this.desiredCommit = desiredCommit;
    this.version = version;
    this.service = service;
    this.plan = plan;
    this.state = state;
    this.step = step;
    this.percent = percent;
    this.manifest = manifest;
    this.desiredAt = desiredAt;
    this.startedAt = startedAt;
    this.transitionAt = startedAt;
    this.transitionReason = transitionReason;
    this.transitionMessage = transitionMessage;
  }

  void transition(RolloutState next, String reason, String message, Instant at) {
    this.state = next;
    this.transitionReason = reason;
    this.transitionMessage = message;
    this.transitionAt = at;
  }
}
