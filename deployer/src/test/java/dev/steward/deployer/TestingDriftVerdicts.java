package dev.steward.deployer;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The drift monitor as the deployer's tests need it: a verdict per environment, model and version, set by the
 * test (unknown until then), and how often each was asked.
 */
final class TestingDriftVerdicts implements DriftVerdicts {
  static final TestingDriftVerdicts INSTANCE = new TestingDriftVerdicts();

  private final Map<String, Verdict> verdicts = new ConcurrentHashMap<>();
  private final Map<String, Integer> asked = new ConcurrentHashMap<>();

  void set(String environment, String model, int version, Status status, String summary) {
    verdicts.put(key(environment, model, version), new Verdict(status, summary));
  }

  int asked(String environment, String model, int version) {
    return asked.getOrDefault(key(environment, model, version), 0);
  }

  @Override
  public Verdict latest(String environment, String model, int version, Instant since) {
    asked.merge(key(environment, model, version), 1, Integer::sum);
    return verdicts.getOrDefault(key(environment, model, version),
        new Verdict(Status.UNKNOWN, "no report for " + model + " version " + version + " in " + environment + " yet"));
  }

  private static String key(String environment, String model, int version) {
    return environment + "/" + model + "/" + version;
  }
}
