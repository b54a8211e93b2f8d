from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.comparison_metrics import ComparisonMetrics
    from ..models.reference_change import ReferenceChange


T = TypeVar("T", bound="Comparison")


@_attrs_define
class Comparison:
    """
    Attributes:
        changed_references (list[ReferenceChange]):
        metrics (ComparisonMetrics):
        deployed_version (int | Unset):
    """

    changed_references: list[ReferenceChange]
    metrics: ComparisonMetrics
    deployed_version: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        changed_references = []
        for changed_references_item_data in self.changed_references:
            changed_references_item = changed_references_item_data.to_dict()
            changed_references.append(changed_references_item)

        metrics = self.metrics.to_dict()

        deployed_version = self.deployed_version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "changedReferences": changed_references,
                "metrics": metrics,
            }
        )
        if deployed_version is not UNSET:
            field_dict["deployedVersion"] = deployed_version

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.comparison_metrics import ComparisonMetrics
        from ..models.reference_change import ReferenceChange

        d = dict(src_dict)
        changed_references = []
        _changed_references = d.pop("changedReferences")
        for changed_references_item_data in _changed_references:
            changed_references_item = ReferenceChange.from_dict(
                changed_references_item_data
            )

            changed_references.append(changed_references_item)

        metrics = ComparisonMetrics.from_dict(d.pop("metrics"))

        deployed_version = d.pop("deployedVersion", UNSET)

        comparison = cls(
            changed_references=changed_references,
            metrics=metrics,
            deployed_version=deployed_version,
        )

        comparison.additional_properties = d
        return comparison

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
