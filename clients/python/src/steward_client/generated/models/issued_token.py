from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="IssuedToken")


@_attrs_define
class IssuedToken:
    """
    Attributes:
        id (str):
        issued_at (datetime.datetime):
        principal (str):
        roles (list[str]):
        token (str):
    """

    id: str
    issued_at: datetime.datetime
    principal: str
    roles: list[str]
    token: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        issued_at = self.issued_at.isoformat()

        principal = self.principal

        roles = self.roles

        token = self.token

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "issuedAt": issued_at,
                "principal": principal,
                "roles": roles,
                "token": token,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        issued_at = datetime.datetime.fromisoformat(d.pop("issuedAt"))

        principal = d.pop("principal")

        roles = cast(list[str], d.pop("roles"))

        token = d.pop("token")

        issued_token = cls(
            id=id,
            issued_at=issued_at,
            principal=principal,
            roles=roles,
            token=token,
        )

        issued_token.additional_properties = d
        return issued_token

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
