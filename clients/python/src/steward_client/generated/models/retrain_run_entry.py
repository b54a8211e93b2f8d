from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.reference import Reference


T = TypeVar("T", bound="RetrainRunEntry")


@_attrs_define
class RetrainRunEntry:
    """
    Attributes:
        dataset (Reference):
        model (str):
        run (str):
        state (str):
        triggered_at (datetime.datetime):
        produced_version (int | Unset):
    """

    dataset: Reference
    model: str
    run: str
    state: str
    triggered_at: datetime.datetime
    produced_version: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        dataset = self.dataset.to_dict()

        model = self.model

        run = self.run

        state = self.state

        triggered_at = self.triggered_at.isoformat()

        produced_version = self.produced_version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "dataset": dataset,
                "model": model,
                "run": run,
                "state": state,
                "triggeredAt": triggered_at,
            }
        )
        if produced_version is not UNSET:
            field_dict["producedVersion"] = produced_version

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.reference import Reference

        d = dict(src_dict)
        dataset = Reference.from_dict(d.pop("dataset"))

        model = d.pop("model")

        run = d.pop("run")

        state = d.pop("state")

        triggered_at = datetime.datetime.fromisoformat(d.pop("triggeredAt"))

        produced_version = d.pop("producedVersion", UNSET)

        retrain_run_entry = cls(
            dataset=dataset,
            model=model,
            run=run,
            state=state,
            triggered_at=triggered_at,
            produced_version=produced_version,
        )

        retrain_run_entry.additional_properties = d
        return retrain_run_entry

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
