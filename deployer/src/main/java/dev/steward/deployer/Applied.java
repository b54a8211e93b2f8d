package dev.steward.deployer;

/**
 * What one server-side apply of an InferenceService did: {@link Created} it, {@link Patched} its spec or
 * metadata (a new generation or resource version), found it {@link Unchanged}, or {@link Deleted} it.
 */
sealed interface Applied {
  record Created(ObservedService service) implements Applied {}

  record Patched(ObservedService service) implements Applied {}

  record Unchanged(ObservedService service) implements Applied {}

  record Deleted(String namespace, String name) implements Applied {}

  default String id() {
    return switch (this) {
      case Created c -> "created";
      case Patched p -> "patched";
      case Unchanged u -> "unchanged";
      case Deleted d -> "deleted";
    };
  }
}
