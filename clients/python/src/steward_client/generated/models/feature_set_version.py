from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.feature import Feature
    from ..models.feature_set_version_tags import FeatureSetVersionTags
    from ..models.reference import Reference


T = TypeVar("T", bound="FeatureSetVersion")


@_attrs_define
class FeatureSetVersion:
    """
    Attributes:
        features (list[Feature]):
        name (str):
        registered_at (datetime.datetime):
        registered_by (str):
        source_datasets (list[Reference]):
        tags (FeatureSetVersionTags):
        version (int):
        description (str | Unset):
        digest (str | Unset):
    """

    features: list[Feature]
    name: str
    registered_at: datetime.datetime
    registered_by: str
    source_datasets: list[Reference]
    tags: FeatureSetVersionTags
    version: int
    description: str | Unset = UNSET
    digest: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        features = []
        for features_item_data in self.features:
            features_item = features_item_data.to_dict()
            features.append(features_item)

        name = self.name

        registered_at = self.registered_at.isoformat()

        registered_by = self.registered_by

        source_datasets = []
        for source_datasets_item_data in self.source_datasets:
            source_datasets_item = source_datasets_item_data.to_dict()
            source_datasets.append(source_datasets_item)

        tags = self.tags.to_dict()

        version = self.version

        description = self.description

        digest = self.digest

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "features": features,
                "name": name,
                "registeredAt": registered_at,
                "registeredBy": registered_by,
                "sourceDatasets": source_datasets,
                "tags": tags,
                "version": version,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if digest is not UNSET:
            field_dict["digest"] = digest

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.feature import Feature
        from ..models.feature_set_version_tags import FeatureSetVersionTags
        from ..models.reference import Reference

        d = dict(src_dict)
        features = []
        _features = d.pop("features")
        for features_item_data in _features:
            features_item = Feature.from_dict(features_item_data)

            features.append(features_item)

        name = d.pop("name")

        registered_at = datetime.datetime.fromisoformat(d.pop("registeredAt"))

        registered_by = d.pop("registeredBy")

        source_datasets = []
        _source_datasets = d.pop("sourceDatasets")
        for source_datasets_item_data in _source_datasets:
            source_datasets_item = Reference.from_dict(source_datasets_item_data)

            source_datasets.append(source_datasets_item)

        tags = FeatureSetVersionTags.from_dict(d.pop("tags"))

        version = d.pop("version")

        description = d.pop("description", UNSET)

        digest = d.pop("digest", UNSET)

        feature_set_version = cls(
            features=features,
            name=name,
            registered_at=registered_at,
            registered_by=registered_by,
            source_datasets=source_datasets,
            tags=tags,
            version=version,
            description=description,
            digest=digest,
        )

        feature_set_version.additional_properties = d
        return feature_set_version

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
