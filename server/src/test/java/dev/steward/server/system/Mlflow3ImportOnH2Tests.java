package dev.steward.server.system;

class Mlflow3ImportOnH2Tests extends MlflowImportTests {
  @Override
  int mlflowMajor() {
    return 3;
  }

  @Override
  Database database() {
    return Database.h2();
  }
}
