package dev.steward.server.system;

class DriftProfileDurabilityOnPostgresTests extends DriftProfileDurabilityTests {
  @Override
  Database database() {
    return Database.postgres();
  }
}
