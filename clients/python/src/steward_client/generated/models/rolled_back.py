from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.deployment import Deployment


T = TypeVar("T", bound="RolledBack")


@_attrs_define
class RolledBack:
    """
    Attributes:
        outcome (str):
        commit (str):
        deployment (Deployment):
        changed (bool | Unset):
    """

    outcome: str
    commit: str
    deployment: Deployment
    changed: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        outcome = self.outcome

        commit = self.commit

        deployment = self.deployment.to_dict()

        changed = self.changed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "outcome": outcome,
                "commit": commit,
                "deployment": deployment,
            }
        )
        if changed is not UNSET:
            field_dict["changed"] = changed

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.deployment import Deployment

        d = dict(src_dict)
        outcome = d.pop("outcome")

        commit = d.pop("commit")

        deployment = Deployment.from_dict(d.pop("deployment"))

        changed = d.pop("changed", UNSET)

        rolled_back = cls(
            outcome=outcome,
            commit=commit,
            deployment=deployment,
            changed=changed,
        )

        rolled_back.additional_properties = d
        return rolled_back

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
