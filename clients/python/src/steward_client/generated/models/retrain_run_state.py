from enum import StrEnum


class RetrainRunState(StrEnum):
    CANCELLED = "cancelled"
    FAILED = "failed"
    LAUNCHED = "launched"
    SKIPPED = "skipped"
    SUCCEEDED = "succeeded"
    TIMED_OUT = "timed-out"
    TRIGGERED = "triggered"

    def __str__(self) -> str:
        return str(self.value)
