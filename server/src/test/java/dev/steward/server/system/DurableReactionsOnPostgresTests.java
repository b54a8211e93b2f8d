package dev.steward.server.system;

class DurableReactionsOnPostgresTests extends DurableReactionsTests {
  @Override
  Database database() {
    return Database.postgres();
  }
}
