package dev.steward.registry;

import org.jspecify.annotations.Nullable;

/** A read or a change aimed at an entity that is not registered; {@code field} names where, when known. */
public class EntityNotFound extends RuntimeException {
  private final @Nullable String field;

  public EntityNotFound(String message) {
    this(message, null);
  }

  private EntityNotFound(String message, @Nullable String field) {
    super(message);
    this.field = field;
  }

  public static EntityNotFound of(Kind kind, String name, int version) {
    return new EntityNotFound(kind.id() + " " + name + " version " + version + " is not registered");
  }

  public static EntityNotFound of(Kind kind, String name) {
    return new EntityNotFound(kind.id() + " " + name + " is not registered");
  }

  /** The same refusal, naming the request field (or path parameter) that named the missing entity. */
  public EntityNotFound at(String field) {
    return new EntityNotFound(getMessage(), field);
  }

  public @Nullable String field() {
    return field;
  }
}
