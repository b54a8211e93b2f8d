package dev.steward.server.system;

class RevocationOnPostgresTests extends RevocationTests {
  @Override
  Database database() {
    return Database.postgres();
  }
}
