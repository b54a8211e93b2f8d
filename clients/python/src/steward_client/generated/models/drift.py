from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Drift")


@_attrs_define
class Drift:
    """
    Attributes:
        type_ (str):
        environment (str):
        cooldown (str | Unset):
        min_interval (str | Unset):
    """

    type_: str
    environment: str
    cooldown: str | Unset = UNSET
    min_interval: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        environment = self.environment

        cooldown = self.cooldown

        min_interval = self.min_interval

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "environment": environment,
            }
        )
        if cooldown is not UNSET:
            field_dict["cooldown"] = cooldown
        if min_interval is not UNSET:
            field_dict["minInterval"] = min_interval

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = d.pop("type")

        environment = d.pop("environment")

        cooldown = d.pop("cooldown", UNSET)

        min_interval = d.pop("minInterval", UNSET)

        drift = cls(
            type_=type_,
            environment=environment,
            cooldown=cooldown,
            min_interval=min_interval,
        )

        drift.additional_properties = d
        return drift

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
