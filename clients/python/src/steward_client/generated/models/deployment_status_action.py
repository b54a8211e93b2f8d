from enum import StrEnum


class DeploymentStatusAction(StrEnum):
    PROMOTE = "promote"
    ROLLBACK = "rollback"

    def __str__(self) -> str:
        return str(self.value)
