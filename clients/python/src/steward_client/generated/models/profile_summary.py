from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.segment_summary import SegmentSummary


T = TypeVar("T", bound="ProfileSummary")


@_attrs_define
class ProfileSummary:
    """
    Attributes:
        created_at (datetime.datetime):
        created_by (str):
        labelled (int):
        model (str):
        rows (int):
        segments (list[SegmentSummary]):
        version (int):
        features (list[str] | Unset):
    """

    created_at: datetime.datetime
    created_by: str
    labelled: int
    model: str
    rows: int
    segments: list[SegmentSummary]
    version: int
    features: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        created_by = self.created_by

        labelled = self.labelled

        model = self.model

        rows = self.rows

        segments = []
        for segments_item_data in self.segments:
            segments_item = segments_item_data.to_dict()
            segments.append(segments_item)

        version = self.version

        features: list[str] | Unset = UNSET
        if not isinstance(self.features, Unset):
            features = self.features

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "createdAt": created_at,
                "createdBy": created_by,
                "labelled": labelled,
                "model": model,
                "rows": rows,
                "segments": segments,
                "version": version,
            }
        )
        if features is not UNSET:
            field_dict["features"] = features

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.segment_summary import SegmentSummary

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        created_by = d.pop("createdBy")

        labelled = d.pop("labelled")

        model = d.pop("model")

        rows = d.pop("rows")

        segments = []
        _segments = d.pop("segments")
        for segments_item_data in _segments:
            segments_item = SegmentSummary.from_dict(segments_item_data)

            segments.append(segments_item)

        version = d.pop("version")

        features = cast(list[str], d.pop("features", UNSET))

        profile_summary = cls(
            created_at=created_at,
            created_by=created_by,
            labelled=labelled,
            model=model,
            rows=rows,
            segments=segments,
            version=version,
            features=features,
        )

        profile_summary.additional_properties = d
        return profile_summary

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
