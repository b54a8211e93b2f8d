from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.link_details import LinkDetails


T = TypeVar("T", bound="Link")


@_attrs_define
class Link:
    """
    Attributes:
        details (LinkDetails):
        from_ (str):
        id (str):
        kind (str):
        role (str):
    """

    details: LinkDetails
    from_: str
    id: str
    kind: str
    role: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        details = self.details.to_dict()

        from_ = self.from_

        id = self.id

        kind = self.kind

        role = self.role

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "details": details,
                "from": from_,
                "id": id,
                "kind": kind,
                "role": role,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.link_details import LinkDetails

        d = dict(src_dict)
        details = LinkDetails.from_dict(d.pop("details"))

        from_ = d.pop("from")

        id = d.pop("id")

        kind = d.pop("kind")

        role = d.pop("role")

        link = cls(
            details=details,
            from_=from_,
            id=id,
            kind=kind,
            role=role,
        )

        link.additional_properties = d
        return link

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
