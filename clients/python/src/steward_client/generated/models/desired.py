from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Desired")


@_attrs_define
class Desired:
    """
    Attributes:
        action (str):
        since (datetime.datetime):
        steps (list[int]):
        strategy (str):
        target (str):
        traffic (str):
        version (int):
        commit (str | Unset):
    """

    action: str
    since: datetime.datetime
    steps: list[int]
    strategy: str
    target: str
    traffic: str
    version: int
    commit: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        since = self.since.isoformat()

        steps = self.steps

        strategy = self.strategy

        target = self.target

        traffic = self.traffic

        version = self.version

        commit = self.commit

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "since": since,
                "steps": steps,
                "strategy": strategy,
                "target": target,
                "traffic": traffic,
                "version": version,
            }
        )
        if commit is not UNSET:
            field_dict["commit"] = commit

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        action = d.pop("action")

        since = datetime.datetime.fromisoformat(d.pop("since"))

        steps = cast(list[int], d.pop("steps"))

        strategy = d.pop("strategy")

        target = d.pop("target")

        traffic = d.pop("traffic")

        version = d.pop("version")

        commit = d.pop("commit", UNSET)

        desired = cls(
            action=action,
            since=since,
            steps=steps,
            strategy=strategy,
            target=target,
            traffic=traffic,
            version=version,
            commit=commit,
        )

        desired.additional_properties = d
        return desired

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
