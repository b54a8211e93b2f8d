package dev.steward.registry;

import java.util.Arrays;

/** The kinds of registered entities, with their place in the registry repository and the API. */
public enum Kind {
  DATASET("dataset", "datasets", true),
  FEATURE_SET("feature-set", "features", true),
  THRESHOLD_SET("threshold-set", "thresholds", true),
  EXPLANATION_TEMPLATE("explanation-template", "explanations", true),
  MODEL("model", "models", false),
  MODEL_VERSION("model-version", "models", true);

  static final int GROUP_SIZE = 100;

  private final String id;
  private final String directory;
  private final boolean versioned;

  Kind(String id, String directory, boolean versioned) {
    this.id = id;
    this.directory = directory;
    this.versioned = versioned;
  }

  /** The name used in the API and in commit trailers, for example {@code feature-set}. */
  public String id() {
    return id;
  }

  public boolean versioned() {
    return versioned;
  }

  /** Where a version of this kind lives in the registry repository. */
  public String path(String name, int version) {
    return switch (this) {
      case MODEL_VERSION -> "models/" + name + "/versions/" + group(version) + "/" + version + ".yaml";
      case MODEL -> "models/" + name + "/model.yaml";
      default -> directory + "/" + name + "/" + group(version) + "/" + version + ".yaml";
    };
  }

  /**
   * The folder that holds a version: versions are grouped by hundreds ({@code 0-99}, {@code 100-199}, ...),
   * so a registration rewrites a group tree of at most 100 entries and a {@code versions/} tree of one entry
   * per hundred versions, not one tree listing every version of the name.
   */
  static String group(int version) {
    if (version < 1) {
      throw new IllegalArgumentException("versions start at 1, not " + version);
    }
    long first = (long) version / GROUP_SIZE * GROUP_SIZE;
    return first + "-" + (first + GROUP_SIZE - 1);
  }

  /** The top-level folder of this kind in the registry repository. */
  public String directory() {
    return directory;
  }

  public static Kind fromId(String id) {
    return Arrays.stream(values())
        .filter(k -> k.id.equals(id))
        .findFirst()
        .orElseThrow(() -> new InvalidRequest("kind", "unknown kind '" + id + "'; expected one of "
            + Arrays.stream(values()).map(Kind::id).toList()));
  }
}
