from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RevokedInputServing")


@_attrs_define
class RevokedInputServing:
    """
    Attributes:
        environment (str):
        model (str):
        revocations (list[str]):
        version (int):
    """

    environment: str
    model: str
    revocations: list[str]
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        environment = self.environment

        model = self.model

        revocations = self.revocations

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "environment": environment,
                "model": model,
                "revocations": revocations,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        environment = d.pop("environment")

        model = d.pop("model")

        revocations = cast(list[str], d.pop("revocations"))

        version = d.pop("version")

        revoked_input_serving = cls(
            environment=environment,
            model=model,
            revocations=revocations,
            version=version,
        )

        revoked_input_serving.additional_properties = d
        return revoked_input_serving

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
