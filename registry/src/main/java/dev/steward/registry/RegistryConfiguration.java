package dev.steward.registry;

import dev.steward.lineage.Lineage;
import java.time.Clock;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the registry over the lineage repository and the SQL index. */
@Configuration(proxyBeanMethods = false)
class RegistryConfiguration {

  @Bean
  ParsedDocuments parsedDocuments() {
    return new ParsedDocuments();
  }

  @Bean
  IndexProjection registryProjection(ParsedDocuments parsed) {
    return new RegistryProjection(parsed);
  }

  @Bean(destroyMethod = "close")
  RegistryIndex registryIndex(Lineage lineage, JdbcClient jdbc, TransactionTemplate tx, List<IndexProjection> projections,
      ApplicationEventPublisher events) {
    RegistryIndex index = new RegistryIndex(lineage, jdbc, tx, projections, events::publishEvent);
    index.start();
    return index;
  }

  /**
   * Events of commits indexed before the listeners existed (the catch-up at start-up runs while beans are
   * created, before Spring registers event listeners) are published once the context is refreshed.
   */
  @Bean
  IndexAnnouncements indexAnnouncements(RegistryIndex index) {
    return new IndexAnnouncements(index);
  }

  static final class IndexAnnouncements {
    private final RegistryIndex index;

    IndexAnnouncements(RegistryIndex index) {
      this.index = index;
    }

    @org.springframework.context.event.EventListener
    void refreshed(org.springframework.context.event.ContextRefreshedEvent refreshed) {
      index.startAnnouncing();
    }
  }

  @Bean
  ModelRegistry modelRegistry(Lineage lineage, JdbcClient jdbc, RegistryIndex index, ApplicationEventPublisher events,
      ParsedDocuments parsed) {
    return new ModelRegistry(lineage, jdbc, Clock.systemUTC(), events, parsed);
  }

  @Bean
  LineageGraph lineageGraph(JdbcClient jdbc, List<LineageLinks> links) {
    return new LineageGraph(jdbc, links);
  }

  @Bean
  ChangeHistory changeHistory(JdbcClient jdbc) {
    return new ChangeHistory(jdbc);
  }

  @Bean
  RegistryVerification registryVerification(Lineage lineage, JdbcClient jdbc, RegistryIndex index) {
    return new RegistryVerification(lineage, jdbc, index);
  }
}
