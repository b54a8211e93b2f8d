from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.feature import Feature
    from ..models.feature_set_tags import FeatureSetTags
    from ..models.ref import Ref


T = TypeVar("T", bound="FeatureSet")


@_attrs_define
class FeatureSet:
    """
    Attributes:
        features (list[Feature]):
        name (str): an entity name: [a-z0-9][a-z0-9._-]*, at most 128 characters, without '..'
        description (str | Unset):
        source_datasets (list[Ref] | Unset):
        tags (FeatureSetTags | Unset): string keys matching [A-Za-z0-9][A-Za-z0-9._/-]* (at most 128 characters) to text
            of at most 4096 characters
    """

    features: list[Feature]
    name: str
    description: str | Unset = UNSET
    source_datasets: list[Ref] | Unset = UNSET
    tags: FeatureSetTags | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        features = []
        for features_item_data in self.features:
            features_item = features_item_data.to_dict()
            features.append(features_item)

        name = self.name

        description = self.description

        source_datasets: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.source_datasets, Unset):
            source_datasets = []
            for source_datasets_item_data in self.source_datasets:
                source_datasets_item = source_datasets_item_data.to_dict()
                source_datasets.append(source_datasets_item)

        tags: dict[str, Any] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "features": features,
                "name": name,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if source_datasets is not UNSET:
            field_dict["sourceDatasets"] = source_datasets
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.feature import Feature
        from ..models.feature_set_tags import FeatureSetTags
        from ..models.ref import Ref

        d = dict(src_dict)
        features = []
        _features = d.pop("features")
        for features_item_data in _features:
            features_item = Feature.from_dict(features_item_data)

            features.append(features_item)

        name = d.pop("name")

        description = d.pop("description", UNSET)

        _source_datasets = d.pop("sourceDatasets", UNSET)
        source_datasets: list[Ref] | Unset = UNSET
        if _source_datasets is not UNSET:
            source_datasets = []
            for source_datasets_item_data in _source_datasets:
                source_datasets_item = Ref.from_dict(source_datasets_item_data)

                source_datasets.append(source_datasets_item)

        _tags = d.pop("tags", UNSET)
        tags: FeatureSetTags | Unset
        if isinstance(_tags, Unset):
            tags = UNSET
        else:
            tags = FeatureSetTags.from_dict(_tags)

        feature_set = cls(
            features=features,
            name=name,
            description=description,
            source_datasets=source_datasets,
            tags=tags,
        )

        feature_set.additional_properties = d
        return feature_set

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
