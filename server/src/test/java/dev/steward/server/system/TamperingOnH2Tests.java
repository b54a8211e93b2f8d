package dev.steward.server.system;

class TamperingOnH2Tests extends TamperingTests {
  @Override
  Database database() {
    return Database.h2();
  }
}
