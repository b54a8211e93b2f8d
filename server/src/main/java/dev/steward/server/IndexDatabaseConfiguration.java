package dev.steward.server;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The index database: durable commits on the embedded H2 default ({@link IndexDatabaseDurability}). */
@Configuration(proxyBeanMethods = false)
class IndexDatabaseConfiguration {

  @Bean
  static IndexDatabaseDurability indexDatabaseDurability() {
    return new IndexDatabaseDurability();
  }
}
