package dev.steward.registry;

/**
 * A rebuild of the index stopped at a commit that failed verification: the index holds every commit before
 * it and serves nothing past it until the repository is repaired.
 */
public class IndexRefused extends RuntimeException {
  private final RegistryIndex.Refusal refusal;

  public IndexRefused(RegistryIndex.Refusal refusal) {
    super("The registry index stopped before commit " + refusal.commitId() + ", which failed verification: "
        + refusal.reason());
    this.refusal = refusal;
  }

  public RegistryIndex.Refusal refusal() {
    return refusal;
  }
}
