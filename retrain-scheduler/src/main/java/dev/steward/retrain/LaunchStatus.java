package dev.steward.retrain;

/** The state of a launched attempt as its launcher sees it, for launchers that can be asked. */
sealed interface LaunchStatus {

  record Running() implements LaunchStatus {}

  record Succeeded(String message) implements LaunchStatus {}

  record Failed(String message) implements LaunchStatus {}
}
