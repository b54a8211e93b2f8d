package dev.steward.retrain;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The launch targets this instance has, by the {@code type} of launcher they serve. */
class Launchers {
  private final Map<String, LaunchTarget> targets;

  Launchers(List<LaunchTarget> targets) {
    this.targets = targets.stream().collect(Collectors.toMap(LaunchTarget::kind, Function.identity()));
  }

  LaunchTarget target(Launcher launcher) {
    LaunchTarget target = targets.get(launcher.kind());
    if (target == null) {
      throw new IllegalStateException("No " + launcher.kind() + " launcher is enabled on this instance.");
    }
    return target;
  }

  boolean has(String kind) {
    return targets.containsKey(kind);
  }
}
