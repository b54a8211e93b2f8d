package dev.steward.server;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.init.UncategorizedScriptException;

/**
 * Makes an embedded H2 index database write every commit to its file before the commit returns. H2 keeps
 * committed changes in memory for up to {@code WRITE_DELAY} (500 ms by default) and a {@code kill -9} in that
 * time loses them, although the API already answered: deployer rollouts, alert episodes, event publications
 * and Quartz triggers live only in the database. The default URL says {@code WRITE_DELAY=0}; this guard sets
 * it again on the open database at start-up (the pool keeps it open), so it holds for any H2 URL an operator
 * configures. Other databases are left alone: PostgreSQL makes a commit durable before it answers.
 */
final class IndexDatabaseDurability implements BeanPostProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(IndexDatabaseDurability.class);

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof DataSource dataSource) {
      apply(dataSource);
    }
    return bean;
  }

  /** Sets H2's write delay to 0 when the data source is an H2 file database; does nothing otherwise. */
  static void apply(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      String url = c.getMetaData().getURL();
      if (url == null || !url.startsWith("jdbc:h2:") || url.startsWith("jdbc:h2:mem:")) {
        return;
      }
      try (Statement s = c.createStatement()) {
        s.execute("SET WRITE_DELAY 0");
      }
      LOG.debug("The H2 index database {} writes each commit to its file before the commit returns.", url);
    } catch (SQLException e) {
      throw new UncategorizedScriptException("Cannot make the H2 index database write commits at once (SET"
          + " WRITE_DELAY 0); the database user needs admin rights on an embedded database.", e);
    }
  }
}
