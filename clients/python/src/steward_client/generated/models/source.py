from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Source")


@_attrs_define
class Source:
    """
    Attributes:
        artifact_location (str):
        artifact_path (str):
        run_id (str):
        run_link (str):
        tracking_uri (str):
        flavor (str | Unset):
        registered_model (str | Unset):
        registered_version (str | Unset):
    """

    artifact_location: str
    artifact_path: str
    run_id: str
    run_link: str
    tracking_uri: str
    flavor: str | Unset = UNSET
    registered_model: str | Unset = UNSET
    registered_version: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        artifact_location = self.artifact_location

        artifact_path = self.artifact_path

        run_id = self.run_id

        run_link = self.run_link

        tracking_uri = self.tracking_uri

        flavor = self.flavor

        registered_model = self.registered_model

        registered_version = self.registered_version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "artifactLocation": artifact_location,
                "artifactPath": artifact_path,
                "runId": run_id,
                "runLink": run_link,
                "trackingUri": tracking_uri,
            }
        )
        if flavor is not UNSET:
            field_dict["flavor"] = flavor
        if registered_model is not UNSET:
            field_dict["registeredModel"] = registered_model
        if registered_version is not UNSET:
            field_dict["registeredVersion"] = registered_version

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        artifact_location = d.pop("artifactLocation")

        artifact_path = d.pop("artifactPath")

        run_id = d.pop("runId")

        run_link = d.pop("runLink")

        tracking_uri = d.pop("trackingUri")

        flavor = d.pop("flavor", UNSET)

        registered_model = d.pop("registeredModel", UNSET)

        registered_version = d.pop("registeredVersion", UNSET)

        source = cls(
            artifact_location=artifact_location,
            artifact_path=artifact_path,
            run_id=run_id,
            run_link=run_link,
            tracking_uri=tracking_uri,
            flavor=flavor,
            registered_model=registered_model,
            registered_version=registered_version,
        )

        source.additional_properties = d
        return source

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
