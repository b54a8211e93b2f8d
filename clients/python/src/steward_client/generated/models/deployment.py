from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.deployment_action import DeploymentAction
from ..models.deployment_target import DeploymentTarget
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.deployment_manifest import DeploymentManifest


T = TypeVar("T", bound="Deployment")


@_attrs_define
class Deployment:
    """
    Attributes:
        action (DeploymentAction):
        approvals (list[str]):
        environment (str):
        manifest (DeploymentManifest):
        model (str):
        model_version_digest (str):
        namespace (str):
        target (DeploymentTarget):
        version (int):
        written_at (datetime.datetime):
        written_by (str):
        previous_version (int | Unset):
        promotion (str | Unset):
        reason (str | Unset):
    """

    action: DeploymentAction
    approvals: list[str]
    environment: str
    manifest: DeploymentManifest
    model: str
    model_version_digest: str
    namespace: str
    target: DeploymentTarget
    version: int
    written_at: datetime.datetime
    written_by: str
    previous_version: int | Unset = UNSET
    promotion: str | Unset = UNSET
    reason: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action.value

        approvals = self.approvals

        environment = self.environment

        manifest = self.manifest.to_dict()

        model = self.model

        model_version_digest = self.model_version_digest

        namespace = self.namespace

        target = self.target.value

        version = self.version

        written_at = self.written_at.isoformat()

        written_by = self.written_by

        previous_version = self.previous_version

        promotion = self.promotion

        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "approvals": approvals,
                "environment": environment,
                "manifest": manifest,
                "model": model,
                "modelVersionDigest": model_version_digest,
                "namespace": namespace,
                "target": target,
                "version": version,
                "writtenAt": written_at,
                "writtenBy": written_by,
            }
        )
        if previous_version is not UNSET:
            field_dict["previousVersion"] = previous_version
        if promotion is not UNSET:
            field_dict["promotion"] = promotion
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.deployment_manifest import DeploymentManifest

        d = dict(src_dict)
        action = DeploymentAction(d.pop("action"))

        approvals = cast(list[str], d.pop("approvals"))

        environment = d.pop("environment")

        manifest = DeploymentManifest.from_dict(d.pop("manifest"))

        model = d.pop("model")

        model_version_digest = d.pop("modelVersionDigest")

        namespace = d.pop("namespace")

        target = DeploymentTarget(d.pop("target"))

        version = d.pop("version")

        written_at = datetime.datetime.fromisoformat(d.pop("writtenAt"))

        written_by = d.pop("writtenBy")

        previous_version = d.pop("previousVersion", UNSET)

        promotion = d.pop("promotion", UNSET)

        reason = d.pop("reason", UNSET)

        deployment = cls(
            action=action,
            approvals=approvals,
            environment=environment,
            manifest=manifest,
            model=model,
            model_version_digest=model_version_digest,
            namespace=namespace,
            target=target,
            version=version,
            written_at=written_at,
            written_by=written_by,
            previous_version=previous_version,
            promotion=promotion,
            reason=reason,
        )

        deployment.additional_properties = d
        return deployment

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
