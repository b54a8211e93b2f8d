from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.refusal import Refusal


T = TypeVar("T", bound="Progress")


@_attrs_define
class Progress:
    """
    Attributes:
        commits (int):
        took (str): an ISO-8601 duration such as PT0.388S
        last_commit (str | Unset):
        refused (Refusal | Unset):
    """

    commits: int
    took: str
    last_commit: str | Unset = UNSET
    refused: Refusal | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        commits = self.commits

        took = self.took

        last_commit = self.last_commit

        refused: dict[str, Any] | Unset = UNSET
        if not isinstance(self.refused, Unset):
            refused = self.refused.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "commits": commits,
                "took": took,
            }
        )
        if last_commit is not UNSET:
            field_dict["lastCommit"] = last_commit
        if refused is not UNSET:
            field_dict["refused"] = refused

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.refusal import Refusal

        d = dict(src_dict)
        commits = d.pop("commits")

        took = d.pop("took")

        last_commit = d.pop("lastCommit", UNSET)

        _refused = d.pop("refused", UNSET)
        refused: Refusal | Unset
        if isinstance(_refused, Unset):
            refused = UNSET
        else:
            refused = Refusal.from_dict(_refused)

        progress = cls(
            commits=commits,
            took=took,
            last_commit=last_commit,
            refused=refused,
        )

        progress.additional_properties = d
        return progress

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
