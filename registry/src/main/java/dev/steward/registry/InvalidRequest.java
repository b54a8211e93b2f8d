package dev.steward.registry;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A request that breaks rules of the registry: one {@link FieldError} per field at fault, each naming
 * where and saying what, so that a caller can fix all of them at once.
 *
 * <pre>{@code
 * throw new InvalidRequest("name", "is required");
 * throw new InvalidRequest(List.of(new FieldError("name", "is required"), new FieldError("uri", "has no scheme")), false);
 * }</pre>
 */
public class InvalidRequest extends RuntimeException {
  private final List<FieldError> errors;
  private final boolean unprocessable;

  /** What is wrong with one field: {@code field} is a path such as {@code features[2].name}. */
  public record FieldError(String field, String detail) {
    public FieldError {
      if (field == null || detail == null) {
        throw new IllegalArgumentException("a field error needs a field and a detail");
      }
    }

    @Override
    public String toString() {
      return field + ": " + detail;
    }
  }

  public InvalidRequest(String field, String message) {
    this(field, message, false);
  }

  /**
   * @param unprocessable true when the request is well formed but inconsistent with what is registered
   *     (answered 422 rather than 400)
   */
  public InvalidRequest(String field, String message, boolean unprocessable) {
    this(List.of(new FieldError(field, message)), unprocessable);
  }

  public InvalidRequest(List<FieldError> errors, boolean unprocessable) {
    super(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("an invalid request needs at least one field error");
    }
    this.errors = List.copyOf(errors);
    this.unprocessable = unprocessable;
  }

  public boolean unprocessable() {
    return unprocessable;
  }

  /** The first field at fault. */
  public String field() {
    return errors.getFirst().field();
  }

  public List<FieldError> errors() {
    return errors;
  }
}
