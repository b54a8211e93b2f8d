from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.mismatch import Mismatch
    from ..models.refusal import Refusal


T = TypeVar("T", bound="Report")


@_attrs_define
class Report:
    """
    Attributes:
        commits (int):
        files (int):
        mismatches (list[Mismatch]):
        ok (bool):
        references (int):
        signatures (int):
        index_refused (Refusal | Unset):
        trust_start (str | Unset):
    """

    commits: int
    files: int
    mismatches: list[Mismatch]
    ok: bool
    references: int
    signatures: int
    index_refused: Refusal | Unset = UNSET
    trust_start: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        commits = self.commits

        files = self.files

        mismatches = []
        for mismatches_item_data in self.mismatches:
            mismatches_item = mismatches_item_data.to_dict()
            mismatches.append(mismatches_item)

        ok = self.ok

        references = self.references

        signatures = self.signatures

        index_refused: dict[str, Any] | Unset = UNSET
        if not isinstance(self.index_refused, Unset):
            index_refused = self.index_refused.to_dict()

        trust_start = self.trust_start

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "commits": commits,
                "files": files,
                "mismatches": mismatches,
                "ok": ok,
                "references": references,
                "signatures": signatures,
            }
        )
        if index_refused is not UNSET:
            field_dict["indexRefused"] = index_refused
        if trust_start is not UNSET:
            field_dict["trustStart"] = trust_start

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.mismatch import Mismatch
        from ..models.refusal import Refusal

        d = dict(src_dict)
        commits = d.pop("commits")

        files = d.pop("files")

        mismatches = []
        _mismatches = d.pop("mismatches")
        for mismatches_item_data in _mismatches:
            mismatches_item = Mismatch.from_dict(mismatches_item_data)

            mismatches.append(mismatches_item)

        ok = d.pop("ok")

        references = d.pop("references")

        signatures = d.pop("signatures")

        _index_refused = d.pop("indexRefused", UNSET)
        index_refused: Refusal | Unset
        if isinstance(_index_refused, Unset):
            index_refused = UNSET
        else:
            index_refused = Refusal.from_dict(_index_refused)

        trust_start = d.pop("trustStart", UNSET)

        report = cls(
            commits=commits,
            files=files,
            mismatches=mismatches,
            ok=ok,
            references=references,
            signatures=signatures,
            index_refused=index_refused,
            trust_start=trust_start,
        )

        report.additional_properties = d
        return report

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
