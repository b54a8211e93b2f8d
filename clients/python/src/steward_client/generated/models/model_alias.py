from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ModelAlias")


@_attrs_define
class ModelAlias:
    """
    Attributes:
        alias (str):
        model (str):
        moved_at (datetime.datetime):
        moved_by (str):
        version (int):
    """

    alias: str
    model: str
    moved_at: datetime.datetime
    moved_by: str
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        alias = self.alias

        model = self.model

        moved_at = self.moved_at.isoformat()

        moved_by = self.moved_by

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "alias": alias,
                "model": model,
                "movedAt": moved_at,
                "movedBy": moved_by,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        alias = d.pop("alias")

        model = d.pop("model")

        moved_at = datetime.datetime.fromisoformat(d.pop("movedAt"))

        moved_by = d.pop("movedBy")

        version = d.pop("version")

        model_alias = cls(
            alias=alias,
            model=model,
            moved_at=moved_at,
            moved_by=moved_by,
            version=version,
        )

        model_alias.additional_properties = d
        return model_alias

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
