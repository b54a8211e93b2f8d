package dev.steward.governance;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One thing a revocation reaches, and what was done about it: a derived {@code dataset}, a {@code feature-set}
 * computed from the revoked data, a {@code model-version} trained on it (marked {@code revoked-input}), a
 * {@code deployment} serving such a version, or a {@code retrain-plan} fed by the dataset.
 *
 * @param name the entity's name (the model, for a deployment or a retrain plan)
 * @param version the entity version (the version deployed, for a deployment; the plan's revision, for a plan)
 * @param environment the environment of a deployment
 * @param why how the revoked data reaches it, for example {@code trained on dataset churn-events/1}
 * @param action what was done: {@code recorded}, {@code marked}, {@code flagged}, {@code pending},
 *     {@code triggered}, {@code already-retrained} or {@code not-triggered}
 * @param detail the action in words, for an auditor
 * @param at when it was done; null while pending
 */
public record ImpactItem(String kind, String name, @Nullable Integer version, @Nullable String environment,
    @Nullable String digest, String why, String action, String detail, @Nullable Instant at) {

  public static final String DATASET = "dataset";
  public static final String FEATURE_SET = "feature-set";
  public static final String MODEL_VERSION = "model-version";
  public static final String DEPLOYMENT = "deployment";
  public static final String RETRAIN_PLAN = "retrain-plan";

  public static final String PENDING = "pending";

  ImpactItem done(String action, String detail, Instant at) {
    return new ImpactItem(kind, name, version, environment, digest, why, action, detail, at);
  }
}
