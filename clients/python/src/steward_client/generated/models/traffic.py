from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Traffic")


@_attrs_define
class Traffic:
    """
    Attributes:
        latest_revision (bool):
        percent (int):
        revision (str):
        tag (str | Unset):
        version (int | Unset):
    """

    latest_revision: bool
    percent: int
    revision: str
    tag: str | Unset = UNSET
    version: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        latest_revision = self.latest_revision

        percent = self.percent

        revision = self.revision

        tag = self.tag

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "latestRevision": latest_revision,
                "percent": percent,
                "revision": revision,
            }
        )
        if tag is not UNSET:
            field_dict["tag"] = tag
        if version is not UNSET:
            field_dict["version"] = version

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        latest_revision = d.pop("latestRevision")

        percent = d.pop("percent")

        revision = d.pop("revision")

        tag = d.pop("tag", UNSET)

        version = d.pop("version", UNSET)

        traffic = cls(
            latest_revision=latest_revision,
            percent=percent,
            revision=revision,
            tag=tag,
            version=version,
        )

        traffic.additional_properties = d
        return traffic

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
