package dev.steward.alerts;

/**
 * A transient failure (the registry repository or the database could not be written): nothing of the failed
 * alerts was done, and the caller should send the delivery again (Alertmanager does so for any 5xx). Alerts
 * of the same delivery that were acted on are duplicates the next time.
 */
public final class AlertsUnavailable extends RuntimeException {
  private final AlertReceiver.Receipt receipt;

  AlertsUnavailable(String message, AlertReceiver.Receipt receipt, Throwable cause) {
    super(message, cause);
    this.receipt = receipt;
  }

  public AlertReceiver.Receipt receipt() {
    return receipt;
  }
}
