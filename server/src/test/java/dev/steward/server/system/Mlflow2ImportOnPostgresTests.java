package dev.steward.server.system;

class Mlflow2ImportOnPostgresTests extends MlflowImportTests {
  @Override
  int mlflowMajor() {
    return 2;
  }

  @Override
  Database database() {
    return Database.postgres();
  }
}
