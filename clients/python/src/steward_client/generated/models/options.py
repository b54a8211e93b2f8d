from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Options")


@_attrs_define
class Options:
    """
    Attributes:
        bins (int | Unset):
        drift_share (float | Unset):
        label_column (str | Unset):
        psi_threshold (float | Unset):
        score_column (str | Unset):
    """

    bins: int | Unset = UNSET
    drift_share: float | Unset = UNSET
    label_column: str | Unset = UNSET
    psi_threshold: float | Unset = UNSET
    score_column: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bins = self.bins

        drift_share = self.drift_share

        label_column = self.label_column

        psi_threshold = self.psi_threshold

        score_column = self.score_column

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if bins is not UNSET:
            field_dict["bins"] = bins
        if drift_share is not UNSET:
            field_dict["driftShare"] = drift_share
        if label_column is not UNSET:
            field_dict["labelColumn"] = label_column
        if psi_threshold is not UNSET:
            field_dict["psiThreshold"] = psi_threshold
        if score_column is not UNSET:
            field_dict["scoreColumn"] = score_column

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        bins = d.pop("bins", UNSET)

        drift_share = d.pop("driftShare", UNSET)

        label_column = d.pop("labelColumn", UNSET)

        psi_threshold = d.pop("psiThreshold", UNSET)

        score_column = d.pop("scoreColumn", UNSET)

        options = cls(
            bins=bins,
            drift_share=drift_share,
            label_column=label_column,
            psi_threshold=psi_threshold,
            score_column=score_column,
        )

        options.additional_properties = d
        return options

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
