from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AlertResult")


@_attrs_define
class AlertResult:
    """
    Attributes:
        action (str):
        alertname (str):
        environment (str):
        fingerprint (str):
        model (str):
        outcome (str):
        starts_at (str):
        status (str):
        commit (str | Unset):
        reason (str | Unset):
        version (int | Unset):
    """

    action: str
    alertname: str
    environment: str
    fingerprint: str
    model: str
    outcome: str
    starts_at: str
    status: str
    commit: str | Unset = UNSET
    reason: str | Unset = UNSET
    version: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        alertname = self.alertname

        environment = self.environment

        fingerprint = self.fingerprint

        model = self.model

        outcome = self.outcome

        starts_at = self.starts_at

        status = self.status

        commit = self.commit

        reason = self.reason

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "alertname": alertname,
                "environment": environment,
                "fingerprint": fingerprint,
                "model": model,
                "outcome": outcome,
                "startsAt": starts_at,
                "status": status,
            }
        )
        if commit is not UNSET:
            field_dict["commit"] = commit
        if reason is not UNSET:
            field_dict["reason"] = reason
        if version is not UNSET:
            field_dict["version"] = version

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        action = d.pop("action")

        alertname = d.pop("alertname")

        environment = d.pop("environment")

        fingerprint = d.pop("fingerprint")

        model = d.pop("model")

        outcome = d.pop("outcome")

        starts_at = d.pop("startsAt")

        status = d.pop("status")

        commit = d.pop("commit", UNSET)

        reason = d.pop("reason", UNSET)

        version = d.pop("version", UNSET)

        alert_result = cls(
            action=action,
            alertname=alertname,
            environment=environment,
            fingerprint=fingerprint,
            model=model,
            outcome=outcome,
            starts_at=starts_at,
            status=status,
            commit=commit,
            reason=reason,
            version=version,
        )

        alert_result.additional_properties = d
        return alert_result

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
