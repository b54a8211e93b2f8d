package dev.steward.server.system;

class Mlflow2DeploymentSyncOnH2Tests extends MlflowDeploymentSyncTests {
  @Override
  int mlflowMajor() {
    return 2;
  }

  @Override
  Database database() {
    return Database.h2();
  }
}
