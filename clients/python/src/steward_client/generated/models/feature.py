from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Feature")


@_attrs_define
class Feature:
    """
    Attributes:
        dtype (str):
        name (str):
        pii (bool):
        business_label (str | Unset):
        description (str | Unset):
    """

    dtype: str
    name: str
    pii: bool
    business_label: str | Unset = UNSET
    description: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        dtype = self.dtype

        name = self.name

        pii = self.pii

        business_label = self.business_label

        description = self.description

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "dtype": dtype,
                "name": name,
                "pii": pii,
            }
        )
        if business_label is not UNSET:
            field_dict["businessLabel"] = business_label
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        dtype = d.pop("dtype")

        name = d.pop("name")

        pii = d.pop("pii")

        business_label = d.pop("businessLabel", UNSET)

        description = d.pop("description", UNSET)

        feature = cls(
            dtype=dtype,
            name=name,
            pii=pii,
            business_label=business_label,
            description=description,
        )

        feature.additional_properties = d
        return feature

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
