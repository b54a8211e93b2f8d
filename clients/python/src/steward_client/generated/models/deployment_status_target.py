from enum import StrEnum


class DeploymentStatusTarget(StrEnum):
    CLUSTER = "cluster"
    DRY_RUN = "dry-run"
    GITOPS = "gitops"

    def __str__(self) -> str:
        return str(self.value)
