package dev.steward.server.system;

class PolicyGovernanceOnPostgresTests extends PolicyGovernanceTests {
  @Override
  Database database() {
    return Database.postgres();
  }
}
