from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.decision_decision import DecisionDecision
from ..types import UNSET, Unset

T = TypeVar("T", bound="Decision")


@_attrs_define
class Decision:
    """
    Attributes:
        decided_at (datetime.datetime):
        decision (DecisionDecision):
        reviewer (str):
        roles (list[str]):
        comment (str | Unset):
    """

    decided_at: datetime.datetime
    decision: DecisionDecision
    reviewer: str
    roles: list[str]
    comment: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        decided_at = self.decided_at.isoformat()

        decision = self.decision.value

        reviewer = self.reviewer

        roles = self.roles

        comment = self.comment

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "decidedAt": decided_at,
                "decision": decision,
                "reviewer": reviewer,
                "roles": roles,
            }
        )
        if comment is not UNSET:
            field_dict["comment"] = comment

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        decided_at = datetime.datetime.fromisoformat(d.pop("decidedAt"))

        decision = DecisionDecision(d.pop("decision"))

        reviewer = d.pop("reviewer")

        roles = cast(list[str], d.pop("roles"))

        comment = d.pop("comment", UNSET)

        decision = cls(
            decided_at=decided_at,
            decision=decision,
            reviewer=reviewer,
            roles=roles,
            comment=comment,
        )

        decision.additional_properties = d
        return decision

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
