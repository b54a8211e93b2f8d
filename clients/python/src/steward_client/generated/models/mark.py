from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.ref import Ref


T = TypeVar("T", bound="Mark")


@_attrs_define
class Mark:
    """
    Attributes:
        dataset (Ref):
        mark (str):
        reason (str):
        recorded (bool):
        revocation (str):
        revoked_at (datetime.datetime):
        revoked_by (str):
    """

    dataset: Ref
    mark: str
    reason: str
    recorded: bool
    revocation: str
    revoked_at: datetime.datetime
    revoked_by: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        dataset = self.dataset.to_dict()

        mark = self.mark

        reason = self.reason

        recorded = self.recorded

        revocation = self.revocation

        revoked_at = self.revoked_at.isoformat()

        revoked_by = self.revoked_by

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "dataset": dataset,
                "mark": mark,
                "reason": reason,
                "recorded": recorded,
                "revocation": revocation,
                "revokedAt": revoked_at,
                "revokedBy": revoked_by,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.ref import Ref

        d = dict(src_dict)
        dataset = Ref.from_dict(d.pop("dataset"))

        mark = d.pop("mark")

        reason = d.pop("reason")

        recorded = d.pop("recorded")

        revocation = d.pop("revocation")

        revoked_at = datetime.datetime.fromisoformat(d.pop("revokedAt"))

        revoked_by = d.pop("revokedBy")

        mark = cls(
            dataset=dataset,
            mark=mark,
            reason=reason,
            recorded=recorded,
            revocation=revocation,
            revoked_at=revoked_at,
            revoked_by=revoked_by,
        )

        mark.additional_properties = d
        return mark

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
