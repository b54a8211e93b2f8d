from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.policy_ref import PolicyRef
    from ..models.rule_result import RuleResult


T = TypeVar("T", bound="Evaluation")


@_attrs_define
class Evaluation:
    """
    Attributes:
        blocked_by (list[str]):
        evaluated_at (datetime.datetime):
        evaluated_by (str):
        passed (bool):
        policy (PolicyRef):
        results (list[RuleResult]):
    """

    blocked_by: list[str]
    evaluated_at: datetime.datetime
    evaluated_by: str
    passed: bool
    policy: PolicyRef
    results: list[RuleResult]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        blocked_by = self.blocked_by

        evaluated_at = self.evaluated_at.isoformat()

        evaluated_by = self.evaluated_by

        passed = self.passed

        policy = self.policy.to_dict()

        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "blockedBy": blocked_by,
                "evaluatedAt": evaluated_at,
                "evaluatedBy": evaluated_by,
                "passed": passed,
                "policy": policy,
                "results": results,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.policy_ref import PolicyRef
        from ..models.rule_result import RuleResult

        d = dict(src_dict)
        blocked_by = cast(list[str], d.pop("blockedBy"))

        evaluated_at = datetime.datetime.fromisoformat(d.pop("evaluatedAt"))

        evaluated_by = d.pop("evaluatedBy")

        passed = d.pop("passed")

        policy = PolicyRef.from_dict(d.pop("policy"))

        results = []
        _results = d.pop("results")
        for results_item_data in _results:
            results_item = RuleResult.from_dict(results_item_data)

            results.append(results_item)

        evaluation = cls(
            blocked_by=blocked_by,
            evaluated_at=evaluated_at,
            evaluated_by=evaluated_by,
            passed=passed,
            policy=policy,
            results=results,
        )

        evaluation.additional_properties = d
        return evaluation

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
