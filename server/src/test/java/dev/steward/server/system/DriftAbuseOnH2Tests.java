package dev.steward.server.system;

class DriftAbuseOnH2Tests extends DriftAbuseTests {
  @Override
  Database database() {
    return Database.h2();
  }
}
