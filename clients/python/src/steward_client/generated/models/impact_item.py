from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ImpactItem")


@_attrs_define
class ImpactItem:
    """
    Attributes:
        action (str):
        detail (str):
        kind (str):
        name (str):
        why (str):
        at (datetime.datetime | Unset):
        digest (str | Unset):
        environment (str | Unset):
        version (int | Unset):
    """

    action: str
    detail: str
    kind: str
    name: str
    why: str
    at: datetime.datetime | Unset = UNSET
    digest: str | Unset = UNSET
    environment: str | Unset = UNSET
    version: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        detail = self.detail

        kind = self.kind

        name = self.name

        why = self.why

        at: str | Unset = UNSET
        if not isinstance(self.at, Unset):
            at = self.at.isoformat()

        digest = self.digest

        environment = self.environment

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "detail": detail,
                "kind": kind,
                "name": name,
                "why": why,
            }
        )
        if at is not UNSET:
            field_dict["at"] = at
        if digest is not UNSET:
            field_dict["digest"] = digest
        if environment is not UNSET:
            field_dict["environment"] = environment
        if version is not UNSET:
            field_dict["version"] = version

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        action = d.pop("action")

        detail = d.pop("detail")

        kind = d.pop("kind")

        name = d.pop("name")

        why = d.pop("why")

        _at = d.pop("at", UNSET)
        at: datetime.datetime | Unset
        if isinstance(_at, Unset):
            at = UNSET
        else:
            at = datetime.datetime.fromisoformat(_at)

        digest = d.pop("digest", UNSET)

        environment = d.pop("environment", UNSET)

        version = d.pop("version", UNSET)

        impact_item = cls(
            action=action,
            detail=detail,
            kind=kind,
            name=name,
            why=why,
            at=at,
            digest=digest,
            environment=environment,
            version=version,
        )

        impact_item.additional_properties = d
        return impact_item

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
