from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.column import Column
    from ..models.dataset_version_tags import DatasetVersionTags
    from ..models.reference import Reference
    from ..models.time_range import TimeRange


T = TypeVar("T", bound="DatasetVersion")


@_attrs_define
class DatasetVersion:
    """
    Attributes:
        content_digest (str):
        name (str):
        parents (list[Reference]):
        registered_at (datetime.datetime):
        registered_by (str):
        schema (list[Column]):
        tags (DatasetVersionTags):
        uri (str):
        version (int):
        description (str | Unset):
        digest (str | Unset):
        row_count (int | Unset):
        time_range (TimeRange | Unset):
    """

    content_digest: str
    name: str
    parents: list[Reference]
    registered_at: datetime.datetime
    registered_by: str
    schema: list[Column]
    tags: DatasetVersionTags
    uri: str
    version: int
    description: str | Unset = UNSET
    digest: str | Unset = UNSET
    row_count: int | Unset = UNSET
    time_range: TimeRange | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        content_digest = self.content_digest

        name = self.name

        parents = []
        for parents_item_data in self.parents:
            parents_item = parents_item_data.to_dict()
            parents.append(parents_item)

        registered_at = self.registered_at.isoformat()

        registered_by = self.registered_by

        schema = []
        for schema_item_data in self.schema:
            schema_item = schema_item_data.to_dict()
            schema.append(schema_item)

        tags = self.tags.to_dict()

        uri = self.uri

        version = self.version

        description = self.description

        digest = self.digest

        row_count = self.row_count

        time_range: dict[str, Any] | Unset = UNSET
        if not isinstance(self.time_range, Unset):
            time_range = self.time_range.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contentDigest": content_digest,
                "name": name,
                "parents": parents,
                "registeredAt": registered_at,
                "registeredBy": registered_by,
                "schema": schema,
                "tags": tags,
                "uri": uri,
                "version": version,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if digest is not UNSET:
            field_dict["digest"] = digest
        if row_count is not UNSET:
            field_dict["rowCount"] = row_count
        if time_range is not UNSET:
            field_dict["timeRange"] = time_range

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.column import Column
        from ..models.dataset_version_tags import DatasetVersionTags
        from ..models.reference import Reference
        from ..models.time_range import TimeRange

        d = dict(src_dict)
        content_digest = d.pop("contentDigest")

        name = d.pop("name")

        parents = []
        _parents = d.pop("parents")
        for parents_item_data in _parents:
            parents_item = Reference.from_dict(parents_item_data)

            parents.append(parents_item)

        registered_at = datetime.datetime.fromisoformat(d.pop("registeredAt"))

        registered_by = d.pop("registeredBy")

        schema = []
        _schema = d.pop("schema")
        for schema_item_data in _schema:
            schema_item = Column.from_dict(schema_item_data)

            schema.append(schema_item)

        tags = DatasetVersionTags.from_dict(d.pop("tags"))

        uri = d.pop("uri")

        version = d.pop("version")

        description = d.pop("description", UNSET)

        digest = d.pop("digest", UNSET)

        row_count = d.pop("rowCount", UNSET)

        _time_range = d.pop("timeRange", UNSET)
        time_range: TimeRange | Unset
        if isinstance(_time_range, Unset):
            time_range = UNSET
        else:
            time_range = TimeRange.from_dict(_time_range)

        dataset_version = cls(
            content_digest=content_digest,
            name=name,
            parents=parents,
            registered_at=registered_at,
            registered_by=registered_by,
            schema=schema,
            tags=tags,
            uri=uri,
            version=version,
            description=description,
            digest=digest,
            row_count=row_count,
            time_range=time_range,
        )

        dataset_version.additional_properties = d
        return dataset_version

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
