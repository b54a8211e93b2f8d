from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.policy_state import PolicyState
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.policy_decision import PolicyDecision
    from ..models.rule import Rule


T = TypeVar("T", bound="Policy")


@_attrs_define
class Policy:
    """
    Attributes:
        name (str):
        registered_at (datetime.datetime):
        registered_by (str):
        rules (list[Rule]):
        version (int):
        decision (PolicyDecision | Unset):
        description (str | Unset):
        digest (str | Unset):
        state (PolicyState | Unset):
    """

    name: str
    registered_at: datetime.datetime
    registered_by: str
    rules: list[Rule]
    version: int
    decision: PolicyDecision | Unset = UNSET
    description: str | Unset = UNSET
    digest: str | Unset = UNSET
    state: PolicyState | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        registered_at = self.registered_at.isoformat()

        registered_by = self.registered_by

        rules = []
        for rules_item_data in self.rules:
            rules_item = rules_item_data.to_dict()
            rules.append(rules_item)

        version = self.version

        decision: dict[str, Any] | Unset = UNSET
        if not isinstance(self.decision, Unset):
            decision = self.decision.to_dict()

        description = self.description

        digest = self.digest

        state: str | Unset = UNSET
        if not isinstance(self.state, Unset):
            state = self.state.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "registeredAt": registered_at,
                "registeredBy": registered_by,
                "rules": rules,
                "version": version,
            }
        )
        if decision is not UNSET:
            field_dict["decision"] = decision
        if description is not UNSET:
            field_dict["description"] = description
        if digest is not UNSET:
            field_dict["digest"] = digest
        if state is not UNSET:
            field_dict["state"] = state

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.policy_decision import PolicyDecision
        from ..models.rule import Rule

        d = dict(src_dict)
        name = d.pop("name")

        registered_at = datetime.datetime.fromisoformat(d.pop("registeredAt"))

        registered_by = d.pop("registeredBy")

        rules = []
        _rules = d.pop("rules")
        for rules_item_data in _rules:
            rules_item = Rule.from_dict(rules_item_data)

            rules.append(rules_item)

        version = d.pop("version")

        _decision = d.pop("decision", UNSET)
        decision: PolicyDecision | Unset
        if isinstance(_decision, Unset):
            decision = UNSET
        else:
            decision = PolicyDecision.from_dict(_decision)

        description = d.pop("description", UNSET)

        digest = d.pop("digest", UNSET)

        _state = d.pop("state", UNSET)
        state: PolicyState | Unset
        if isinstance(_state, Unset):
            state = UNSET
        else:
            state = PolicyState(_state)

        policy = cls(
            name=name,
            registered_at=registered_at,
            registered_by=registered_by,
            rules=rules,
            version=version,
            decision=decision,
            description=description,
            digest=digest,
            state=state,
        )

        policy.additional_properties = d
        return policy

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
