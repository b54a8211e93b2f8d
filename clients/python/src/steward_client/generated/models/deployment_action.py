from enum import StrEnum


class DeploymentAction(StrEnum):
    PROMOTE = "promote"
    ROLLBACK = "rollback"

    def __str__(self) -> str:
        return str(self.value)
