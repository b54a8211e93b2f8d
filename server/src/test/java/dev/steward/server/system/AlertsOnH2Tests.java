package dev.steward.server.system;

class AlertsOnH2Tests extends AlertsTests {
  @Override
  Database database() {
    return Database.h2();
  }
}
