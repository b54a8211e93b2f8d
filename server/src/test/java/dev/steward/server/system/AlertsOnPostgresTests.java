package dev.steward.server.system;

class AlertsOnPostgresTests extends AlertsTests {
  @Override
  Database database() {
    return Database.postgres();
  }
}
