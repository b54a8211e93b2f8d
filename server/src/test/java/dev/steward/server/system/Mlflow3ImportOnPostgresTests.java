package dev.steward.server.system;

class Mlflow3ImportOnPostgresTests extends MlflowImportTests {
  @Override
  int mlflowMajor() {
    return 3;
  }

  @Override
  Database database() {
    return Database.postgres();
  }
}
