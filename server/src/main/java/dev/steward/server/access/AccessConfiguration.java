package dev.steward.server.access;

import dev.steward.lineage.LeadershipListener;
import dev.steward.lineage.Lineage;
import dev.steward.lineage.Term;
import dev.steward.registry.IndexProjection;
import dev.steward.registry.RegistryIndex;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** API tokens: the store, its index projection, and the bootstrap admin token at first start. */
@Configuration(proxyBeanMethods = false)
class AccessConfiguration {
  private static final Logger LOG = LoggerFactory.getLogger(AccessConfiguration.class);

  @Bean
  AccessTokens accessTokens(Lineage lineage, JdbcClient jdbc) {
    return new AccessTokens(lineage, jdbc, Clock.systemUTC());
  }

  @Bean
  IndexProjection tokenProjection(AccessTokens tokens) {
    return new TokenProjection(tokens);
  }

  /**
   * Runs once the index has caught up and before the server takes requests: registers
   * {@code STEWARD_BOOTSTRAP_TOKEN} if given, otherwise prints a generated admin token the first time. A
   * supplied token that is easy to guess stops the start-up at once ({@link WeakBootstrapToken}).
   */
  @Bean
  SmartInitializingSingleton bootstrapToken(AccessTokens tokens, RegistryIndex index, Lineage lineage,
      @Value("${steward.bootstrap-token:#{null}}") @Nullable String supplied) {
    if (supplied != null && !supplied.isBlank()) {
      AccessTokens.requireStrong(supplied);
    }
    Runnable bootstrap = () -> {
      if (index.refusal().isPresent()) {
        // the index is behind an untrusted commit: a token written now would land on top of it, unindexed
        LOG.warn("Skipped the bootstrap admin token: the registry index stopped before an untrusted commit.");
        return;
      }
      tokens.bootstrap(supplied).ifPresent(issued -> {
        PrintStream out = System.out;
        out.println();
        out.println("Steward bootstrap admin token (shown once, keep it safe): " + issued.token());
        out.println();
      });
    };
    if (!lineage.shared()) {
      return bootstrap::run;
    }
    // several replicas: only the leader writes, so the token is registered by whichever takes over
    lineage.addLeadershipListener(new LeadershipListener() {
      @Override
      public void leading(Term term) {
        bootstrap.run();
      }
    });
    return () -> { };
  }

  /**
   * A follower does not see the leader's commits as they happen, so tokens it authenticated from its cache
   * could outlive their revocation: it forgets them whenever the shared index moves.
   */
  @Bean(destroyMethod = "shutdownNow")
  ScheduledExecutorService followerTokenCache(AccessTokens tokens, RegistryIndex index, Lineage lineage) {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "steward-token-cache");
      t.setDaemon(true);
      return t;
    });
    if (lineage.shared()) {
      AtomicReference<Optional<String>> seen = new AtomicReference<>(Optional.empty());
      timer.scheduleWithFixedDelay(() -> {
        try {
          Optional<String> head = index.lastIndexedCommit();
          if (!lineage.leads() && !head.equals(seen.getAndSet(head))) {
            tokens.forget();
          }
        } catch (RuntimeException e) {
          LOG.debug("Could not read the index head: {}", e.getMessage());
        }
      }, 500, 500, TimeUnit.MILLISECONDS);
    }
    return timer;
  }
}
