from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.model_tags import ModelTags


T = TypeVar("T", bound="Model")


@_attrs_define
class Model:
    """
    Attributes:
        name (str):
        registered_at (datetime.datetime):
        registered_by (str):
        tags (ModelTags):
        description (str | Unset):
        digest (str | Unset):
    """

    name: str
    registered_at: datetime.datetime
    registered_by: str
    tags: ModelTags
    description: str | Unset = UNSET
    digest: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        registered_at = self.registered_at.isoformat()

        registered_by = self.registered_by

        tags = self.tags.to_dict()

        description = self.description

        digest = self.digest

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "registeredAt": registered_at,
                "registeredBy": registered_by,
                "tags": tags,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if digest is not UNSET:
            field_dict["digest"] = digest

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.model_tags import ModelTags

        d = dict(src_dict)
        name = d.pop("name")

        registered_at = datetime.datetime.fromisoformat(d.pop("registeredAt"))

        registered_by = d.pop("registeredBy")

        tags = ModelTags.from_dict(d.pop("tags"))

        description = d.pop("description", UNSET)

        digest = d.pop("digest", UNSET)

        model = cls(
            name=name,
            registered_at=registered_at,
            registered_by=registered_by,
            tags=tags,
            description=description,
            digest=digest,
        )

        model.additional_properties = d
        return model

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
