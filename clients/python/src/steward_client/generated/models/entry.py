from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Entry")


@_attrs_define
class Entry:
    """
    Attributes:
        action (str):
        actor (str):
        commit_id (str):
        subject (str):
        summary (str):
        time (datetime.datetime):
    """

    action: str
    actor: str
    commit_id: str
    subject: str
    summary: str
    time: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        actor = self.actor

        commit_id = self.commit_id

        subject = self.subject

        summary = self.summary

        time = self.time.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "actor": actor,
                "commitId": commit_id,
                "subject": subject,
                "summary": summary,
                "time": time,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        action = d.pop("action")

        actor = d.pop("actor")

        commit_id = d.pop("commitId")

        subject = d.pop("subject")

        summary = d.pop("summary")

        time = datetime.datetime.fromisoformat(d.pop("time"))

        entry = cls(
            action=action,
            actor=actor,
            commit_id=commit_id,
            subject=subject,
            summary=summary,
            time=time,
        )

        entry.additional_properties = d
        return entry

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
