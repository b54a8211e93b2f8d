from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.policy_decision_decision import PolicyDecisionDecision
from ..types import UNSET, Unset

T = TypeVar("T", bound="PolicyDecision")


@_attrs_define
class PolicyDecision:
    """
    Attributes:
        decided_at (datetime.datetime):
        decided_by (str):
        decision (PolicyDecisionDecision):
        digest (str):
        policy (str):
        roles (list[str]):
        version (int):
        comment (str | Unset):
    """

    decided_at: datetime.datetime
    decided_by: str
    decision: PolicyDecisionDecision
    digest: str
    policy: str
    roles: list[str]
    version: int
    comment: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        decided_at = self.decided_at.isoformat()

        decided_by = self.decided_by

        decision = self.decision.value

        digest = self.digest

        policy = self.policy

        roles = self.roles

        version = self.version

        comment = self.comment

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "decidedAt": decided_at,
                "decidedBy": decided_by,
                "decision": decision,
                "digest": digest,
                "policy": policy,
                "roles": roles,
                "version": version,
            }
        )
        if comment is not UNSET:
            field_dict["comment"] = comment

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        decided_at = datetime.datetime.fromisoformat(d.pop("decidedAt"))

        decided_by = d.pop("decidedBy")

        decision = PolicyDecisionDecision(d.pop("decision"))

        digest = d.pop("digest")

        policy = d.pop("policy")

        roles = cast(list[str], d.pop("roles"))

        version = d.pop("version")

        comment = d.pop("comment", UNSET)

        policy_decision = cls(
            decided_at=decided_at,
            decided_by=decided_by,
            decision=decision,
            digest=digest,
            policy=policy,
            roles=roles,
            version=version,
            comment=comment,
        )

        policy_decision.additional_properties = d
        return policy_decision

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
