from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Edge")


@_attrs_define
class Edge:
    """
    Attributes:
        from_ (str):
        intact (bool):
        pinned_digest (str):
        role (str):
        to (str):
    """

    from_: str
    intact: bool
    pinned_digest: str
    role: str
    to: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from_ = self.from_

        intact = self.intact

        pinned_digest = self.pinned_digest

        role = self.role

        to = self.to

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "from": from_,
                "intact": intact,
                "pinnedDigest": pinned_digest,
                "role": role,
                "to": to,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        from_ = d.pop("from")

        intact = d.pop("intact")

        pinned_digest = d.pop("pinnedDigest")

        role = d.pop("role")

        to = d.pop("to")

        edge = cls(
            from_=from_,
            intact=intact,
            pinned_digest=pinned_digest,
            role=role,
            to=to,
        )

        edge.additional_properties = d
        return edge

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
