package dev.steward.server.system;

class DriftDirectRollbackOnPostgresTests extends DriftDirectRollbackTests {
  @Override
  Database database() {
    return Database.postgres();
  }
}
