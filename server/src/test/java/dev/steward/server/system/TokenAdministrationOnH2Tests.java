package dev.steward.server.system;

class TokenAdministrationOnH2Tests extends TokenAdministrationTests {
  @Override
  Database database() {
    return Database.h2();
  }
}
