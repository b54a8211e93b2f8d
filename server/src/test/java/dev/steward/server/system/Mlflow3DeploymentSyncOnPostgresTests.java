package dev.steward.server.system;

class Mlflow3DeploymentSyncOnPostgresTests extends MlflowDeploymentSyncTests {
  @Override
  int mlflowMajor() {
    return 3;
  }

  @Override
  Database database() {
    return Database.postgres();
  }
}
