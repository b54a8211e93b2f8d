from enum import StrEnum


class DeploymentTarget(StrEnum):
    CLUSTER = "cluster"
    DRY_RUN = "dry-run"
    GITOPS = "gitops"

    def __str__(self) -> str:
        return str(self.value)
