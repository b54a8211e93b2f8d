package dev.steward.server.system;

class DurableReactionsOnH2Tests extends DurableReactionsTests {
  @Override
  Database database() {
    return Database.h2();
  }
}
