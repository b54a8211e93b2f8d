from enum import StrEnum


class RuleResultOutcome(StrEnum):
    ERROR = "error"
    FAIL = "fail"
    PASS = "pass"

    def __str__(self) -> str:
        return str(self.value)
