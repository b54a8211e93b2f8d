package dev.steward.retrain;

import org.jspecify.annotations.Nullable;

/** What a run says about itself: {@code running}, {@code succeeded} or {@code failed}, and a message. */
public record RunStatusReport(String state, @Nullable String message) {}
