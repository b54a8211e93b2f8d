from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="MlflowImportRequest")


@_attrs_define
class MlflowImportRequest:
    """
    Attributes:
        alias (str | Unset):
        artifact_path (str | Unset):
        model (str | Unset):
        registered_model (str | Unset):
        run_id (str | Unset):
        tracking_uri (str | Unset):
        version (str | Unset):
    """

    alias: str | Unset = UNSET
    artifact_path: str | Unset = UNSET
    model: str | Unset = UNSET
    registered_model: str | Unset = UNSET
    run_id: str | Unset = UNSET
    tracking_uri: str | Unset = UNSET
    version: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        alias = self.alias

        artifact_path = self.artifact_path

        model = self.model

        registered_model = self.registered_model

        run_id = self.run_id

        tracking_uri = self.tracking_uri

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if alias is not UNSET:
            field_dict["alias"] = alias
        if artifact_path is not UNSET:
            field_dict["artifactPath"] = artifact_path
        if model is not UNSET:
            field_dict["model"] = model
        if registered_model is not UNSET:
            field_dict["registeredModel"] = registered_model
        if run_id is not UNSET:
            field_dict["runId"] = run_id
        if tracking_uri is not UNSET:
            field_dict["trackingUri"] = tracking_uri
        if version is not UNSET:
            field_dict["version"] = version

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        alias = d.pop("alias", UNSET)

        artifact_path = d.pop("artifactPath", UNSET)

        model = d.pop("model", UNSET)

        registered_model = d.pop("registeredModel", UNSET)

        run_id = d.pop("runId", UNSET)

        tracking_uri = d.pop("trackingUri", UNSET)

        version = d.pop("version", UNSET)

        mlflow_import_request = cls(
            alias=alias,
            artifact_path=artifact_path,
            model=model,
            registered_model=registered_model,
            run_id=run_id,
            tracking_uri=tracking_uri,
            version=version,
        )

        mlflow_import_request.additional_properties = d
        return mlflow_import_request

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
