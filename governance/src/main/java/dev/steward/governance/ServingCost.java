package dev.steward.governance;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What one window of a deployment's traffic cost: the resources it held (per replica, times the replicas) at the
 * environment's prices, over the window, and per 1,000 of the predictions the drift monitor counted in it
 * ({@code costPer1kPredictions} is null when the window counted none).
 *
 * @param replicas the replicas paid for: the observed ones on a cluster, otherwise the desired minimum (at least 1)
 */
public record ServingCost(String environment, String model, int version, Instant windowStart, Instant windowEnd,
    long predictions, double cpu, double memoryGib, double gpu, int replicas, String replicasFrom, double cost,
    @Nullable Double costPer1kPredictions, String currency) {}
