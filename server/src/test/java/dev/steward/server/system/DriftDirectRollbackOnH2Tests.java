package dev.steward.server.system;

class DriftDirectRollbackOnH2Tests extends DriftDirectRollbackTests {
  @Override
  Database database() {
    return Database.h2();
  }
}
