from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Refusal")


@_attrs_define
class Refusal:
    """
    Attributes:
        commit_id (str):
        reason (str):
        last_indexed_commit (str | Unset):
    """

    commit_id: str
    reason: str
    last_indexed_commit: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        commit_id = self.commit_id

        reason = self.reason

        last_indexed_commit = self.last_indexed_commit

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "commitId": commit_id,
                "reason": reason,
            }
        )
        if last_indexed_commit is not UNSET:
            field_dict["lastIndexedCommit"] = last_indexed_commit

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        commit_id = d.pop("commitId")

        reason = d.pop("reason")

        last_indexed_commit = d.pop("lastIndexedCommit", UNSET)

        refusal = cls(
            commit_id=commit_id,
            reason=reason,
            last_indexed_commit=last_indexed_commit,
        )

        refusal.additional_properties = d
        return refusal

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
