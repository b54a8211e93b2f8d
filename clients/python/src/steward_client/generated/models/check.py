from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Check")


@_attrs_define
class Check:
    """
    Attributes:
        at (datetime.datetime):
        check (str):
        detail (str):
        iteration (int):
        result (str):
        step (int):
        value (float | Unset):
    """

    at: datetime.datetime
    check: str
    detail: str
    iteration: int
    result: str
    step: int
    value: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        at = self.at.isoformat()

        check = self.check

        detail = self.detail

        iteration = self.iteration

        result = self.result

        step = self.step

        value = self.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "at": at,
                "check": check,
                "detail": detail,
                "iteration": iteration,
                "result": result,
                "step": step,
            }
        )
        if value is not UNSET:
            field_dict["value"] = value

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        at = datetime.datetime.fromisoformat(d.pop("at"))

        check = d.pop("check")

        detail = d.pop("detail")

        iteration = d.pop("iteration")

        result = d.pop("result")

        step = d.pop("step")

        value = d.pop("value", UNSET)

        check = cls(
            at=at,
            check=check,
            detail=detail,
            iteration=iteration,
            result=result,
            step=step,
            value=value,
        )

        check.additional_properties = d
        return check

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
