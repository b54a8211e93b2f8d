from enum import StrEnum


class AnswerDirection(StrEnum):
    DOWNSTREAM = "DOWNSTREAM"
    UPSTREAM = "UPSTREAM"

    def __str__(self) -> str:
        return str(self.value)
