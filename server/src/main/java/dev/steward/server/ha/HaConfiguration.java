package dev.steward.server.ha;

import dev.steward.lineage.Lineage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.unit.DataSize;

/**
 * Several replicas (docs/high-availability.md), with {@code steward.ha.enabled=true}: the election on a
 * PostgreSQL advisory lock, started once the application is ready (every listener of the takeover exists
 * then), the forwarding of writes to the leader, and a health component {@code leadership} naming this
 * replica's role.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "steward.ha.enabled", havingValue = "true")
class HaConfiguration {
  private static final Logger LOG = LoggerFactory.getLogger(HaConfiguration.class);

  @Bean
  Leaders leaders(JdbcClient jdbc, HaProperties ha) {
    return new Leaders(jdbc, ha.leaseDuration(), Duration.ofMillis(250));
  }

  @Bean(destroyMethod = "close")
  PostgresElection postgresElection(Lineage lineage, HaProperties ha, DataSourceProperties database) {
    String url = database.determineUrl();
    if (url == null || !url.startsWith("jdbc:postgresql:")) {
      throw new IllegalStateException("steward.ha.enabled needs PostgreSQL as the index database"
          + " (SPRING_DATASOURCE_URL=jdbc:postgresql://...), not " + url + ": the replicas share it.");
    }
    String user = database.determineUsername();
    String password = database.determinePassword();
    return new PostgresElection(lineage, () -> {
      try {
        return DriverManager.getConnection(url, user, password);
      } catch (SQLException e) {
        throw new IllegalStateException("Cannot open the election's session to " + url + ": " + e.getMessage(), e);
      }
    }, ha.advertisedUrl(), ha.leaseDuration(), ha.retryPeriod());
  }

  @Bean
  ApplicationListener<ApplicationReadyEvent> startElection(PostgresElection election) {
    return ready -> election.start();
  }

  @Bean
  FilterRegistrationBean<WriteForwarding> writeForwarding(Lineage lineage, Leaders leaders, HaProperties ha,
      Environment env) {
    DataSize traffic = env.getProperty("steward.max-traffic-request-size", DataSize.class, DataSize.ofMegabytes(64));
    FilterRegistrationBean<WriteForwarding> bean = new FilterRegistrationBean<>(new WriteForwarding(lineage::leads,
        leaders, ha.advertisedUrl(), ha.localPaths(), ha.forwardTimeout(), traffic.toBytes()));
    // after the size limit and the index's availability, before security: the leader authenticates the call
    bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
    bean.addUrlPatterns("/api/*");
    LOG.info("Writes reaching this replica while it follows are forwarded to the leader; served here: reads and {}.",
        ha.localPaths());
    return bean;
  }

  /** Named so that its health component is {@code leadership}. */
  @Bean
  HealthIndicator leadershipHealthIndicator(Lineage lineage, Leaders leaders) {
    return () -> {
      Health.Builder up = Health.up().withDetail("role", lineage.leads() ? "leader" : "follower");
      lineage.term().ifPresent(t -> up.withDetail("generation", t.generation()));
      leaders.current().ifPresent(l -> up.withDetail("leader", l.url().toString())
          .withDetail("leaderGeneration", l.generation()));
      return up.build();
    };
  }
}
