package dev.steward.server.system;

class RevocationOnH2Tests extends RevocationTests {
  @Override
  Database database() {
    return Database.h2();
  }
}
