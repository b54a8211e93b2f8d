from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.column import Column
    from ..models.dataset_tags import DatasetTags
    from ..models.ref import Ref
    from ..models.time_range import TimeRange


T = TypeVar("T", bound="Dataset")


@_attrs_define
class Dataset:
    """
    Attributes:
        content_digest (str): sha256: and 64 lowercase hex digits of the data's content (steward datasets register
            --path computes it)
        name (str): an entity name: [a-z0-9][a-z0-9._-]*, at most 128 characters, without '..'
        uri (str):
        description (str | Unset):
        parents (list[Ref] | Unset):
        row_count (int | Unset):
        schema (list[Column] | Unset):
        tags (DatasetTags | Unset): string keys matching [A-Za-z0-9][A-Za-z0-9._/-]* (at most 128 characters) to text of
            at most 4096 characters
        time_range (TimeRange | Unset):
    """

    content_digest: str
    name: str
    uri: str
    description: str | Unset = UNSET
    parents: list[Ref] | Unset = UNSET
    row_count: int | Unset = UNSET
    schema: list[Column] | Unset = UNSET
    tags: DatasetTags | Unset = UNSET
    time_range: TimeRange | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        content_digest = self.content_digest

        name = self.name

        uri = self.uri

        description = self.description

        parents: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.parents, Unset):
            parents = []
            for parents_item_data in self.parents:
                parents_item = parents_item_data.to_dict()
                parents.append(parents_item)

        row_count = self.row_count

        schema: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.schema, Unset):
            schema = []
            for schema_item_data in self.schema:
                schema_item = schema_item_data.to_dict()
                schema.append(schema_item)

        tags: dict[str, Any] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags.to_dict()

        time_range: dict[str, Any] | Unset = UNSET
        if not isinstance(self.time_range, Unset):
            time_range = self.time_range.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contentDigest": content_digest,
                "name": name,
                "uri": uri,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if parents is not UNSET:
            field_dict["parents"] = parents
        if row_count is not UNSET:
            field_dict["rowCount"] = row_count
        if schema is not UNSET:
            field_dict["schema"] = schema
        if tags is not UNSET:
            field_dict["tags"] = tags
        if time_range is not UNSET:
            field_dict["timeRange"] = time_range

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.column import Column
        from ..models.dataset_tags import DatasetTags
        from ..models.ref import Ref
        from ..models.time_range import TimeRange

        d = dict(src_dict)
        content_digest = d.pop("contentDigest")

        name = d.pop("name")

        uri = d.pop("uri")

        description = d.pop("description", UNSET)

        _parents = d.pop("parents", UNSET)
        parents: list[Ref] | Unset = UNSET
        if _parents is not UNSET:
            parents = []
            for parents_item_data in _parents:
                parents_item = Ref.from_dict(parents_item_data)

                parents.append(parents_item)

        row_count = d.pop("rowCount", UNSET)

        _schema = d.pop("schema", UNSET)
        schema: list[Column] | Unset = UNSET
        if _schema is not UNSET:
            schema = []
            for schema_item_data in _schema:
                schema_item = Column.from_dict(schema_item_data)

                schema.append(schema_item)

        _tags = d.pop("tags", UNSET)
        tags: DatasetTags | Unset
        if isinstance(_tags, Unset):
            tags = UNSET
        else:
            tags = DatasetTags.from_dict(_tags)

        _time_range = d.pop("timeRange", UNSET)
        time_range: TimeRange | Unset
        if isinstance(_time_range, Unset):
            time_range = UNSET
        else:
            time_range = TimeRange.from_dict(_time_range)

        dataset = cls(
            content_digest=content_digest,
            name=name,
            uri=uri,
            description=description,
            parents=parents,
            row_count=row_count,
            schema=schema,
            tags=tags,
            time_range=time_range,
        )

        dataset.additional_properties = d
        return dataset

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
