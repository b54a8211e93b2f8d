package dev.steward.server.system;

class RetrainRunsOnH2Tests extends RetrainRunsTests {
  @Override
  Database database() {
    return Database.h2();
  }
}
