from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.impact_item import ImpactItem
    from ..models.reference import Reference


T = TypeVar("T", bound="Revocation")


@_attrs_define
class Revocation:
    """
    Attributes:
        dataset (Reference):
        id (str):
        impact (list[ImpactItem]):
        reason (str):
        revoked_at (datetime.datetime):
        revoked_by (str):
        scope (str):
        subjects (list[str]):
        successor (Reference | Unset):
    """

    dataset: Reference
    id: str
    impact: list[ImpactItem]
    reason: str
    revoked_at: datetime.datetime
    revoked_by: str
    scope: str
    subjects: list[str]
    successor: Reference | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        dataset = self.dataset.to_dict()

        id = self.id

        impact = []
        for impact_item_data in self.impact:
            impact_item = impact_item_data.to_dict()
            impact.append(impact_item)

        reason = self.reason

        revoked_at = self.revoked_at.isoformat()

        revoked_by = self.revoked_by

        scope = self.scope

        subjects = self.subjects

        successor: dict[str, Any] | Unset = UNSET
        if not isinstance(self.successor, Unset):
            successor = self.successor.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "dataset": dataset,
                "id": id,
                "impact": impact,
                "reason": reason,
                "revokedAt": revoked_at,
                "revokedBy": revoked_by,
                "scope": scope,
                "subjects": subjects,
            }
        )
        if successor is not UNSET:
            field_dict["successor"] = successor

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.impact_item import ImpactItem
        from ..models.reference import Reference

        d = dict(src_dict)
        dataset = Reference.from_dict(d.pop("dataset"))

        id = d.pop("id")

        impact = []
        _impact = d.pop("impact")
        for impact_item_data in _impact:
            impact_item = ImpactItem.from_dict(impact_item_data)

            impact.append(impact_item)

        reason = d.pop("reason")

        revoked_at = datetime.datetime.fromisoformat(d.pop("revokedAt"))

        revoked_by = d.pop("revokedBy")

        scope = d.pop("scope")

        subjects = cast(list[str], d.pop("subjects"))

        _successor = d.pop("successor", UNSET)
        successor: Reference | Unset
        if isinstance(_successor, Unset):
            successor = UNSET
        else:
            successor = Reference.from_dict(_successor)

        revocation = cls(
            dataset=dataset,
            id=id,
            impact=impact,
            reason=reason,
            revoked_at=revoked_at,
            revoked_by=revoked_by,
            scope=scope,
            subjects=subjects,
            successor=successor,
        )

        revocation.additional_properties = d
        return revocation

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
