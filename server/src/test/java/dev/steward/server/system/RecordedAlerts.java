package dev.steward.server.system;

import dev.steward.alerts.AlertFired;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A durable listener of {@link AlertFired}, as the retrain scheduler will be one, present only when a test sets
 * {@code steward.test.record-alert-fired=true} (component scanning finds it on the test class path).
 */
@Component
@ConditionalOnProperty(name = "steward.test.record-alert-fired", havingValue = "true")
class RecordedAlerts {
  static final List<AlertFired> FIRED = new CopyOnWriteArrayList<>();

  @ApplicationModuleListener
  void on(AlertFired fired) {
    FIRED.add(fired);
  }
}
