package dev.steward.retrain;

import com.zaxxer.hikari.HikariConfig;

class QuartzStepsOnH2Tests extends QuartzStepsTests {
  @Override
  HikariConfig database() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:mem:quartz-steps-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    return config;
  }

  @Override
  String quartzTables() {
    return "classpath:db/quartz/h2";
  }
}
