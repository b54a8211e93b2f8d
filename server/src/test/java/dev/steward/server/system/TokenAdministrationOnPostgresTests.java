package dev.steward.server.system;

class TokenAdministrationOnPostgresTests extends TokenAdministrationTests {
  @Override
  Database database() {
    return Database.postgres();
  }
}
