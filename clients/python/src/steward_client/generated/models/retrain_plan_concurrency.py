from enum import StrEnum


class RetrainPlanConcurrency(StrEnum):
    FORBID = "forbid"
    REPLACE = "replace"

    def __str__(self) -> str:
        return str(self.value)
