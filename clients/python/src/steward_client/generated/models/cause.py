from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.reference import Reference


T = TypeVar("T", bound="Cause")


@_attrs_define
class Cause:
    """
    Attributes:
        kind (str):
        alert (str | Unset):
        dataset (Reference | Unset):
        drift_report (int | Unset):
        drifted_version (int | Unset):
        environment (str | Unset):
        expression (str | Unset):
        fired_at (datetime.datetime | Unset):
        reason (str | Unset):
        requested_by (str | Unset):
        scheduled_at (datetime.datetime | Unset):
        time_zone (str | Unset):
    """

    kind: str
    alert: str | Unset = UNSET
    dataset: Reference | Unset = UNSET
    drift_report: int | Unset = UNSET
    drifted_version: int | Unset = UNSET
    environment: str | Unset = UNSET
    expression: str | Unset = UNSET
    fired_at: datetime.datetime | Unset = UNSET
    reason: str | Unset = UNSET
    requested_by: str | Unset = UNSET
    scheduled_at: datetime.datetime | Unset = UNSET
    time_zone: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind

        alert = self.alert

        dataset: dict[str, Any] | Unset = UNSET
        if not isinstance(self.dataset, Unset):
            dataset = self.dataset.to_dict()

        drift_report = self.drift_report

        drifted_version = self.drifted_version

        environment = self.environment

        expression = self.expression

        fired_at: str | Unset = UNSET
        if not isinstance(self.fired_at, Unset):
            fired_at = self.fired_at.isoformat()

        reason = self.reason

        requested_by = self.requested_by

        scheduled_at: str | Unset = UNSET
        if not isinstance(self.scheduled_at, Unset):
            scheduled_at = self.scheduled_at.isoformat()

        time_zone = self.time_zone

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kind": kind,
            }
        )
        if alert is not UNSET:
            field_dict["alert"] = alert
        if dataset is not UNSET:
            field_dict["dataset"] = dataset
        if drift_report is not UNSET:
            field_dict["driftReport"] = drift_report
        if drifted_version is not UNSET:
            field_dict["driftedVersion"] = drifted_version
        if environment is not UNSET:
            field_dict["environment"] = environment
        if expression is not UNSET:
            field_dict["expression"] = expression
        if fired_at is not UNSET:
            field_dict["firedAt"] = fired_at
        if reason is not UNSET:
            field_dict["reason"] = reason
        if requested_by is not UNSET:
            field_dict["requestedBy"] = requested_by
        if scheduled_at is not UNSET:
            field_dict["scheduledAt"] = scheduled_at
        if time_zone is not UNSET:
            field_dict["timeZone"] = time_zone

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.reference import Reference

        d = dict(src_dict)
        kind = d.pop("kind")

        alert = d.pop("alert", UNSET)

        _dataset = d.pop("dataset", UNSET)
        dataset: Reference | Unset
        if isinstance(_dataset, Unset):
            dataset = UNSET
        else:
            dataset = Reference.from_dict(_dataset)

        drift_report = d.pop("driftReport", UNSET)

        drifted_version = d.pop("driftedVersion", UNSET)

        environment = d.pop("environment", UNSET)

        expression = d.pop("expression", UNSET)

        _fired_at = d.pop("firedAt", UNSET)
        fired_at: datetime.datetime | Unset
        if isinstance(_fired_at, Unset):
            fired_at = UNSET
        else:
            fired_at = datetime.datetime.fromisoformat(_fired_at)

        reason = d.pop("reason", UNSET)

        requested_by = d.pop("requestedBy", UNSET)

        _scheduled_at = d.pop("scheduledAt", UNSET)
        scheduled_at: datetime.datetime | Unset
        if isinstance(_scheduled_at, Unset):
            scheduled_at = UNSET
        else:
            scheduled_at = datetime.datetime.fromisoformat(_scheduled_at)

        time_zone = d.pop("timeZone", UNSET)

        cause = cls(
            kind=kind,
            alert=alert,
            dataset=dataset,
            drift_report=drift_report,
            drifted_version=drifted_version,
            environment=environment,
            expression=expression,
            fired_at=fired_at,
            reason=reason,
            requested_by=requested_by,
            scheduled_at=scheduled_at,
            time_zone=time_zone,
        )

        cause.additional_properties = d
        return cause

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
