from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.threshold_set_tags import ThresholdSetTags
    from ..models.threshold_set_values import ThresholdSetValues


T = TypeVar("T", bound="ThresholdSet")


@_attrs_define
class ThresholdSet:
    """
    Attributes:
        name (str): an entity name: [a-z0-9][a-z0-9._-]*, at most 128 characters, without '..'
        values (ThresholdSetValues):
        description (str | Unset):
        tags (ThresholdSetTags | Unset): string keys matching [A-Za-z0-9][A-Za-z0-9._/-]* (at most 128 characters) to
            text of at most 4096 characters
    """

    name: str
    values: ThresholdSetValues
    description: str | Unset = UNSET
    tags: ThresholdSetTags | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        values = self.values.to_dict()

        description = self.description

        tags: dict[str, Any] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "values": values,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.threshold_set_tags import ThresholdSetTags
        from ..models.threshold_set_values import ThresholdSetValues

        d = dict(src_dict)
        name = d.pop("name")

        values = ThresholdSetValues.from_dict(d.pop("values"))

        description = d.pop("description", UNSET)

        _tags = d.pop("tags", UNSET)
        tags: ThresholdSetTags | Unset
        if isinstance(_tags, Unset):
            tags = UNSET
        else:
            tags = ThresholdSetTags.from_dict(_tags)

        threshold_set = cls(
            name=name,
            values=values,
            description=description,
            tags=tags,
        )

        threshold_set.additional_properties = d
        return threshold_set

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
