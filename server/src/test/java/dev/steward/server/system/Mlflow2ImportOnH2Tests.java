package dev.steward.server.system;

class Mlflow2ImportOnH2Tests extends MlflowImportTests {
  @Override
  int mlflowMajor() {
    return 2;
  }

  @Override
  Database database() {
    return Database.h2();
  }
}
