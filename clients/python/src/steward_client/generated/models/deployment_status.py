from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.deployment_status_action import DeploymentStatusAction
from ..models.deployment_status_target import DeploymentStatusTarget
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.deployment_status_manifest import DeploymentStatusManifest
    from ..models.desired import Desired
    from ..models.observed import Observed
    from ..models.rollout_view import RolloutView


T = TypeVar("T", bound="DeploymentStatus")


@_attrs_define
class DeploymentStatus:
    """
    Attributes:
        action (DeploymentStatusAction):
        approvals (list[str]):
        desired (Desired):
        environment (str):
        manifest (DeploymentStatusManifest):
        model (str):
        model_version_digest (str):
        namespace (str):
        target (DeploymentStatusTarget):
        version (int):
        written_at (datetime.datetime):
        written_by (str):
        observed (Observed | Unset):
        previous_version (int | Unset):
        promotion (str | Unset):
        reason (str | Unset):
        rollout (RolloutView | Unset):
    """

    action: DeploymentStatusAction
    approvals: list[str]
    desired: Desired
    environment: str
    manifest: DeploymentStatusManifest
    model: str
    model_version_digest: str
    namespace: str
    target: DeploymentStatusTarget
    version: int
    written_at: datetime.datetime
    written_by: str
    observed: Observed | Unset = UNSET
    previous_version: int | Unset = UNSET
    promotion: str | Unset = UNSET
    reason: str | Unset = UNSET
    rollout: RolloutView | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action.value

        approvals = self.approvals

        desired = self.desired.to_dict()

        environment = self.environment

        manifest = self.manifest.to_dict()

        model = self.model

        model_version_digest = self.model_version_digest

        namespace = self.namespace

        target = self.target.value

        version = self.version

        written_at = self.written_at.isoformat()

        written_by = self.written_by

        observed: dict[str, Any] | Unset = UNSET
        if not isinstance(self.observed, Unset):
            observed = self.observed.to_dict()

        previous_version = self.previous_version

        promotion = self.promotion

        reason = self.reason

        rollout: dict[str, Any] | Unset = UNSET
        if not isinstance(self.rollout, Unset):
            rollout = self.rollout.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "approvals": approvals,
                "desired": desired,
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
        if observed is not UNSET:
            field_dict["observed"] = observed
        if previous_version is not UNSET:
            field_dict["previousVersion"] = previous_version
        if promotion is not UNSET:
            field_dict["promotion"] = promotion
        if reason is not UNSET:
            field_dict["reason"] = reason
        if rollout is not UNSET:
            field_dict["rollout"] = rollout

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.deployment_status_manifest import DeploymentStatusManifest
        from ..models.desired import Desired
        from ..models.observed import Observed
        from ..models.rollout_view import RolloutView

        d = dict(src_dict)
        action = DeploymentStatusAction(d.pop("action"))

        approvals = cast(list[str], d.pop("approvals"))

        desired = Desired.from_dict(d.pop("desired"))

        environment = d.pop("environment")

        manifest = DeploymentStatusManifest.from_dict(d.pop("manifest"))

        model = d.pop("model")

        model_version_digest = d.pop("modelVersionDigest")

        namespace = d.pop("namespace")

        target = DeploymentStatusTarget(d.pop("target"))

        version = d.pop("version")

        written_at = datetime.datetime.fromisoformat(d.pop("writtenAt"))

        written_by = d.pop("writtenBy")

        _observed = d.pop("observed", UNSET)
        observed: Observed | Unset
        if isinstance(_observed, Unset):
            observed = UNSET
        else:
            observed = Observed.from_dict(_observed)

        previous_version = d.pop("previousVersion", UNSET)

        promotion = d.pop("promotion", UNSET)

        reason = d.pop("reason", UNSET)

        _rollout = d.pop("rollout", UNSET)
        rollout: RolloutView | Unset
        if isinstance(_rollout, Unset):
            rollout = UNSET
        else:
            rollout = RolloutView.from_dict(_rollout)

        deployment_status = cls(
            action=action,
            approvals=approvals,
            desired=desired,
            environment=environment,
            manifest=manifest,
            model=model,
            model_version_digest=model_version_digest,
            namespace=namespace,
            target=target,
            version=version,
            written_at=written_at,
            written_by=written_by,
            observed=observed,
            previous_version=previous_version,
            promotion=promotion,
            reason=reason,
            rollout=rollout,
        )

        deployment_status.additional_properties = d
        return deployment_status

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
