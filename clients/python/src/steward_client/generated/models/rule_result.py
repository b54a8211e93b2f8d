from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.rule_result_outcome import RuleResultOutcome
from ..models.rule_result_severity import RuleResultSeverity
from ..types import UNSET, Unset

T = TypeVar("T", bound="RuleResult")


@_attrs_define
class RuleResult:
    """
    Attributes:
        explanation (str):
        id (str):
        outcome (RuleResultOutcome):
        severity (RuleResultSeverity):
        description (str | Unset):
    """

    explanation: str
    id: str
    outcome: RuleResultOutcome
    severity: RuleResultSeverity
    description: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        explanation = self.explanation

        id = self.id

        outcome = self.outcome.value

        severity = self.severity.value

        description = self.description

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "explanation": explanation,
                "id": id,
                "outcome": outcome,
                "severity": severity,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        explanation = d.pop("explanation")

        id = d.pop("id")

        outcome = RuleResultOutcome(d.pop("outcome"))

        severity = RuleResultSeverity(d.pop("severity"))

        description = d.pop("description", UNSET)

        rule_result = cls(
            explanation=explanation,
            id=id,
            outcome=outcome,
            severity=severity,
            description=description,
        )

        rule_result.additional_properties = d
        return rule_result

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
