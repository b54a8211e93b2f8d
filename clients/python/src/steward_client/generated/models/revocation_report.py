from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.commit_entry import CommitEntry
    from ..models.retrain_run_entry import RetrainRunEntry
    from ..models.revocation import Revocation


T = TypeVar("T", bound="RevocationReport")


@_attrs_define
class RevocationReport:
    """
    Attributes:
        commits (list[CommitEntry]):
        retrain_runs (list[RetrainRunEntry]):
        revocation (Revocation):
    """

    commits: list[CommitEntry]
    retrain_runs: list[RetrainRunEntry]
    revocation: Revocation
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        commits = []
        for commits_item_data in self.commits:
            commits_item = commits_item_data.to_dict()
            commits.append(commits_item)

        retrain_runs = []
        for retrain_runs_item_data in self.retrain_runs:
            retrain_runs_item = retrain_runs_item_data.to_dict()
            retrain_runs.append(retrain_runs_item)

        revocation = self.revocation.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "commits": commits,
                "retrainRuns": retrain_runs,
                "revocation": revocation,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.commit_entry import CommitEntry
        from ..models.retrain_run_entry import RetrainRunEntry
        from ..models.revocation import Revocation

        d = dict(src_dict)
        commits = []
        _commits = d.pop("commits")
        for commits_item_data in _commits:
            commits_item = CommitEntry.from_dict(commits_item_data)

            commits.append(commits_item)

        retrain_runs = []
        _retrain_runs = d.pop("retrainRuns")
        for retrain_runs_item_data in _retrain_runs:
            retrain_runs_item = RetrainRunEntry.from_dict(retrain_runs_item_data)

            retrain_runs.append(retrain_runs_item)

        revocation = Revocation.from_dict(d.pop("revocation"))

        revocation_report = cls(
            commits=commits,
            retrain_runs=retrain_runs,
            revocation=revocation,
        )

        revocation_report.additional_properties = d
        return revocation_report

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
