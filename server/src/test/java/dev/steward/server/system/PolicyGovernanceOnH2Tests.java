package dev.steward.server.system;

class PolicyGovernanceOnH2Tests extends PolicyGovernanceTests {
  @Override
  Database database() {
    return Database.h2();
  }
}
