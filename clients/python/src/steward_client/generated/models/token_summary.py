from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TokenSummary")


@_attrs_define
class TokenSummary:
    """
    Attributes:
        id (str):
        issued_at (datetime.datetime):
        issued_by (str):
        principal (str):
        roles (list[str]):
    """

    id: str
    issued_at: datetime.datetime
    issued_by: str
    principal: str
    roles: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        issued_at = self.issued_at.isoformat()

        issued_by = self.issued_by

        principal = self.principal

        roles = self.roles

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "issuedAt": issued_at,
                "issuedBy": issued_by,
                "principal": principal,
                "roles": roles,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        issued_at = datetime.datetime.fromisoformat(d.pop("issuedAt"))

        issued_by = d.pop("issuedBy")

        principal = d.pop("principal")

        roles = cast(list[str], d.pop("roles"))

        token_summary = cls(
            id=id,
            issued_at=issued_at,
            issued_by=issued_by,
            principal=principal,
            roles=roles,
        )

        token_summary.additional_properties = d
        return token_summary

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
