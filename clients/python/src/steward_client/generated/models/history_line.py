from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.history_line_links import HistoryLineLinks


T = TypeVar("T", bound="HistoryLine")


@_attrs_define
class HistoryLine:
    """
    Attributes:
        delivery (str):
        http_status (int):
        id (int):
        links (HistoryLineLinks):
        outcome (str):
        received_at (datetime.datetime):
        source (str):
        action (str | Unset):
        alertname (str | Unset):
        commit (str | Unset):
        environment (str | Unset):
        fingerprint (str | Unset):
        model (str | Unset):
        principal (str | Unset):
        reason (str | Unset):
        receiver (str | Unset):
        remote_address (str | Unset):
        starts_at (str | Unset):
        status (str | Unset):
        truncated_alerts (int | Unset):
        version (int | Unset):
    """

    delivery: str
    http_status: int
    id: int
    links: HistoryLineLinks
    outcome: str
    received_at: datetime.datetime
    source: str
    action: str | Unset = UNSET
    alertname: str | Unset = UNSET
    commit: str | Unset = UNSET
    environment: str | Unset = UNSET
    fingerprint: str | Unset = UNSET
    model: str | Unset = UNSET
    principal: str | Unset = UNSET
    reason: str | Unset = UNSET
    receiver: str | Unset = UNSET
    remote_address: str | Unset = UNSET
    starts_at: str | Unset = UNSET
    status: str | Unset = UNSET
    truncated_alerts: int | Unset = UNSET
    version: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        delivery = self.delivery

        http_status = self.http_status

        id = self.id

        links = self.links.to_dict()

        outcome = self.outcome

        received_at = self.received_at.isoformat()

        source = self.source

        action = self.action

        alertname = self.alertname

        commit = self.commit

        environment = self.environment

        fingerprint = self.fingerprint

        model = self.model

        principal = self.principal

        reason = self.reason

        receiver = self.receiver

        remote_address = self.remote_address

        starts_at = self.starts_at

        status = self.status

        truncated_alerts = self.truncated_alerts

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "delivery": delivery,
                "httpStatus": http_status,
                "id": id,
                "links": links,
                "outcome": outcome,
                "receivedAt": received_at,
                "source": source,
            }
        )
        if action is not UNSET:
            field_dict["action"] = action
        if alertname is not UNSET:
            field_dict["alertname"] = alertname
        if commit is not UNSET:
            field_dict["commit"] = commit
        if environment is not UNSET:
            field_dict["environment"] = environment
        if fingerprint is not UNSET:
            field_dict["fingerprint"] = fingerprint
        if model is not UNSET:
            field_dict["model"] = model
        if principal is not UNSET:
            field_dict["principal"] = principal
        if reason is not UNSET:
            field_dict["reason"] = reason
        if receiver is not UNSET:
            field_dict["receiver"] = receiver
        if remote_address is not UNSET:
            field_dict["remoteAddress"] = remote_address
        if starts_at is not UNSET:
            field_dict["startsAt"] = starts_at
        if status is not UNSET:
            field_dict["status"] = status
        if truncated_alerts is not UNSET:
            field_dict["truncatedAlerts"] = truncated_alerts
        if version is not UNSET:
            field_dict["version"] = version

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.history_line_links import HistoryLineLinks

        d = dict(src_dict)
        delivery = d.pop("delivery")

        http_status = d.pop("httpStatus")

        id = d.pop("id")

        links = HistoryLineLinks.from_dict(d.pop("links"))

        outcome = d.pop("outcome")

        received_at = datetime.datetime.fromisoformat(d.pop("receivedAt"))

        source = d.pop("source")

        action = d.pop("action", UNSET)

        alertname = d.pop("alertname", UNSET)

        commit = d.pop("commit", UNSET)

        environment = d.pop("environment", UNSET)

        fingerprint = d.pop("fingerprint", UNSET)

        model = d.pop("model", UNSET)

        principal = d.pop("principal", UNSET)

        reason = d.pop("reason", UNSET)

        receiver = d.pop("receiver", UNSET)

        remote_address = d.pop("remoteAddress", UNSET)

        starts_at = d.pop("startsAt", UNSET)

        status = d.pop("status", UNSET)

        truncated_alerts = d.pop("truncatedAlerts", UNSET)

        version = d.pop("version", UNSET)

        history_line = cls(
            delivery=delivery,
            http_status=http_status,
            id=id,
            links=links,
            outcome=outcome,
            received_at=received_at,
            source=source,
            action=action,
            alertname=alertname,
            commit=commit,
            environment=environment,
            fingerprint=fingerprint,
            model=model,
            principal=principal,
            reason=reason,
            receiver=receiver,
            remote_address=remote_address,
            starts_at=starts_at,
            status=status,
            truncated_alerts=truncated_alerts,
            version=version,
        )

        history_line.additional_properties = d
        return history_line

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
