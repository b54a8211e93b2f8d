from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ReferenceChange")


@_attrs_define
class ReferenceChange:
    """
    Attributes:
        role (str):
        candidate (str | Unset):
        deployed (str | Unset):
    """

    role: str
    candidate: str | Unset = UNSET
    deployed: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        role = self.role

        candidate = self.candidate

        deployed = self.deployed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "role": role,
            }
        )
        if candidate is not UNSET:
            field_dict["candidate"] = candidate
        if deployed is not UNSET:
            field_dict["deployed"] = deployed

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        role = d.pop("role")

        candidate = d.pop("candidate", UNSET)

        deployed = d.pop("deployed", UNSET)

        reference_change = cls(
            role=role,
            candidate=candidate,
            deployed=deployed,
        )

        reference_change.additional_properties = d
        return reference_change

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
