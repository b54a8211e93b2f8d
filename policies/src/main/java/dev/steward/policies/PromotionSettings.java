package dev.steward.policies;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration under {@code steward.promotions}: how long a promotion waits for its approvals, and how
 * often overdue ones are expired. The ladder itself is {@code steward.environments} ({@link LadderSettings}).
 *
 * <pre>
 * steward.promotions.expiry: P7D
 * steward.promotions.expiry-check: PT1M
 * </pre>
 */
@ConfigurationProperties("steward.promotions")
record PromotionSettings(@DefaultValue("P7D") Duration expiry, @DefaultValue("PT1M") Duration expiryCheck) {

  PromotionSettings {
    if (expiry.isNegative() || expiry.isZero()) {
      throw new IllegalArgumentException("steward.promotions.expiry must be positive, not " + expiry + ".");
    }
    if (expiryCheck.isNegative() || expiryCheck.isZero()) {
      throw new IllegalArgumentException("steward.promotions.expiry-check must be positive, not " + expiryCheck + ".");
    }
  }

  static PromotionSettings defaults() {
    return new PromotionSettings(Duration.ofDays(7), Duration.ofMinutes(1));
  }
}
