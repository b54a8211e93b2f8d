package dev.steward.server.system;

class RetrainRunsOnPostgresTests extends RetrainRunsTests {
  @Override
  Database database() {
    return Database.postgres();
  }
}
