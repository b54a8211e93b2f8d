package dev.steward.server.system;

class DriftProfileDurabilityOnH2Tests extends DriftProfileDurabilityTests {
  @Override
  Database database() {
    return Database.h2();
  }
}
