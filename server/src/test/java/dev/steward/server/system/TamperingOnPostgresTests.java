package dev.steward.server.system;

class TamperingOnPostgresTests extends TamperingTests {
  @Override
  Database database() {
    return Database.postgres();
  }
}
