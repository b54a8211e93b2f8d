from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ref import Ref


T = TypeVar("T", bound="RevocationRequest")


@_attrs_define
class RevocationRequest:
    """
    Attributes:
        reason (str | Unset):
        scope (str | Unset):
        subjects (list[str] | Unset):
        successor (Ref | Unset):
    """

    reason: str | Unset = UNSET
    scope: str | Unset = UNSET
    subjects: list[str] | Unset = UNSET
    successor: Ref | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason

        scope = self.scope

        subjects: list[str] | Unset = UNSET
        if not isinstance(self.subjects, Unset):
            subjects = self.subjects

        successor: dict[str, Any] | Unset = UNSET
        if not isinstance(self.successor, Unset):
            successor = self.successor.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if reason is not UNSET:
            field_dict["reason"] = reason
        if scope is not UNSET:
            field_dict["scope"] = scope
        if subjects is not UNSET:
            field_dict["subjects"] = subjects
        if successor is not UNSET:
            field_dict["successor"] = successor

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.ref import Ref

        d = dict(src_dict)
        reason = d.pop("reason", UNSET)

        scope = d.pop("scope", UNSET)

        subjects = cast(list[str], d.pop("subjects", UNSET))

        _successor = d.pop("successor", UNSET)
        successor: Ref | Unset
        if isinstance(_successor, Unset):
            successor = UNSET
        else:
            successor = Ref.from_dict(_successor)

        revocation_request = cls(
            reason=reason,
            scope=scope,
            subjects=subjects,
            successor=successor,
        )

        revocation_request.additional_properties = d
        return revocation_request

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
