from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Attempt")


@_attrs_define
class Attempt:
    """
    Attributes:
        launcher (str):
        number (int):
        token_expires_at (datetime.datetime):
        deadline (datetime.datetime | Unset):
        earlier_token_hashes (list[str] | Unset):
        ended_at (datetime.datetime | Unset):
        instance (str | Unset):
        launched_at (datetime.datetime | Unset):
        message (str | Unset):
        outcome (str | Unset):
        reference (str | Unset):
        token_hash (str | Unset):
    """

    launcher: str
    number: int
    token_expires_at: datetime.datetime
    deadline: datetime.datetime | Unset = UNSET
    earlier_token_hashes: list[str] | Unset = UNSET
    ended_at: datetime.datetime | Unset = UNSET
    instance: str | Unset = UNSET
    launched_at: datetime.datetime | Unset = UNSET
    message: str | Unset = UNSET
    outcome: str | Unset = UNSET
    reference: str | Unset = UNSET
    token_hash: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        launcher = self.launcher

        number = self.number

        token_expires_at = self.token_expires_at.isoformat()

        deadline: str | Unset = UNSET
        if not isinstance(self.deadline, Unset):
            deadline = self.deadline.isoformat()

        earlier_token_hashes: list[str] | Unset = UNSET
        if not isinstance(self.earlier_token_hashes, Unset):
            earlier_token_hashes = self.earlier_token_hashes

        ended_at: str | Unset = UNSET
        if not isinstance(self.ended_at, Unset):
            ended_at = self.ended_at.isoformat()

        instance = self.instance

        launched_at: str | Unset = UNSET
        if not isinstance(self.launched_at, Unset):
            launched_at = self.launched_at.isoformat()

        message = self.message

        outcome = self.outcome

        reference = self.reference

        token_hash = self.token_hash

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "launcher": launcher,
                "number": number,
                "tokenExpiresAt": token_expires_at,
            }
        )
        if deadline is not UNSET:
            field_dict["deadline"] = deadline
        if earlier_token_hashes is not UNSET:
            field_dict["earlierTokenHashes"] = earlier_token_hashes
        if ended_at is not UNSET:
            field_dict["endedAt"] = ended_at
        if instance is not UNSET:
            field_dict["instance"] = instance
        if launched_at is not UNSET:
            field_dict["launchedAt"] = launched_at
        if message is not UNSET:
            field_dict["message"] = message
        if outcome is not UNSET:
            field_dict["outcome"] = outcome
        if reference is not UNSET:
            field_dict["reference"] = reference
        if token_hash is not UNSET:
            field_dict["tokenHash"] = token_hash

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        launcher = d.pop("launcher")

        number = d.pop("number")

        token_expires_at = datetime.datetime.fromisoformat(d.pop("tokenExpiresAt"))

        _deadline = d.pop("deadline", UNSET)
        deadline: datetime.datetime | Unset
        if isinstance(_deadline, Unset):
            deadline = UNSET
        else:
            deadline = datetime.datetime.fromisoformat(_deadline)

        earlier_token_hashes = cast(list[str], d.pop("earlierTokenHashes", UNSET))

        _ended_at = d.pop("endedAt", UNSET)
        ended_at: datetime.datetime | Unset
        if isinstance(_ended_at, Unset):
            ended_at = UNSET
        else:
            ended_at = datetime.datetime.fromisoformat(_ended_at)

        instance = d.pop("instance", UNSET)

        _launched_at = d.pop("launchedAt", UNSET)
        launched_at: datetime.datetime | Unset
        if isinstance(_launched_at, Unset):
            launched_at = UNSET
        else:
            launched_at = datetime.datetime.fromisoformat(_launched_at)

        message = d.pop("message", UNSET)

        outcome = d.pop("outcome", UNSET)

        reference = d.pop("reference", UNSET)

        token_hash = d.pop("tokenHash", UNSET)

        attempt = cls(
            launcher=launcher,
            number=number,
            token_expires_at=token_expires_at,
            deadline=deadline,
            earlier_token_hashes=earlier_token_hashes,
            ended_at=ended_at,
            instance=instance,
            launched_at=launched_at,
            message=message,
            outcome=outcome,
            reference=reference,
            token_hash=token_hash,
        )

        attempt.additional_properties = d
        return attempt

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
