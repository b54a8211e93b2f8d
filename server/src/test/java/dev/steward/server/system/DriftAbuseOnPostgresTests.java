package dev.steward.server.system;

class DriftAbuseOnPostgresTests extends DriftAbuseTests {
  @Override
  Database database() {
    return Database.postgres();
  }
}
