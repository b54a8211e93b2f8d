package dev.steward.alerts;

import java.util.List;

/**
 * A delivery Steward refuses as a whole, acting on none of its alerts: not a v4 payload, a missing label,
 * an unknown model or environment. {@code status} is 400 for a malformed payload and 422 for one that names
 * what Steward does not know; {@code errors} names every field at fault.
 */
public final class InvalidAlertDelivery extends RuntimeException {
  private final int status;
  private final List<FieldError> errors;

  /** One field at fault, for example {@code alerts[0].labels.environment}. */
  public record FieldError(String field, String detail) {}

  public InvalidAlertDelivery(int status, String detail, List<FieldError> errors) {
    super(detail, null, false, false);
    this.status = status;
    this.errors = List.copyOf(errors);
  }

  public int status() {
    return status;
  }

  public List<FieldError> errors() {
    return errors;
  }
}
