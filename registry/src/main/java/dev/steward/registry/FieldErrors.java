package dev.steward.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Collects the field errors of one request, so that every rule it breaks is reported at once instead of
 * one per attempt. Each check runs even when an earlier one failed; {@link #throwIfAny()} then refuses
 * the request with all of them.
 *
 * <pre>{@code
 * FieldErrors errors = new FieldErrors();
 * String name = errors.check(() -> Names.requireName("name", r.name()));   // null if it failed
 * String uri = errors.check(() -> Names.requireUri("uri", r.uri()));
 * errors.throwIfAny();                                                     // InvalidRequest naming both
 * }</pre>
 */
public final class FieldErrors {
  private final List<InvalidRequest.FieldError> errors = new ArrayList<>();

  /** Runs one check and returns its value, or records why it failed and returns null. */
  public <T> @Nullable T check(Supplier<T> check) {
    try {
      return check.get();
    } catch (InvalidRequest e) {
      errors.addAll(e.errors());
      return null;
    }
  }

  /** Runs a check that returns nothing, recording why it failed. */
  public void run(Runnable check) {
    try {
      check.run();
    } catch (InvalidRequest e) {
      errors.addAll(e.errors());
    }
  }

  public void add(String field, String detail) {
    errors.add(new InvalidRequest.FieldError(field, detail));
  }

  public boolean isEmpty() {
    return errors.isEmpty();
  }

  /** True if a recorded error concerns this field or one inside it ({@code field.x}, {@code field[0]}). */
  public boolean concerns(String field) {
    return errors.stream().anyMatch(e -> e.field().equals(field) || e.field().startsWith(field + ".")
        || e.field().startsWith(field + "["));
  }

  public List<InvalidRequest.FieldError> errors() {
    return List.copyOf(errors);
  }

  /** Refuses the request (400) with every error recorded so far, if there is one. */
  public void throwIfAny() {
    if (!errors.isEmpty()) {
      throw new InvalidRequest(errors, false);
    }
  }
}
