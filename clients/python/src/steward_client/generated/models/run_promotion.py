from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RunPromotion")


@_attrs_define
class RunPromotion:
    """
    Attributes:
        environment (str):
        requested_by (str):
        at (datetime.datetime | Unset):
        promotion (str | Unset):
        refused (str | Unset):
        state (str | Unset):
    """

    environment: str
    requested_by: str
    at: datetime.datetime | Unset = UNSET
    promotion: str | Unset = UNSET
    refused: str | Unset = UNSET
    state: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        environment = self.environment

        requested_by = self.requested_by

        at: str | Unset = UNSET
        if not isinstance(self.at, Unset):
            at = self.at.isoformat()

        promotion = self.promotion

        refused = self.refused

        state = self.state

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "environment": environment,
                "requestedBy": requested_by,
            }
        )
        if at is not UNSET:
            field_dict["at"] = at
        if promotion is not UNSET:
            field_dict["promotion"] = promotion
        if refused is not UNSET:
            field_dict["refused"] = refused
        if state is not UNSET:
            field_dict["state"] = state

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        environment = d.pop("environment")

        requested_by = d.pop("requestedBy")

        _at = d.pop("at", UNSET)
        at: datetime.datetime | Unset
        if isinstance(_at, Unset):
            at = UNSET
        else:
            at = datetime.datetime.fromisoformat(_at)

        promotion = d.pop("promotion", UNSET)

        refused = d.pop("refused", UNSET)

        state = d.pop("state", UNSET)

        run_promotion = cls(
            environment=environment,
            requested_by=requested_by,
            at=at,
            promotion=promotion,
            refused=refused,
            state=state,
        )

        run_promotion.additional_properties = d
        return run_promotion

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
