package dev.steward.server.ha;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code steward.ha}: several replicas of one installation (docs/high-availability.md).
 *
 * @param enabled run as one of several replicas: the registry repository is shared through
 *     {@code steward.lineage.remote}, the index is PostgreSQL, one replica (the leader) writes
 * @param advertisedUrl how the other replicas reach this one's HTTP port, for example
 *     {@code http://10.1.2.3:8080} (the chart sets the pod's IP); writes are forwarded there while it leads
 * @param leaseDuration how long a leader that cannot renew its lock keeps writing; the most a takeover waits
 *     for a replica that vanished without closing its database session
 * @param retryPeriod how often followers try to take over and the leader renews
 * @param forwardTimeout how long a follower holds a write while no leader is known before it answers 503
 * @param followInterval how often a follower fetches the shared repository
 * @param pushTimeout how long a batch keeps trying to reach the Git remote before its callers get a 503
 * @param localPaths path prefixes under {@code /api/} whose writes every replica serves itself (they
 *     write neither Git nor the index)
 */
@ConfigurationProperties("steward.ha")
public record HaProperties(@DefaultValue("false") boolean enabled, @Nullable URI advertisedUrl,
    @DefaultValue("15s") Duration leaseDuration, @DefaultValue("1s") Duration retryPeriod,
    @DefaultValue("30s") Duration forwardTimeout, @DefaultValue("1s") Duration followInterval,
    @DefaultValue("10s") Duration pushTimeout, @DefaultValue("/api/v1/drift/compare") List<String> localPaths) {

  public HaProperties {
    if (enabled && advertisedUrl == null) {
      throw new IllegalArgumentException("steward.ha.enabled is true but steward.ha.advertised-url is not set: name"
          + " the URL other replicas reach this one at, for example http://$(POD_IP):8080.");
    }
    if (leaseDuration.compareTo(retryPeriod.multipliedBy(3)) < 0) {
      throw new IllegalArgumentException("steward.ha.lease-duration (" + leaseDuration + ") must be at least three"
          + " times steward.ha.retry-period (" + retryPeriod + "), so a leader renews several times per lease.");
    }
  }
}
